package org.tend.node.transport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.transport.TransportEvents.HandshakeCompleted;
import org.tend.node.transport.TransportEvents.PeerAuthenticated;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.proto.PeerHello;

/**
 * Lets a peer stay only if the Noise static key it proved is bound, by its own identity
 * signature, to the key of a current member of the collective (or, on a join-only connection,
 * to the inviter named in the invite, or to anyone holding the invite on the inviter's side). Until that is settled no frame
 * passes; if it fails the connection closes before any application data flows, and anything
 * already decoded is dropped.
 */
final class PeerAuthoriser extends ChannelInboundHandlerAdapter {
  private final Admission admission;
  private boolean authenticated;

  PeerAuthoriser(Admission admission) {
    this.admission = admission;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (!(event instanceof HandshakeCompleted completed)) {
      super.userEventTriggered(ctx, event);
      return;
    }
    MemberKey member = authorise(completed);
    if (member == null) {
      ctx.close();
      return;
    }
    authenticated = true;
    ctx.fireUserEventTriggered(new PeerAuthenticated(member, completed.collective(),
        completed.inbound(), completed.key().purpose() == NetworkKey.Purpose.JOIN));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (authenticated) {
      ctx.fireChannelRead(msg);
    } else {
      ReferenceCountUtil.release(msg);
      ctx.close();
    }
  }

  /** The member the handshake proved, or null. */
  private MemberKey authorise(HandshakeCompleted completed) {
    MemberKey member = proven(completed.remoteHello(), completed.remoteStatic()).orElse(null);
    if (member == null) {
      return null;
    }
    NetworkKey key = completed.key();
    if (key.onlyPeer().isPresent()) {
      return key.onlyPeer().get().equals(member) ? member : null;
    }
    if (key.purpose() == NetworkKey.Purpose.JOIN) {
      return member; // a joiner is not a member yet: the join exchange decides
    }
    return admission.isMember(completed.collective(), member) ? member : null;
  }

  /**
   * Whether the responder's PeerHello of message 2 proves the node the initiator dialled: its
   * static key bound to {@code expected}'s identity, {@code expected} being the only peer the key
   * allows and, on a members' link, a current member. The initiator asks this before it writes
   * message 3, so a PSK holder answering in another's place never learns who dialled.
   */
  static boolean provesResponder(Admission admission, NetworkKey key, MemberKey expected,
      byte[] hello, byte[] remoteStatic) {
    if (!proven(hello, remoteStatic).map(expected::equals).orElse(false)) {
      return false;
    }
    if (key.onlyPeer().isPresent() && !key.onlyPeer().get().equals(expected)) {
      return false;
    }
    return key.purpose() == NetworkKey.Purpose.JOIN || admission.isMember(key.collective(), expected);
  }

  /** The member whose identity signature binds {@code remoteStatic}, by its PeerHello. */
  static Optional<MemberKey> proven(byte[] remoteHello, byte[] remoteStatic) {
    PeerHello hello;
    try {
      hello = PeerHello.parseFrom(remoteHello);
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
    byte[] signingKey = hello.getSigningKey().toByteArray();
    if (signingKey.length != Ed25519.PUBLIC_KEY_LENGTH
        || !Ed25519.verify(signingKey, Labels.IDENTITY_BINDING, remoteStatic,
            hello.getBindingSignature().toByteArray())) {
      return Optional.empty();
    }
    return Optional.of(MemberKey.of(signingKey));
  }
}
