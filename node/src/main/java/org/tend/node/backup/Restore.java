package org.tend.node.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.tend.node.api.home.HomeExistsException;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.home.WrongPassphraseException;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.Keystores;
import org.tend.node.keystore.UnlockedKeys;
import org.tend.node.store.Store;
import org.tend.node.store.StoreOptions;
import org.tend.node.store.WriteSet;

/**
 * Restores an archive into an empty home. The passphrase is checked and every chunk
 * authenticated before anything is written; the home is then built in a sibling directory and
 * renamed into place, so a failure at any point leaves no home behind.
 */
public final class Restore {
  private Restore() {}

  /** @return the number of records restored */
  public static long into(HomeFiles target, Path archive, Passphrase passphrase,
      StoreOptions options) throws TendException {
    Path home = target.home();
    if (Files.exists(home) && !isEmptyDirectory(home)) {
      throw new HomeExistsException(home);
    }
    ArchiveReader reader = ArchiveReader.open(archive);
    try (UnlockedKeys keys = unlock(reader, passphrase)) {
      reader.read(keys.masterKey(), records -> { });
      Path staging = home.resolveSibling(home.getFileName() + ".restoring");
      deleteTree(staging);
      HomeFiles staged = new HomeFiles(staging);
      long restored;
      try {
        Files.createDirectories(staging);
        try (Store store = Store.open(staged.store(), options, keys.masterKey())) {
          restored = reader.read(keys.masterKey(), records -> {
            WriteSet set = new WriteSet();
            records.forEach(r -> set.put(r.column(), r.key(), r.value()));
            store.write(set);
          });
        }
        Keystores.install(staged, reader.keystore());
        // A home has its lock file from the start, so a later failed unlock creates nothing.
        Files.createFile(staged.lock());
        if (Files.exists(home)) {
          Files.delete(home);
        }
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteTree(staging);
        throw new StorageException("Could not restore into " + home + ": " + e.getMessage(), e);
      } catch (TendException | RuntimeException e) {
        deleteTree(staging);
        throw e;
      }
      return restored;
    }
  }

  private static UnlockedKeys unlock(ArchiveReader reader, Passphrase passphrase)
      throws TendException {
    try {
      return Keystores.unlock(reader.keystore(), passphrase);
    } catch (WrongPassphraseException e) {
      // An altered key wrap and a wrong passphrase look the same to AES-GCM.
      throw new WrongPassphraseException("That passphrase does not open this backup (or the"
          + " backup's key was altered); nothing was restored.");
    }
  }

  private static boolean isEmptyDirectory(Path path) throws StorageException {
    try (Stream<Path> children = Files.list(path)) {
      return children.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path root) throws StorageException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new StorageException("Could not remove " + root + ": " + e.getMessage(), e);
    }
  }
}
