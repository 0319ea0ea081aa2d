package org.tend.node.api.transport;

import org.tend.protocol.proto.Frame;

/**
 * Hears about authenticated peers. Called on the connection's I/O thread: return quickly and
 * hand longer work to another thread.
 */
public interface PeerListener {

  /** A member's node is connected and authenticated; frames may flow. */
  default void connected(PeerLink link) {
  }

  /** A frame other than the transport's own pings arrived. */
  default void received(PeerLink link, Frame frame) {
  }

  /** The link closed, for whatever reason. Called once, only after {@link #connected}. */
  default void disconnected(PeerLink link) {
  }

  /** One listener that tells each of {@code listeners} everything, in order. */
  static PeerListener all(PeerListener... listeners) {
    java.util.List<PeerListener> list = java.util.List.of(listeners);
    return new PeerListener() {
      @Override
      public void connected(PeerLink link) {
        list.forEach(l -> l.connected(link));
      }

      @Override
      public void received(PeerLink link, Frame frame) {
        list.forEach(l -> l.received(link, frame));
      }

      @Override
      public void disconnected(PeerLink link) {
        list.forEach(l -> l.disconnected(link));
      }
    };
  }
}
