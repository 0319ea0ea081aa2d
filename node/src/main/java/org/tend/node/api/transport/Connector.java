package org.tend.node.api.transport;

import java.util.concurrent.CompletableFuture;

/** Makes outbound links to members' nodes; the node's network endpoint implements it. */
public interface Connector {

  /**
   * Connects to {@code address} with {@code key}; completes with the link once both sides are
   * authenticated, or fails with {@link PeerUnreachableException}.
   */
  CompletableFuture<PeerLink> connect(PeerAddress address, NetworkKey key);
}
