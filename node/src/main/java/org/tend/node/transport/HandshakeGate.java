package org.tend.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.transport.TransportEvents.FirstMessageAccepted;
import org.tend.protocol.noise.HandshakeState;
import org.tend.protocol.noise.NoiseException;

/**
 * The first handler of an inbound connection: reads exactly one length-prefixed first handshake
 * message and lets the connection go on only if it proves one of this node's network keys, was
 * made recently, and has not been seen before. Anything else — random bytes, a TLS ClientHello,
 * the wrong key, a replay — is met with silence: this handler writes nothing, discards
 * everything that follows, and leaves the connection to the handshake deadline, so a prober
 * sees the same behaviour whatever it sends and learns nothing, not even that Tend listens here.
 */
final class HandshakeGate extends ByteToMessageDecoder {
  private static final int PREFIXED_LENGTH = 2 + Handshakes.FIRST_MESSAGE_LENGTH;

  private final Handshakes handshakes;
  private final Admission admission;
  private final ReplayWindow replays;
  private boolean refused;

  HandshakeGate(Handshakes handshakes, Admission admission, ReplayWindow replays) {
    this.handshakes = handshakes;
    this.admission = admission;
    this.replays = replays;
  }

  /** Whether this connection has been refused (for tests and counters). */
  boolean refused() {
    return refused;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (refused) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < PREFIXED_LENGTH) {
      return;
    }
    int length = in.readUnsignedShort();
    byte[] message = new byte[Handshakes.FIRST_MESSAGE_LENGTH];
    in.readBytes(message);
    Optional<FirstMessageAccepted> accepted = length == message.length
        ? open(message) : Optional.empty();
    if (accepted.isEmpty()) {
      refused = true;
      in.skipBytes(in.readableBytes());
      return;
    }
    out.add(accepted.get());
    ctx.pipeline().remove(this);
  }

  private Optional<FirstMessageAccepted> open(byte[] message) {
    for (NetworkKey key : admission.networkKeys()) {
      HandshakeState state = handshakes.responder(key);
      try {
        byte[] payload = state.readMessage(message);
        long sentAt = Handshakes.timestampOf(payload);
        if (payload.length == Handshakes.FIRST_PAYLOAD_LENGTH
            && replays.admit(Arrays.copyOf(message, 32), sentAt)) {
          return Optional.of(new FirstMessageAccepted(state, key));
        }
        state.close();
        return Optional.empty(); // the right key, but stale or replayed
      } catch (NoiseException wrongKey) {
        state.close(); // try the next collective's key
      }
    }
    return Optional.empty();
  }
}
