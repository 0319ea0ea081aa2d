package org.tend.node.replication;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.Membership;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A membership a test sets by hand: who is admitted from which epoch, whose membership ended
 * when, and a content key per epoch. Answers {@link #admits} as the node's roster does. Unlike
 * the node's, it changes under the log's feet, so a test can admit someone between two batches.
 */
final class TestMembership implements Membership {
  private record Term(int firstEpoch, int lastEpoch, long endedAtMillis, byte[] agreementKey,
      boolean refused) {
    boolean ended() {
      return lastEpoch >= 0;
    }
  }

  private final CollectiveId collective;
  private final Map<MemberKey, Term> members = new HashMap<>();
  private final Map<Integer, byte[]> contentKeys = new HashMap<>();
  private int epoch;
  private boolean everyone;

  private final java.util.Set<MemberKey> facilitators = new java.util.HashSet<>();

  TestMembership(CollectiveId collective, byte[] epochZeroContentKey) {
    this.collective = collective;
    contentKeys.put(0, epochZeroContentKey.clone());
  }

  /** Admits every author, in every epoch, at any time: for fuzzing the log's other rules. */
  TestMembership admitEveryone() {
    everyone = true;
    return this;
  }

  TestMembership admit(NodeIdentity who) {
    return admit(who, epoch);
  }

  /** {@code who} is a member from {@code firstEpoch} on. */
  TestMembership admit(NodeIdentity who, int firstEpoch) {
    return admit(LogFixture.key(who), who.agreement().publicKey(), firstEpoch);
  }

  TestMembership admit(MemberKey who, byte[] agreementKey, int firstEpoch) {
    members.put(who, new Term(firstEpoch, -1, Long.MAX_VALUE, agreementKey.clone(), false));
    return this;
  }

  /** {@code who} is known, but the history refuses everything they write. */
  TestMembership refuse(NodeIdentity who) {
    members.put(LogFixture.key(who), new Term(0, -1, Long.MAX_VALUE,
        who.agreement().publicKey(), true));
    return this;
  }

  /** {@code who}'s membership ended at {@code atMillis}, in the current epoch. */
  TestMembership end(NodeIdentity who, long atMillis) {
    Term t = members.get(LogFixture.key(who));
    members.put(LogFixture.key(who), new Term(t.firstEpoch(), epoch, atMillis,
        t.agreementKey(), t.refused()));
    return this;
  }

  /** Moves to the next epoch, whose content key is {@code contentKey}. */
  TestMembership rotate(byte[] contentKey) {
    epoch++;
    contentKeys.put(epoch, contentKey.clone());
    return this;
  }

  @Override
  public CollectiveId collective() {
    return collective;
  }

  @Override
  public int epoch() {
    return epoch;
  }

  @Override
  public Admittance admits(MemberKey author, int epoch, long createdAtMillis) {
    if (everyone) {
      return Admittance.ADMITTED;
    }
    Term t = members.get(author);
    if (t == null || epoch > this.epoch) {
      return Admittance.UNKNOWN;
    }
    if (t.refused() || epoch < t.firstEpoch()) {
      return Admittance.REFUSED;
    }
    if (t.ended() && (epoch > t.lastEpoch() || createdAtMillis > t.endedAtMillis())) {
      return Admittance.REFUSED;
    }
    return Admittance.ADMITTED;
  }

  @Override
  public boolean isActive(MemberKey member) {
    Term t = members.get(member);
    return everyone || t != null && !t.refused() && !t.ended();
  }

  @Override
  public boolean isFacilitator(MemberKey member) {
    return facilitators.contains(member) && isActive(member);
  }

  /** Makes {@code who} (already admitted) a facilitator. */
  TestMembership facilitator(NodeIdentity who) {
    facilitators.add(MemberKey.of(who.signing().publicKey()));
    return this;
  }

  @Override
  public Optional<String> name(MemberKey member) {
    return members.containsKey(member) ? Optional.of(member.fingerprint().value())
        : Optional.empty();
  }

  @Override
  public Optional<byte[]> agreementKey(MemberKey member) {
    return Optional.ofNullable(members.get(member)).map(t -> t.agreementKey().clone());
  }

  @Override
  public Optional<SecretBytes> contentKey(int epoch) {
    return Optional.ofNullable(contentKeys.get(epoch)).map(SecretBytes::copyOf);
  }
}
