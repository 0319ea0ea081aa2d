package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.transport.TransportEvents.FirstMessageAccepted;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.noise.HandshakeState;
import org.tend.protocol.noise.NoiseProtocol;

class HandshakeGateTest {
  private final Fixtures f = new Fixtures(11);
  private final NodeIdentity node = f.identity();
  private final NodeIdentity member = f.identity();
  private final CollectiveId collective = f.collective();
  private final NetworkKey key = f.networkKey(collective);
  private final TestAdmission admission = new TestAdmission().accept(key);
  private final ReplayWindow replays = new ReplayWindow(f.clock, Duration.ofMinutes(10), 1000);

  @Test
  void passesAValidFirstMessageFedOneByteAtATime() throws Exception {
    EmbeddedChannel channel = gate();
    ByteBuf wire = f.firstMessage(member, node, key, f.clock.millis());
    while (wire.isReadable()) {
      channel.writeInbound(wire.readRetainedSlice(1));
    }
    wire.release();
    FirstMessageAccepted accepted = assertInstanceOf(FirstMessageAccepted.class, channel.readInbound());
    assertEquals(collective, accepted.key().collective());
    assertNull(channel.pipeline().get(HandshakeGate.class), "the gate leaves after one message");
    accepted.state().close();
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void triesEveryCollectiveTheNodeBelongsTo() throws Exception {
    CollectiveId second = f.collective();
    NetworkKey secondKey = f.networkKey(second);
    admission.accept(secondKey);
    EmbeddedChannel channel = gate();
    channel.writeInbound(f.firstMessage(member, node, secondKey, f.clock.millis()));
    FirstMessageAccepted accepted = assertInstanceOf(FirstMessageAccepted.class, channel.readInbound());
    assertEquals(second, accepted.key().collective());
    accepted.state().close();
    channel.finishAndReleaseAll();
  }

  @Test
  void wrongNetworkKeyGetsSilence() throws Exception {
    assertRefused(f.firstMessage(member, node, f.networkKey(collective), f.clock.millis()));
  }

  @Test
  void randomBytesGetSilence() {
    assertRefused(Unpooled.wrappedBuffer(f.random.bytes(500)));
  }

  @Test
  void aWrongLengthPrefixGetsSilenceEvenWithAValidMessageBehindIt() throws Exception {
    ByteBuf valid = f.firstMessage(member, node, key, f.clock.millis());
    valid.setShort(0, Handshakes.FIRST_MESSAGE_LENGTH + 1);
    assertRefused(Unpooled.wrappedBuffer(valid, Unpooled.wrappedBuffer(new byte[1])));
  }

  @Test
  void aTlsClientHelloGetsSilence() throws Exception {
    assertRefused(Unpooled.wrappedBuffer(TlsClientHello.bytes()));
  }

  @Test
  void aReplayedFirstMessageGetsSilence() throws Exception {
    ByteBuf wire = f.firstMessage(member, node, key, f.clock.millis());
    EmbeddedChannel first = gate();
    first.writeInbound(wire.retainedDuplicate());
    ((FirstMessageAccepted) first.readInbound()).state().close();
    first.finishAndReleaseAll();
    assertRefused(wire);
  }

  @Test
  void timestampsAtTheSkewLimitPassAndOneMillisecondBeyondDoNot() throws Exception {
    long skew = Duration.ofMinutes(10).toMillis();
    for (long sentAt : new long[] {f.clock.millis() - skew, f.clock.millis() + skew}) {
      EmbeddedChannel channel = gate();
      channel.writeInbound(f.firstMessage(member, node, key, sentAt));
      ((FirstMessageAccepted) channel.readInbound()).state().close();
      channel.finishAndReleaseAll();
    }
    assertRefused(f.firstMessage(member, node, key, f.clock.millis() - skew - 1));
    assertRefused(f.firstMessage(member, node, key, f.clock.millis() + skew + 1));
  }

  @Test
  void aFirstMessageOfTransportVersionOneGetsSilence() throws Exception {
    byte[] versionOne = Labels.bind(Labels.TRANSPORT_PROLOGUE, new byte[] {1},
        collective.bytes());
    byte[] message = HandshakeState.initiator(NoiseProtocol.parse(NoiseProtocol.TEND))
        .prologue(versionOne).localStatic(member.agreement()).psk(key.psk())
        .randomness(f.random).build().writeMessage(Handshakes.timestamp(f.clock.millis()));
    assertRefused(Unpooled.buffer().writeShort(message.length).writeBytes(message));
  }

  @Test
  void aFirstMessageMeantForAnotherMembersNodeGetsSilence() throws Exception {
    assertRefused(f.firstMessage(member, f.identity(), key, f.clock.millis()));
  }

  /** Nothing passes, nothing is written back, and later input is swallowed too. */
  private void assertRefused(ByteBuf input) {
    EmbeddedChannel channel = gate();
    channel.writeInbound(input);
    channel.writeInbound(Unpooled.wrappedBuffer(f.random.bytes(100)));
    assertNull(channel.readInbound());
    assertNull(channel.readOutbound(), "not a single byte back");
    assertTrue(channel.pipeline().get(HandshakeGate.class).refused());
    assertFalse(channel.finishAndReleaseAll());
  }

  private EmbeddedChannel gate() {
    return new EmbeddedChannel(new HandshakeGate(f.handshakes(node), admission, replays));
  }
}
