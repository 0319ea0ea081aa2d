package org.tend.node.api.service;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The network address a node listens on for its peers, as {@code HOST:PORT}. The host is kept
 * as written (a name or an IP literal; IPv6 literals in brackets on the command line) and is
 * not resolved here.
 *
 * @param host a host name or IP literal, without brackets
 * @param port 1 to 65535
 */
public record ListenAddress(String host, int port) {
  // Before DEFAULT, which the constructor checks against it.
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]{1,253}");

  /** Every interface, on Tend's port: peers on the network can reach the node. */
  public static final ListenAddress DEFAULT = new ListenAddress("0.0.0.0", 7428);

  /** What {@link #parse} is shown as in help and error messages. */
  public static final String DEFAULT_TEXT = "0.0.0.0:7428";

  private static final String EXAMPLES = "expected HOST:PORT, such as 0.0.0.0:7428,"
      + " 192.168.1.20:7428 or [::]:7428";

  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("'" + host + "' is not a host name or IP address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the port must be 1 to 65535, not " + port);
    }
  }

  /** Reads {@code HOST:PORT} or {@code [IPV6]:PORT}; the message says what is wrong. */
  public static ListenAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': " + EXAMPLES);
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0 || text.indexOf(':') != colon) {
        throw new IllegalArgumentException("'" + text + "': " + EXAMPLES
            + (colon >= 0 ? " (put an IPv6 address in brackets)" : ""));
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' has no host: " + EXAMPLES);
    }
    if (!port.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("'" + text + "' has no port number: " + EXAMPLES);
    }
    return new ListenAddress(host, Integer.parseInt(port));
  }

  /** As {@link #parse} reads it back. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
