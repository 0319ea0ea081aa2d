package org.tend.node.api.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.protocol.proto.Frame;

/** An authenticated connection to another member's node, within one collective. Thread-safe. */
public interface PeerLink {

  CollectiveId collective();

  /** The member the handshake proved is at the other end. */
  MemberKey member();

  /** The remote address as this node sees it. */
  String remoteAddress();

  /** Whether the other node connected to this one. */
  boolean inbound();

  /**
   * Whether this link was made with an invite's key: the other side is a joiner (or the
   * inviter), and only the join exchange may pass.
   */
  boolean joinOnly();

  boolean isOpen();

  /** Sends one frame; completes when written, fails if the link closes first. */
  CompletableFuture<Void> send(Frame frame);

  /** Measures the round-trip time; fails if the link closes before the answer. */
  CompletableFuture<Duration> ping();

  /** Closes the connection. Idempotent. */
  void close();
}
