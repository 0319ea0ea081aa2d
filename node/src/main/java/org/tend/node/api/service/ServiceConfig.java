package org.tend.node.api.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a node runs as a service.
 *
 * @param listen the network address for peers (the listener arrives with the transport)
 * @param runtimeDirectory where the control socket goes when the home's path is too long for
 *     a Unix socket address; a private directory is made inside it
 * @param control limits of the control channel
 */
public record ServiceConfig(ListenAddress listen, Path runtimeDirectory, ControlLimits control) {
  public ServiceConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
    Objects.requireNonNull(control, "control");
  }

  /**
   * The member's configuration: the given address, {@code $XDG_RUNTIME_DIR} (else the JVM's
   * temporary directory) for a socket that does not fit in the home, and default limits.
   */
  public static ServiceConfig forListen(ListenAddress listen) {
    return new ServiceConfig(listen, defaultRuntimeDirectory(), ControlLimits.DEFAULT);
  }

  public ServiceConfig withRuntimeDirectory(Path directory) {
    return new ServiceConfig(listen, directory, control);
  }

  public ServiceConfig withControl(ControlLimits limits) {
    return new ServiceConfig(listen, runtimeDirectory, limits);
  }

  private static Path defaultRuntimeDirectory() {
    String xdg = System.getenv("XDG_RUNTIME_DIR");
    if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
      return Path.of(xdg).toAbsolutePath();
    }
    return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
  }
}
