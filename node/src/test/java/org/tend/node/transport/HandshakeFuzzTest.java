package org.tend.node.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.api.transport.TransportLimits;

/**
 * Arbitrary bytes into a responder's whole inbound pipeline, as a listening node builds it,
 * optionally after a genuine first message
 * (so the fuzzer reaches the parsing of messages 2 and 3 and of the PeerHello): the connection
 * must be refused or closed, never crash the pipeline, and never write anything before a valid
 * first message.
 */
class HandshakeFuzzTest {
  private static final Fixtures F = new Fixtures(31);
  private static final NodeIdentity NODE = F.identity();
  private static final NodeIdentity MEMBER = F.identity();
  private static final CollectiveId COLLECTIVE = F.collective();
  private static final NetworkKey KEY = F.networkKey(COLLECTIVE);
  private static final TestAdmission ADMISSION = new TestAdmission().accept(KEY)
      .member(COLLECTIVE, Fixtures.memberOf(MEMBER));

  @FuzzTest(maxDuration = "5m")
  void refusesOrClosesWithoutCrashing(FuzzedDataProvider data) throws Exception {
    TransportPipeline pipeline = new TransportPipeline(F.handshakes(NODE), ADMISSION,
        new org.tend.node.api.transport.PeerListener() { }, TransportLimits.defaults(), F.clock,
        System::nanoTime);
    EmbeddedChannel channel = new EmbeddedChannel(pipeline.inbound());
    boolean genuineStart = data.consumeBoolean();
    if (genuineStart) {
      channel.writeInbound(F.firstMessage(MEMBER, NODE, KEY, F.clock.millis()));
    }
    while (data.remainingBytes() > 0 && channel.isActive()) {
      channel.writeInbound(Unpooled.wrappedBuffer(data.consumeBytes(data.consumeInt(1, 200))));
    }
    if (!genuineStart && channel.readOutbound() != null) {
      throw new AssertionError("the node answered a stranger");
    }
    channel.finishAndReleaseAll();
  }
}
