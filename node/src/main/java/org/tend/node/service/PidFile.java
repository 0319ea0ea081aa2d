package org.tend.node.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.service.Component;
import org.tend.node.keystore.HomeFiles;

/**
 * {@code <home>/node.pid} while the node runs, so `tend` can name the process holding the
 * home. Written after the home lock is taken and removed before it is released, so the file
 * never names a node other than the lock's holder.
 */
final class PidFile implements Component {
  private final HomeFiles files;
  private final long pid;
  private final Consumer<String> log;

  PidFile(HomeFiles files, long pid, Consumer<String> log) {
    this.files = files;
    this.pid = pid;
    this.log = log;
  }

  @Override
  public void start() throws StorageException {
    try {
      OwnerOnly.writeFile(files.nodePid(), pid + "\n");
    } catch (IOException e) {
      throw new StorageException("Could not write " + files.nodePid() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void stop() {
    try {
      if (Files.readString(files.nodePid(), StandardCharsets.US_ASCII).strip()
          .equals(Long.toString(pid))) {
        Files.delete(files.nodePid());
      }
    } catch (IOException e) {
      log.accept("could not remove " + files.nodePid() + ": " + e.getMessage());
    }
  }
}
