package org.tend.node.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.AddressBook;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.ListenPoint;

/**
 * Peer exchange: each member's node says where it listens in an event for the collective
 * (encrypted like any other), whenever that changes; the others add those addresses to what
 * their dialler tries. So members reach each other, not only whoever invited them.
 */
final class PeerExchange implements Replicator.Reader {
  /** Most addresses one announcement may carry; more are ignored. */
  static final int MAX_ADDRESSES = 8;
  static final int MAX_HOST_CHARS = 253;

  private final Replicator replicator;
  private final AddressBook book;
  /** What this node last announced in each collective. */
  private final Map<CollectiveId, List<PeerAddress.Tcp>> announced = new HashMap<>();

  PeerExchange(Replicator replicator, AddressBook book) {
    this.replicator = replicator;
    this.book = book;
    replicator.addReader(this);
  }

  /** Announces {@code addresses} in {@code collective} unless that is what was said last. */
  synchronized void announce(CollectiveId collective, List<PeerAddress.Tcp> addresses)
      throws TendException {
    Optional<Membership> membership = replicator.memberships().membership(collective);
    if (addresses.isEmpty() || membership.isEmpty()
        || !membership.get().isActive(replicator.me())
        || !replicator.mayWriteUnasked(collective)) {
      return; // tried again next period
    }
    List<PeerAddress.Tcp> last = announced.containsKey(collective) ? announced.get(collective)
        : lastAnnounced(membership.get(), collective);
    if (addresses.equals(last)) {
      announced.put(collective, last);
      return;
    }
    org.tend.protocol.proto.PeerExchange.Builder exchange =
        org.tend.protocol.proto.PeerExchange.newBuilder();
    for (PeerAddress.Tcp a : addresses.subList(0, Math.min(addresses.size(), MAX_ADDRESSES))) {
      exchange.addAddresses(ListenPoint.newBuilder().setHost(a.host()).setPort(a.port()));
    }
    replicator.publish(collective, EventContent.newBuilder().setPeerExchange(exchange).build(),
        List.of());
    announced.put(collective, List.copyOf(addresses));
  }

  @Override
  public void added(CollectiveId collective, List<VerifiedEvent> events) {
    Optional<Membership> membership = replicator.memberships().membership(collective);
    if (membership.isEmpty()) {
      return;
    }
    for (VerifiedEvent e : events) {
      if (e.author().equals(replicator.me())) {
        continue;
      }
      ContentSeal.openWith(membership.get(), e).filter(EventContent::hasPeerExchange)
          .map(c -> addresses(c.getPeerExchange()))
          .filter(a -> !a.isEmpty())
          .ifPresent(a -> book.heard(collective, e.author(), a));
    }
  }

  private List<PeerAddress.Tcp> lastAnnounced(Membership membership, CollectiveId collective)
      throws TendException {
    List<PeerAddress.Tcp> last = List.of();
    for (VerifiedEvent e : replicator.events(collective)) {
      if (e.author().equals(replicator.me())) {
        Optional<EventContent> c = ContentSeal.openWith(membership, e)
            .filter(EventContent::hasPeerExchange);
        if (c.isPresent()) {
          last = addresses(c.get().getPeerExchange());
        }
      }
    }
    return last;
  }

  /** The well-formed addresses of an announcement, at most {@link #MAX_ADDRESSES}. */
  static List<PeerAddress.Tcp> addresses(org.tend.protocol.proto.PeerExchange exchange) {
    List<PeerAddress.Tcp> out = new ArrayList<>();
    for (ListenPoint p : exchange.getAddressesList()) {
      if (out.size() == MAX_ADDRESSES) {
        break;
      }
      String host = p.getHost();
      if (!host.isBlank() && host.length() <= MAX_HOST_CHARS && p.getPort() >= 1
          && p.getPort() <= 65535 && host.chars().allMatch(ch -> ch > 32 && ch < 127)) {
        out.add(new PeerAddress.Tcp(host, p.getPort()));
      }
    }
    return out;
  }
}
