package org.tend.node.collective;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.TransportLimits;

/** Real nodes — homes, stores, TCP on loopback — for collective tests. Closes them all. */
public final class Collective implements AutoCloseable {
  static final TransportLimits LIMITS = TransportLimits.defaults()
      .withHandshakeTimeout(Duration.ofSeconds(2));
  static final Duration DIAL = Duration.ofMillis(200);

  private final Path root;
  private final List<TendNode> nodes = new ArrayList<>();
  private final Map<TendNode, String> names = new IdentityHashMap<>();

  public Collective(Path root) {
    this.root = root;
  }

  /** A new node with its own home, listening on an ephemeral loopback port. */
  public TendNode node(String name) throws Exception {
    return node(TestHomes.config(root.resolve(name)));
  }

  public TendNode node(NodeConfig config) throws Exception {
    TendNode node = TendNode.exists(config) ? TestHomes.open(config) : TestHomes.init(config);
    node.startNetwork(Optional.of(new PeerAddress.Tcp("127.0.0.1", 0)), LIMITS, DIAL);
    nodes.add(node);
    String home = config.home().getFileName().toString();
    names.put(node, home.substring(0, 1).toUpperCase(Locale.ROOT) + home.substring(1));
    return node;
  }

  /**
   * Forms "Riverside Care" at the founder's node under the default rules; the others join in
   * order with one invite. Each member is named after its home ("bo" joins as "Bo").
   */
  public CollectiveId form(TendNode founder, TendNode... joiners) throws Exception {
    CollectiveId id = founder.collectives().create("Riverside Care", names.get(founder),
        Rules.defaults()).id();
    if (joiners.length > 0) {
      String code = invite(founder, id, joiners.length);
      for (TendNode joiner : joiners) {
        joiner.collectives().join(code, names.get(joiner));
      }
    }
    return id;
  }

  /** An invite for {@code uses} joins, an hour long, naming the inviter's loopback address. */
  public static String invite(TendNode inviter, CollectiveId id, int uses) throws Exception {
    return inviter.collectives().invite(id, uses, Duration.ofHours(1), List.of(address(inviter)))
        .code();
  }

  public static PeerAddress.Tcp address(TendNode node) {
    return (PeerAddress.Tcp) node.listening().get(0);
  }

  public static boolean isActiveIn(TendNode observer, CollectiveId id, MemberKey member) {
    try {
      return observer.collectives().members(id).stream()
          .anyMatch(m -> m.key().equals(member) && m.isActive());
    } catch (Exception e) {
      return false;
    }
  }

  public void close(TendNode node) {
    nodes.remove(node);
    names.remove(node);
    node.close();
  }

  @Override
  public void close() {
    nodes.forEach(TendNode::close);
    nodes.clear();
  }
}
