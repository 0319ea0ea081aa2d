package org.tend.node.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.transport.TransportEvents.HandshakeCompleted;
import org.tend.protocol.noise.HandshakeState;
import org.tend.protocol.noise.NoiseTransport;

/** The channel under test is the responder's side; the test plays the initiator's transport. */
class NoiseCipherHandlerTest {
  private final Fixtures f = new Fixtures(31);
  private final NodeIdentity local = f.identity();
  private final NodeIdentity remote = f.identity();
  private final EventRecorder recorder = new EventRecorder();
  private final EmbeddedChannel channel = new EmbeddedChannel(new NoiseCipherHandler(), recorder);
  private CompletedHandshake handshake;

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
    if (handshake != null) {
      handshake.close();
    }
  }

  @Test
  void closesOnAMessageBeforeTheKeysAndReleasesIt() {
    ByteBuf early = Unpooled.wrappedBuffer(f.random.bytes(40));
    channel.writeInbound(early);
    assertEquals(0, early.refCnt());
    assertNull(channel.readInbound());
    assertFalse(channel.isOpen());
  }

  @Test
  void failsAWriteBeforeTheKeysAndReleasesIt() {
    ByteBuf plaintext = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
    ChannelFuture write = channel.writeOneOutbound(plaintext);
    channel.flushOutbound();
    assertFalse(write.isSuccess());
    assertInstanceOf(IllegalStateException.class, write.cause());
    assertEquals(0, plaintext.refCnt());
    assertNull(channel.readOutbound(), "no plaintext ever reaches the wire");
  }

  @Test
  void passesTheHandshakeEventOn() throws Exception {
    HandshakeCompleted event = keyed();
    assertEquals(List.of(event), recorder.events);
  }

  @Test
  void decryptsInboundMessagesFromThePeer() throws Exception {
    keyed();
    for (String text : new String[] {"first", "second", ""}) {
      channel.writeInbound(Unpooled.wrappedBuffer(peer().encrypt(text.getBytes())));
      ByteBuf plaintext = channel.readInbound();
      assertEquals(text, plaintext.toString(StandardCharsets.UTF_8));
      plaintext.release();
    }
    assertTrue(channel.isActive());
  }

  @Test
  void encryptsAWriteOfAtMostOneMessageAsOneMessage() throws Exception {
    keyed();
    byte[] plaintext = f.random.bytes(NoiseTransport.MAX_PLAINTEXT);
    assertTrue(channel.writeOutbound(Unpooled.wrappedBuffer(plaintext)));
    List<byte[]> messages = written();
    assertEquals(1, messages.size());
    assertEquals(HandshakeState.MAX_MESSAGE_LENGTH, messages.get(0).length);
    assertArrayEquals(plaintext, peer().decrypt(messages.get(0)));
  }

  @Test
  void cutsALargeWriteIntoNoiseMessagesOfAtMostTheMaximum() throws Exception {
    keyed();
    byte[] plaintext = f.random.bytes(3 * NoiseTransport.MAX_PLAINTEXT + 5);
    ChannelFuture write = channel.writeOneOutbound(Unpooled.wrappedBuffer(plaintext));
    channel.flushOutbound();
    assertTrue(write.isSuccess());
    List<byte[]> messages = written();
    assertEquals(4, messages.size());
    ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
    for (byte[] message : messages) {
      assertTrue(message.length <= HandshakeState.MAX_MESSAGE_LENGTH, "" + message.length);
      decrypted.write(peer().decrypt(message));
    }
    assertEquals(5 + 16, messages.get(3).length);
    assertArrayEquals(plaintext, decrypted.toByteArray());
  }

  @Test
  void aWriteOneByteOverOneMessageTakesTwo() throws Exception {
    keyed();
    byte[] plaintext = f.random.bytes(NoiseTransport.MAX_PLAINTEXT + 1);
    channel.writeOutbound(Unpooled.wrappedBuffer(plaintext));
    List<byte[]> messages = written();
    assertEquals(2, messages.size());
    ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
    for (byte[] message : messages) {
      decrypted.write(peer().decrypt(message));
    }
    assertArrayEquals(plaintext, decrypted.toByteArray());
  }

  @Test
  void closesOnATamperedMessage() throws Exception {
    keyed();
    byte[] ciphertext = peer().encrypt("hello".getBytes());
    ciphertext[2] ^= 1;
    ByteBuf tampered = Unpooled.wrappedBuffer(ciphertext);
    channel.writeInbound(tampered);
    assertEquals(0, tampered.refCnt());
    assertNull(channel.readInbound());
    assertFalse(channel.isOpen());
  }

  @Test
  void closesOnAMessageFromADifferentSession() throws Exception {
    keyed();
    try (CompletedHandshake other = CompletedHandshake.between(f, remote, local,
        f.networkKey(f.collective()))) {
      channel.writeInbound(Unpooled.wrappedBuffer(other.initiator().transport().encrypt(
          "hello".getBytes())));
    }
    assertNull(channel.readInbound());
    assertFalse(channel.isOpen());
  }

  @Test
  void closesOnAReplayedMessage() throws Exception {
    keyed();
    byte[] ciphertext = peer().encrypt("once".getBytes());
    channel.writeInbound(Unpooled.wrappedBuffer(ciphertext));
    ByteBuf first = channel.readInbound();
    first.release();
    channel.writeInbound(Unpooled.wrappedBuffer(ciphertext));
    assertNull(channel.readInbound());
    assertFalse(channel.isOpen());
  }

  /** Gives the channel its keys, as the handshake handler does when it finishes. */
  private HandshakeCompleted keyed() throws Exception {
    handshake = CompletedHandshake.between(f, remote, local, f.networkKey(f.collective()));
    channel.pipeline().fireUserEventTriggered(handshake.responder());
    return handshake.responder();
  }

  private NoiseTransport peer() {
    return handshake.initiator().transport();
  }

  private List<byte[]> written() {
    List<byte[]> messages = new ArrayList<>();
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      messages.add(ByteBufUtil.getBytes(out));
      out.release();
    }
    return messages;
  }
}
