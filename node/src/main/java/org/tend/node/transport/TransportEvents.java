package org.tend.node.transport;

import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.NetworkKey;
import org.tend.protocol.noise.HandshakeState;
import org.tend.protocol.noise.NoiseTransport;

/** What the pipeline's handlers tell each other, in the order a connection goes through them. */
final class TransportEvents {
  private TransportEvents() {
  }

  /** The gate accepted a first message; the handshake goes on from this state. */
  record FirstMessageAccepted(HandshakeState state, NetworkKey key) {
  }

  /**
   * The Noise handshake finished. The cipher handler takes the transport; the authoriser decides
   * whether the remote party may stay, and this event goes no further than the authoriser.
   */
  record HandshakeCompleted(NoiseTransport transport, byte[] remoteStatic, byte[] remoteHello,
      NetworkKey key, boolean inbound) {
    CollectiveId collective() {
      return key.collective();
    }
  }

  /** The remote party is a current member of the collective: application frames may flow. */
  record PeerAuthenticated(MemberKey member, CollectiveId collective, boolean inbound,
      boolean joinOnly) {
  }
}
