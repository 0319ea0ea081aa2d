package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.transport.TransportEvents.HandshakeCompleted;
import org.tend.node.transport.TransportEvents.PeerAuthenticated;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.PeerHello;

/**
 * The authoriser reads only the proved static key, the hello, the collective and the direction
 * of a {@link HandshakeCompleted}, so most cases build one by hand without a transport; one case
 * takes it from a real handshake.
 */
class PeerAuthoriserTest {
  private final Fixtures f = new Fixtures(23);
  private final NodeIdentity member = f.identity();
  private final NodeIdentity otherMember = f.identity();
  private final NodeIdentity stranger = f.identity();
  private final CollectiveId collective = f.collective();
  private final NetworkKey membersKey = f.networkKey(collective);
  private final TestAdmission admission = new TestAdmission()
      .member(collective, Fixtures.memberOf(member))
      .member(collective, Fixtures.memberOf(otherMember));
  private final EventRecorder recorder = new EventRecorder();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new PeerAuthoriser(admission), recorder);

  @Test
  void announcesAMemberWhoseStaticKeyIsBoundToTheirIdentity() {
    channel.pipeline().fireUserEventTriggered(completedBy(member, true));
    assertTrue(channel.isActive());
    PeerAuthenticated peer = onlyAuthentication();
    assertEquals(Fixtures.memberOf(member), peer.member());
    assertEquals(collective, peer.collective());
    assertTrue(peer.inbound());
    assertTrue(recorder.eventsOf(HandshakeCompleted.class).isEmpty(),
        "the handshake event goes no further than the authoriser");
    assertFramesPass();
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void keepsTheDirectionOfTheConnection() {
    channel.pipeline().fireUserEventTriggered(completedBy(member, false));
    assertFalse(onlyAuthentication().inbound());
    channel.finishAndReleaseAll();
  }

  @Test
  void acceptsAMemberProvedByARealHandshake() throws Exception {
    NetworkKey key = f.networkKey(collective);
    try (CompletedHandshake handshake = CompletedHandshake.between(f, otherMember, member, key)) {
      channel.pipeline().fireUserEventTriggered(handshake.responder());
      assertEquals(Fixtures.memberOf(otherMember), onlyAuthentication().member());
      assertFramesPass();
    }
    channel.finishAndReleaseAll();
  }

  @Test
  void closesOnAValidHelloFromSomeoneWhoIsNotAMember() {
    channel.pipeline().fireUserEventTriggered(completedBy(stranger, true));
    assertClosedWithoutAuthentication();
  }

  @Test
  void closesOnAnotherMembersIdentityPairedWithTheirOwnStaticKey() {
    // The stranger proved their own static key in the handshake but presents a member's hello,
    // whose binding signature is over the member's static key, not theirs.
    channel.pipeline().fireUserEventTriggered(new HandshakeCompleted(null,
        stranger.agreement().publicKey(), f.handshakes(member).hello(), membersKey, true));
    assertClosedWithoutAuthentication();
  }

  @Test
  void closesOnAMembersSigningKeyWithABindingSignatureOverAnotherKey() {
    // The member's identity key really signed something, just not this static key.
    byte[] signatureOverOtherKey =
        member.signing().sign(Labels.IDENTITY_BINDING, otherMember.agreement().publicKey());
    channel.pipeline().fireUserEventTriggered(completed(member.agreement().publicKey(),
        hello(member.signing().publicKey(), signatureOverOtherKey)));
    assertClosedWithoutAuthentication();
  }

  @Test
  void closesOnABindingSignatureUnderALabelOtherThanIdentityBinding() {
    byte[] staticKey = member.agreement().publicKey();
    byte[] wrongLabel = member.signing().sign(Labels.TRANSPORT_PROLOGUE, staticKey);
    channel.pipeline().fireUserEventTriggered(
        completed(staticKey, hello(member.signing().publicKey(), wrongLabel)));
    assertClosedWithoutAuthentication();
  }

  @Test
  void closesOnASigningKeyOfThirtyOneBytes() {
    byte[] key = member.signing().publicKey();
    byte[] shortKey = Arrays.copyOf(key, Ed25519.PUBLIC_KEY_LENGTH - 1);
    channel.pipeline().fireUserEventTriggered(completed(member.agreement().publicKey(),
        hello(shortKey, member.bindingSignature())));
    assertClosedWithoutAuthentication();
  }

  @Test
  void closesOnASigningKeyOfThirtyThreeBytes() {
    byte[] longKey = Arrays.copyOf(member.signing().publicKey(),
        Ed25519.PUBLIC_KEY_LENGTH + 1);
    channel.pipeline().fireUserEventTriggered(completed(member.agreement().publicKey(),
        hello(longKey, member.bindingSignature())));
    assertClosedWithoutAuthentication();
  }

  @Test
  void closesOnAHelloThatIsNotProtobuf() {
    channel.pipeline().fireUserEventTriggered(completed(member.agreement().publicKey(),
        new byte[] {(byte) 0xFF, 0x7F, 0}));
    assertClosedWithoutAuthentication();
  }

  @Test
  void closesOnAnEmptyHello() {
    channel.pipeline().fireUserEventTriggered(
        completed(member.agreement().publicKey(), new byte[0]));
    assertClosedWithoutAuthentication();
  }

  @Test
  void dropsFramesDecodedInTheSameReadAsARefusal() {
    DeferredClose deferred = new DeferredClose();
    EventRecorder after = new EventRecorder();
    EmbeddedChannel refusing =
        new EmbeddedChannel(deferred, new PeerAuthoriser(admission), after);
    refusing.pipeline().fireUserEventTriggered(completedBy(stranger, true));
    assertEquals(1, deferred.closeRequests);
    ByteBuf late = Unpooled.buffer().writeInt(7);
    refusing.pipeline().fireChannelRead(late);
    assertEquals(0, late.refCnt(), "released");
    assertNull(refusing.readInbound(), "and not passed on");
    assertTrue(after.eventsOf(PeerAuthenticated.class).isEmpty());
    deferred.holding = false;
    assertFalse(refusing.finishAndReleaseAll());
  }

  @Test
  void dropsAFrameThatArrivesBeforeTheHandshakeIsSettledAndCloses() {
    ByteBuf early = Unpooled.buffer().writeInt(7);
    channel.writeInbound(early);
    assertEquals(0, early.refCnt());
    assertNull(channel.readInbound());
    assertFalse(channel.isOpen());
    assertFalse(channel.finishAndReleaseAll());
  }

  @Test
  void asksAdmissionAgainForEveryConnection() {
    channel.pipeline().fireUserEventTriggered(completedBy(member, true));
    assertEquals(Fixtures.memberOf(member), onlyAuthentication().member());
    channel.finishAndReleaseAll();

    admission.remove(collective, Fixtures.memberOf(member));
    EventRecorder next = new EventRecorder();
    EmbeddedChannel reconnect = new EmbeddedChannel(new PeerAuthoriser(admission), next);
    reconnect.pipeline().fireUserEventTriggered(completedBy(member, true));
    assertFalse(reconnect.isOpen(), "a removed member's next connection is refused");
    assertTrue(next.eventsOf(PeerAuthenticated.class).isEmpty());
    reconnect.finishAndReleaseAll();
  }

  @Test
  void passesOtherUserEventsOn() {
    Object other = new Object();
    channel.pipeline().fireUserEventTriggered(other);
    assertEquals(List.of(other), recorder.events);
    assertTrue(channel.isActive());
    channel.finishAndReleaseAll();
  }

  private void assertFramesPass() {
    Frame ping = FrameCodecTest.ping(9);
    channel.writeInbound(ping);
    assertSame(ping, channel.readInbound());
    ByteBuf bytes = Unpooled.buffer().writeInt(7);
    channel.writeInbound(bytes);
    ByteBuf passed = channel.readInbound();
    assertSame(bytes, passed);
    assertEquals(1, passed.refCnt());
    passed.release();
  }

  /** Closed, with nothing announced and nothing written. */
  private void assertClosedWithoutAuthentication() {
    assertFalse(channel.isOpen());
    assertTrue(recorder.eventsOf(PeerAuthenticated.class).isEmpty());
    assertNull(channel.readInbound());
    assertNull(channel.readOutbound());
    assertFalse(channel.finishAndReleaseAll());
  }

  /**
   * Holds back close requests, as a real channel's event loop does until the current read is
   * over (EmbeddedChannel tears its pipeline down at once), so a test can see what the
   * authoriser does with frames decoded from the same read after it asked to close.
   */
  private static final class DeferredClose extends ChannelOutboundHandlerAdapter {
    int closeRequests;
    boolean holding = true;

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
      if (holding) {
        closeRequests++;
        return;
      }
      super.close(ctx, promise);
    }
  }

  private PeerAuthenticated onlyAuthentication() {
    List<PeerAuthenticated> events = recorder.eventsOf(PeerAuthenticated.class);
    assertEquals(1, events.size());
    return events.get(0);
  }

  private HandshakeCompleted completedBy(NodeIdentity identity, boolean inbound) {
    return new HandshakeCompleted(null, identity.agreement().publicKey(),
        f.handshakes(identity).hello(), membersKey, inbound);
  }

  private HandshakeCompleted completed(byte[] remoteStatic, byte[] hello) {
    return new HandshakeCompleted(null, remoteStatic, hello, membersKey, true);
  }

  private static byte[] hello(byte[] signingKey, byte[] bindingSignature) {
    return PeerHello.newBuilder().setSigningKey(ByteString.copyFrom(signingKey))
        .setBindingSignature(ByteString.copyFrom(bindingSignature)).build().toByteArray();
  }
}
