package org.tend.node.api.transport;

import java.util.Objects;
import org.tend.node.api.collective.CollectiveId;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A collective's network key at one epoch: the Noise pre-shared key every connection must
 * prove. Only members hold it, so a connection that cannot prove it gets no byte back.
 *
 * @param psk 32 bytes; the record does not copy it, the holder destroys it
 */
public record NetworkKey(CollectiveId collective, int epoch, SecretBytes psk) {
  public NetworkKey {
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(psk, "psk");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative: " + epoch);
    }
    if (psk.length() != 32) {
      throw new IllegalArgumentException("a network key is 32 bytes");
    }
  }
}
