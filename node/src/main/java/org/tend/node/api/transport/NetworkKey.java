package org.tend.node.api.transport;

import java.util.Objects;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A Noise pre-shared key every connection must prove: a collective's network key at one epoch,
 * held only by members, or an invite's join-only key. A connection that cannot prove one gets
 * no byte back.
 *
 * @param epoch the key epoch (0 for join keys)
 * @param psk 32 bytes; the record does not copy it, the holder destroys it
 * @param onlyPeer for an outbound join, the inviter: the only node the link may reach
 */
public record NetworkKey(CollectiveId collective, int epoch, SecretBytes psk, Purpose purpose,
    Optional<MemberKey> onlyPeer) {

  /** What a connection made with this key is for. */
  public enum Purpose {
    /** Members of the collective, authorised by the roster. */
    MEMBERS,
    /** A joiner redeeming an invite: one join request and its answer, nothing else. */
    JOIN
  }

  public NetworkKey {
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(psk, "psk");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(onlyPeer, "onlyPeer");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative: " + epoch);
    }
    if (psk.length() != 32) {
      throw new IllegalArgumentException("a network key is 32 bytes");
    }
  }

  /** A members' network key. */
  public NetworkKey(CollectiveId collective, int epoch, SecretBytes psk) {
    this(collective, epoch, psk, Purpose.MEMBERS, Optional.empty());
  }

  /** An invite's join-only key, from the inviter's side (anyone holding the invite). */
  public static NetworkKey forJoin(CollectiveId collective, SecretBytes psk) {
    return new NetworkKey(collective, 0, psk, Purpose.JOIN, Optional.empty());
  }

  /** An invite's join-only key, from the joiner's side: it may reach only {@code inviter}. */
  public static NetworkKey forJoin(CollectiveId collective, SecretBytes psk, MemberKey inviter) {
    return new NetworkKey(collective, 0, psk, Purpose.JOIN, Optional.of(inviter));
  }
}
