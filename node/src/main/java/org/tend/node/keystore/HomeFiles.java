package org.tend.node.keystore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Where things live inside a home directory. */
public record HomeFiles(Path home) {
  public Path keystore() {
    return home.resolve("keystore");
  }

  /** Present only while a passphrase change replaces the master key; see KeyRotation. */
  public Path keyRotation() {
    return home.resolve("keystore.rotation");
  }

  public Path store() {
    return home.resolve("store");
  }

  public Path lock() {
    return home.resolve("lock");
  }

  /** The running node's process id, present while `tend up` runs. */
  public Path nodePid() {
    return home.resolve("node.pid");
  }

  /** Output of a node started with `tend up --detach`. */
  public Path nodeLog() {
    return home.resolve("node.log");
  }

  /** The control socket, when its path is short enough for a Unix socket address. */
  public Path controlSocket() {
    return home.resolve("control.sock");
  }

  /** Names the control socket's path when it had to live outside the home. */
  public Path controlSocketRecord() {
    return home.resolve("control.path");
  }

  /**
   * The pid in {@link #nodePid()} if that process is alive. A node killed with SIGKILL leaves
   * the file behind, and its pid may since belong to another process: the home lock, not this
   * file, decides whether the home is in use.
   */
  public OptionalLong livingNodePid() {
    try {
      long pid = Long.parseLong(Files.readString(nodePid(), StandardCharsets.US_ASCII).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
          ? OptionalLong.of(pid)
          : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  public boolean exists() {
    return Files.isRegularFile(keystore());
  }
}
