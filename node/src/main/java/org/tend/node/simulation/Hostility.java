package org.tend.node.simulation;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.protocol.proto.EventPush;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.SignedEvent;

/**
 * What stands between a hostile node's real replicator and its links: frames it sends pass
 * through here, so the node strips or withholds what it relays, and the links it holds are
 * known for its attacks (see {@link HostileActs}). Honest nodes have {@link #none()}.
 */
final class Hostility {
  private final Set<Behaviour> behaviours;
  private final Map<PeerLink, PeerLink> links = new ConcurrentHashMap<>();
  /** How often each behaviour acted: events stripped or withheld, frames flooded, ... */
  private final Map<Behaviour, java.util.concurrent.atomic.AtomicLong> acts =
      new java.util.EnumMap<>(Behaviour.class);
  /** First handshake messages this node received, as they came (a replaying node's). */
  private final List<byte[]> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile MemberKey me;

  private Hostility(Set<Behaviour> behaviours) {
    this.behaviours = behaviours.isEmpty() ? Set.of() : EnumSet.copyOf(behaviours);
    for (Behaviour b : Behaviour.values()) {
      acts.put(b, new java.util.concurrent.atomic.AtomicLong());
    }
  }

  /** Counts {@code n} acts of {@code b}. */
  void acted(Behaviour b, long n) {
    acts.get(b).addAndGet(n);
  }

  /** How often each of this node's behaviours acted so far. */
  Map<Behaviour, Long> acts() {
    Map<Behaviour, Long> out = new java.util.EnumMap<>(Behaviour.class);
    behaviours.forEach(b -> out.put(b, acts.get(b).get()));
    return out;
  }

  /** Keeps a first handshake message this node received (at most a few: enough to replay). */
  void record(byte[] firstMessage) {
    if (recorded.size() < 16) {
      recorded.add(firstMessage);
    }
  }

  List<byte[]> recorded() {
    return List.copyOf(recorded);
  }

  static Hostility none() {
    return new Hostility(Set.of());
  }

  static Hostility of(Set<Behaviour> behaviours, MemberKey me) {
    Hostility h = new Hostility(behaviours);
    h.me = me;
    return h;
  }

  boolean hostile() {
    return !behaviours.isEmpty();
  }

  boolean does(Behaviour b) {
    return behaviours.contains(b);
  }

  Set<Behaviour> behaviours() {
    return behaviours;
  }

  /** The links open now (as this node's replicator sees them). */
  List<PeerLink> links() {
    return links.values().stream().filter(PeerLink::isOpen).toList();
  }

  PeerListener around(PeerListener inner) {
    if (!hostile()) {
      return inner;
    }
    return new PeerListener() {
      @Override
      public void connected(PeerLink link) {
        inner.connected(wrap(link));
      }

      @Override
      public void received(PeerLink link, Frame frame) {
        inner.received(wrap(link), frame);
      }

      @Override
      public void disconnected(PeerLink link) {
        PeerLink wrapped = links.remove(link);
        inner.disconnected(wrapped == null ? new Tampering(link) : wrapped);
      }
    };
  }

  private PeerLink wrap(PeerLink link) {
    return links.computeIfAbsent(link, Tampering::new);
  }

  /** What this node sends instead of {@code frame}, or null to send nothing. */
  private Frame tamper(Frame frame) {
    if (frame.getBodyCase() != Frame.BodyCase.EVENTS) {
      return frame;
    }
    EventPush push = frame.getEvents();
    EventPush.Builder out = push.toBuilder().clearEvents();
    for (SignedEvent e : push.getEventsList()) {
      boolean own = HostileActs.authorOf(e).map(a -> a.equals(me)).orElse(false);
      if (own) {
        out.addEvents(e);
      } else if (does(Behaviour.WITHHOLD)) {
        acted(Behaviour.WITHHOLD, 1);
      } else if (does(Behaviour.STRIP)) {
        acted(Behaviour.STRIP, 1);
        out.addEvents(e.toBuilder().clearContent());
      } else {
        out.addEvents(e);
      }
    }
    return out.getEventsCount() == 0 ? null : frame.toBuilder().setEvents(out).build();
  }

  /** A link whose outgoing frames this node tampers with. Equal to the link it wraps. */
  private final class Tampering implements PeerLink {
    private final PeerLink link;

    Tampering(PeerLink link) {
      this.link = link;
    }

    @Override
    public CollectiveId collective() {
      return link.collective();
    }

    @Override
    public MemberKey member() {
      return link.member();
    }

    @Override
    public String remoteAddress() {
      return link.remoteAddress();
    }

    @Override
    public boolean inbound() {
      return link.inbound();
    }

    @Override
    public boolean joinOnly() {
      return link.joinOnly();
    }

    @Override
    public boolean isOpen() {
      return link.isOpen();
    }

    @Override
    public CompletableFuture<Void> send(Frame frame) {
      Frame out = tamper(frame);
      return out == null ? CompletableFuture.completedFuture(null) : link.send(out);
    }

    /** Sends {@code frame} as it is: the node's own attacks. */
    CompletableFuture<Void> sendRaw(Frame frame) {
      return link.send(frame);
    }

    @Override
    public CompletableFuture<Duration> ping() {
      return link.ping();
    }

    @Override
    public void close() {
      link.close();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tampering t && t.link.equals(link);
    }

    @Override
    public int hashCode() {
      return link.hashCode();
    }
  }
}
