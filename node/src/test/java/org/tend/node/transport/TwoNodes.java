package org.tend.node.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.keystore.NodeIdentity;

/** A listening node and a connecting one, members of one collective, for network tests. */
final class TwoNodes implements AutoCloseable {
  static final TransportLimits LIMITS = TransportLimits.defaults()
      .withHandshakeTimeout(Duration.ofMillis(1500));

  final Fixtures f = new Fixtures(23);
  final CollectiveId collective = f.collective();
  final NetworkKey key = f.networkKey(collective);
  final NodeIdentity serverIdentity = f.identity();
  final NodeIdentity clientIdentity = f.identity();
  final MemberKey serverMember = Fixtures.memberOf(serverIdentity);
  final TestAdmission serverAdmission = new TestAdmission().accept(key)
      .member(collective, Fixtures.memberOf(serverIdentity))
      .member(collective, Fixtures.memberOf(clientIdentity));
  final TestAdmission clientAdmission = new TestAdmission().accept(key)
      .member(collective, Fixtures.memberOf(serverIdentity))
      .member(collective, Fixtures.memberOf(clientIdentity));
  final List<PeerLink> serverSaw = new CopyOnWriteArrayList<>();
  final Network server;
  final Network client;

  TwoNodes() {
    server = Network.builder(serverIdentity, serverAdmission).limits(LIMITS)
        .randomness(f.random).listener(new PeerListener() {
          @Override
          public void connected(PeerLink link) {
            serverSaw.add(link);
          }
        }).start();
    client = Network.builder(clientIdentity, clientAdmission).limits(LIMITS).start();
  }

  /** Another node with its own identity, sharing the client's admission view. */
  Network stranger(NodeIdentity identity) {
    return Network.builder(identity, clientAdmission).limits(LIMITS).start();
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
