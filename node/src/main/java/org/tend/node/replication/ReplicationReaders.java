package org.tend.node.replication;

import java.util.List;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.AddressBook;
import org.tend.node.api.replication.DocumentSink;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.proto.SignedDocument;

/**
 * The readers of a replicator composed outside
 * {@link ReplicationModule} (the in-JVM simulator): documents in members' logs go to the
 * history, documents this node signs go into its log, peer-exchange announcements go to
 * the address book, and facilitators' fork resolutions take effect — through the same
 * readers a node uses.
 */
public final class ReplicationReaders {
  private final MembershipFeed feed;
  private final PeerExchange exchange;
  private final ForkDesk forks;

  public ReplicationReaders(Replicator replicator, AddressBook addresses,
      DocumentSink documents) {
    this.feed = new MembershipFeed(replicator, documents);
    this.exchange = new PeerExchange(replicator, addresses);
    this.forks = new ForkDesk(replicator);
  }

  /** A document this node signed, into its log in the epoch it belongs to. */
  public void publishOwn(CollectiveId collective, SignedDocument document, int epoch)
      throws TendException {
    feed.publishOwn(collective, document, java.util.OptionalInt.of(epoch));
  }

  /** Announces where this node listens, as the anti-entropy timer does on a node. */
  public void announce(CollectiveId collective, List<PeerAddress.Tcp> addresses)
      throws TendException {
    exchange.announce(collective, addresses);
  }

  /** Forks this node knows of, and the resolution a facilitator publishes. */
  public org.tend.node.api.replication.Forks forks() {
    return forks;
  }
}
