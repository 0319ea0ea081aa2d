package org.tend.node.keystore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.StorageException;
import org.tend.protocol.crypto.Randomness;

/**
 * Emergency wipe. First the wrapped master key is overwritten in place and synced, which alone
 * makes everything in the home unreadable forever, whatever else happens next; then Tend's
 * files and the emptied home folder are removed, so the device shows no Tend data at all.
 */
public final class Panic {
  private Panic() {}

  public static void wipe(HomeFiles files, Randomness randomness)
      throws HomeNotFoundException, StorageException {
    if (!files.exists() && !Files.isDirectory(files.store())) {
      throw new HomeNotFoundException(files.home());
    }
    try {
      destroyKeystore(files.keystore(), randomness);
      destroyKeystore(files.keystore().resolveSibling("keystore.new"), randomness);
      // An interrupted passphrase change leaves both master keys sealed here.
      destroyKeystore(files.keyRotation(), randomness);
      destroyKeystore(files.keyRotation().resolveSibling("keystore.rotation.new"), randomness);
      KeystoreFile.syncDirectory(files.home());
      // Only what Tend put there: a home given by mistake as a busy folder keeps its other files.
      if (Files.isDirectory(files.store())) {
        deleteTree(files.store());
      }
      Files.deleteIfExists(files.lock());
      // What a running node leaves: panic stops the node first, or it was killed earlier.
      for (Path left : new Path[] {files.nodePid(), files.nodeLog(), files.controlSocket(),
          files.controlSocketRecord()}) {
        Files.deleteIfExists(left);
      }
      try (var rest = Files.list(files.home())) {
        if (rest.findAny().isEmpty()) {
          Files.delete(files.home());
        }
      }
    } catch (IOException e) {
      throw new StorageException("Panic could not finish removing " + files.home() + ": "
          + e.getMessage(), e);
    }
  }

  private static void destroyKeystore(Path keystore, Randomness randomness) throws IOException {
    if (!Files.exists(keystore)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(keystore, StandardOpenOption.WRITE)) {
      ByteBuffer noise = ByteBuffer.wrap(randomness.bytes((int) Math.max(channel.size(), 1)));
      while (noise.hasRemaining()) {
        channel.write(noise, noise.position());
      }
      channel.force(true);
    }
    Files.delete(keystore);
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
