package org.tend.node.api.transport;

import java.util.Objects;

/** Where a node listens or is reached: a TCP address, or a name in this JVM's memory. */
public sealed interface PeerAddress {

  /** A TCP host (name or IP literal) and port. */
  record Tcp(String host, int port) implements PeerAddress {
    public Tcp {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
    }

    @Override
    public String toString() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /** An in-memory address, for tests and the simulator: the same pipeline, no sockets. */
  record InMemory(String name) implements PeerAddress {
    public InMemory {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return "local:" + name;
    }
  }
}
