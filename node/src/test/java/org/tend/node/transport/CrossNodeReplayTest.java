package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.keystore.NodeIdentity;

/**
 * An observer without any key records the first handshake message one member's node sends to
 * another, and replays it to every other node it suspects of belonging to the same collective.
 * The first message is bound to the node it was meant for, so no other node can open it: each
 * stays as silent as to a stranger, and the observer cannot tell the collective's nodes from
 * anyone else's.
 */
class CrossNodeReplayTest {
  private static final Duration BOUND = Duration.ofSeconds(5);

  private final Fixtures f = new Fixtures(61);
  private final CollectiveId collective = f.collective();
  private final NetworkKey key = f.networkKey(collective);
  private final List<NodeIdentity> identities = new ArrayList<>();
  private final TestAdmission admission = new TestAdmission().accept(key);
  private final List<Network> networks = new ArrayList<>();

  @AfterEach
  void close() {
    networks.forEach(Network::close);
  }

  @Test
  void aRecordedFirstMessageReplayedToEveryOtherNodeOfTheCollectiveGetsNoByteBack()
      throws Exception {
    List<PeerAddress.Tcp> at = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      NodeIdentity identity = f.identity();
      identities.add(identity);
      admission.member(collective, Fixtures.memberOf(identity));
    }
    for (NodeIdentity identity : identities) {
      Network network = Network.builder(identity, admission).limits(TwoNodes.LIMITS).start();
      networks.add(network);
      at.add((PeerAddress.Tcp) network.listen(new PeerAddress.Tcp("127.0.0.1", 0)));
    }
    MemberKey bo = Fixtures.memberOf(identities.get(1));

    // Ana's node dials Bo's, and the observer on the path records its first message.
    byte[] recorded;
    try (ServerSocket path = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<PeerLink> dial = networks.get(0)
          .connect(new PeerAddress.Tcp("127.0.0.1", path.getLocalPort()), key, bo);
      try (Socket fromAna = path.accept()) {
        fromAna.setSoTimeout((int) BOUND.toMillis());
        recorded = fromAna.getInputStream().readNBytes(2 + Handshakes.FIRST_MESSAGE_LENGTH);
      }
      dial.handle((link, failure) -> null).get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }
    assertEquals(2 + Handshakes.FIRST_MESSAGE_LENGTH, recorded.length);

    assertTrue(replyTo(at.get(1), recorded) > 0, "Bo's node answers the original");
    assertEquals(0, replyTo(at.get(1), recorded), "Bo's node: replayed");
    for (int other : new int[] {0, 2, 3, 4}) {
      assertEquals(0, replyTo(at.get(other), recorded), "node " + other + " answered a replay");
    }
    // Every node still serves the members who dial it.
    for (int other : new int[] {1, 2, 3, 4}) {
      networks.get(0).connect(at.get(other), key, Fixtures.memberOf(identities.get(other)))
          .get(BOUND.toSeconds(), TimeUnit.SECONDS).close();
    }
  }

  /** The real inbound pipeline of two members' nodes on EmbeddedChannels, fed the same bytes. */
  @Test
  void onTheRealInboundPipelineOnlyTheNodeTheMessageWasMeantForAnswersIt() throws Exception {
    NodeIdentity ana = f.identity();
    NodeIdentity bo = f.identity();
    NodeIdentity cy = f.identity();
    NodeIdentity stranger = f.identity();
    ByteBuf wire = f.firstMessage(ana, bo, key, f.clock.millis());
    byte[] recorded = ByteBufUtil.getBytes(wire);
    wire.release();

    TransportPipeline boNode = inbound(bo);
    assertEquals(198, replyBytes(boNode, recorded), "Bo, original: message 2");
    assertEquals(0, replyBytes(boNode, recorded), "Bo, replayed");
    assertEquals(0, replyBytes(inbound(cy), recorded), "Cy, replayed");
    assertEquals(0, replyBytes(new TransportPipeline(f.handshakes(stranger),
        new TestAdmission(), new PeerListener() { }, TransportLimits.defaults(), f.clock,
        System::nanoTime), recorded), "a stranger's node");
  }

  @Test
  void aJoinersFirstMessageOpensOnlyAtTheInvitersNode() throws Exception {
    NodeIdentity joiner = f.identity();
    NodeIdentity inviter = f.identity();
    NodeIdentity otherHolder = f.identity();
    NetworkKey join = NetworkKey.forJoin(collective, key.psk());
    TestAdmission invites = new TestAdmission().accept(join);
    ByteBuf wire = f.firstMessage(joiner, inviter, join, f.clock.millis());
    byte[] recorded = ByteBufUtil.getBytes(wire);
    wire.release();

    assertEquals(0, replyBytes(pipeline(otherHolder, invites), recorded));
    assertEquals(198, replyBytes(pipeline(inviter, invites), recorded));
  }

  private TransportPipeline inbound(NodeIdentity node) {
    return pipeline(node, admission);
  }

  private TransportPipeline pipeline(NodeIdentity node, TestAdmission nodeAdmission) {
    return new TransportPipeline(f.handshakes(node), nodeAdmission, new PeerListener() { },
        TransportLimits.defaults(), f.clock, System::nanoTime);
  }

  /** How many bytes the pipeline writes back: message 2 is 198 with its 2-byte length. */
  private static int replyBytes(TransportPipeline pipeline, byte[] firstMessage) {
    EmbeddedChannel channel = new EmbeddedChannel(pipeline.inbound());
    channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(firstMessage));
    int bytes = 0;
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      bytes += out.readableBytes();
      out.release();
    }
    channel.finishAndReleaseAll();
    return bytes;
  }

  /** Sends the bytes on a fresh connection; counts what comes back until the node closes. */
  private static int replyTo(PeerAddress.Tcp node, byte[] bytes) throws IOException {
    try (Socket socket = new Socket(node.host(), node.port())) {
      socket.setSoTimeout((int) BOUND.toMillis());
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      byte[] buffer = new byte[512];
      try {
        for (int n; (n = in.read(buffer)) != -1; ) {
          reply.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException stillOpen) {
        // an answering node waits for message 3; what it wrote is counted
      }
      return reply.size();
    }
  }
}
