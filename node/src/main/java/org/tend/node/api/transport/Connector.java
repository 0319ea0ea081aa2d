package org.tend.node.api.transport;

import java.util.concurrent.CompletableFuture;
import org.tend.node.api.collective.MemberKey;

/** Makes outbound links to members' nodes; the node's network endpoint implements it. */
public interface Connector {

  /**
   * Connects to the node of {@code responder} at {@code address} with {@code key}; completes with
   * the link once both sides are authenticated, or fails with {@link PeerUnreachableException}.
   * The first handshake message is bound to {@code responder}: no other node can open it, so a
   * copy of it tells nobody else's node anything. Whoever answers must prove to be
   * {@code responder} before this node reveals its own identity.
   *
   * @throws IllegalArgumentException if {@code key} may reach only another member
   */
  CompletableFuture<PeerLink> connect(PeerAddress address, NetworkKey key, MemberKey responder);
}
