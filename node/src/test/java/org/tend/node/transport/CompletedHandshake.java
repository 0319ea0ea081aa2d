package org.tend.node.transport;

import org.tend.node.api.transport.NetworkKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.transport.TransportEvents.HandshakeCompleted;
import org.tend.protocol.noise.HandshakeState;
import org.tend.protocol.noise.NoiseException;

/**
 * A real Tend handshake between two identities, run to completion in memory: what each side's
 * {@link NoiseHandshakeHandler} would announce, with matching transports. Each side's
 * {@code transport()} encrypts what the other side's decrypts.
 */
record CompletedHandshake(HandshakeCompleted initiator, HandshakeCompleted responder)
    implements AutoCloseable {

  static CompletedHandshake between(Fixtures f, NodeIdentity initiator, NodeIdentity responder,
      NetworkKey key) throws NoiseException {
    Handshakes initiatorSide = f.handshakes(initiator);
    Handshakes responderSide = f.handshakes(responder);
    HandshakeState i = initiatorSide.initiator(key, Fixtures.memberOf(responder));
    HandshakeState r = responderSide.responder(key);
    r.readMessage(i.writeMessage(Handshakes.timestamp(f.clock.millis())));
    byte[] responderHello = i.readMessage(r.writeMessage(responderSide.hello()));
    byte[] initiatorHello = r.readMessage(i.writeMessage(initiatorSide.hello()));
    byte[] responderStatic = i.remoteStatic().orElseThrow();
    byte[] initiatorStatic = r.remoteStatic().orElseThrow();
    return new CompletedHandshake(
        new HandshakeCompleted(i.split(Handshakes.REKEY_INTERVAL), responderStatic,
            responderHello, key, false),
        new HandshakeCompleted(r.split(Handshakes.REKEY_INTERVAL), initiatorStatic,
            initiatorHello, key, true));
  }

  @Override
  public void close() {
    initiator.transport().close();
    responder.transport().close();
  }
}
