package org.tend.node.collective;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.TransportLimits;

/** Real nodes — homes, stores, TCP on loopback — for collective tests. Closes them all. */
public final class Collective implements AutoCloseable {
  static final TransportLimits LIMITS = TransportLimits.defaults()
      .withHandshakeTimeout(Duration.ofSeconds(2));
  static final Duration DIAL = Duration.ofMillis(200);

  private final Path root;
  private final List<TendNode> nodes = new ArrayList<>();

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
    return node;
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
    node.close();
  }

  @Override
  public void close() {
    nodes.forEach(TendNode::close);
    nodes.clear();
  }
}
