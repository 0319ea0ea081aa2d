package org.tend.node.keystore;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things live inside a home directory. */
public record HomeFiles(Path home) {
  public Path keystore() {
    return home.resolve("keystore");
  }

  public Path store() {
    return home.resolve("store");
  }

  public Path lock() {
    return home.resolve("lock");
  }

  public boolean exists() {
    return Files.isRegularFile(keystore());
  }
}
