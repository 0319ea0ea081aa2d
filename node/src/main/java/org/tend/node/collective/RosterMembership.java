package org.tend.node.collective;

import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.Membership;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.EpochKeys;

/** A roster and this node's keys, as replication asks about them. Immutable. */
final class RosterMembership implements Membership {
  private final Roster roster;
  private final Map<Integer, EpochKeys> keys;

  RosterMembership(Roster roster, Map<Integer, EpochKeys> keys) {
    this.roster = roster;
    this.keys = Map.copyOf(keys);
  }

  @Override
  public CollectiveId collective() {
    return roster.id();
  }

  @Override
  public int epoch() {
    return roster.epoch();
  }

  @Override
  public Admittance admits(MemberKey author, int epoch, long createdAtMillis) {
    Optional<MemberEntry> entry = roster.member(author);
    if (entry.isEmpty() || epoch > roster.epoch()) {
      return Admittance.UNKNOWN;
    }
    MemberEntry m = entry.get();
    if (epoch < m.firstEpoch()) {
      return Admittance.REFUSED;
    }
    if (m.lastEpoch() >= 0 && (epoch > m.lastEpoch() || createdAtMillis > m.endedAtMillis())) {
      return Admittance.REFUSED; // written after their membership ended
    }
    return Admittance.ADMITTED;
  }

  @Override
  public boolean isActive(MemberKey member) {
    return roster.isActive(member);
  }

  @Override
  public boolean isFacilitator(MemberKey member) {
    return roster.member(member).map(MemberEntry::activeFacilitator).orElse(false);
  }

  @Override
  public Optional<String> name(MemberKey member) {
    return roster.member(member).map(m -> m.profile().getDisplayName());
  }

  @Override
  public Optional<byte[]> agreementKey(MemberKey member) {
    return roster.member(member).map(m -> m.profile().getAgreementKey().toByteArray());
  }

  @Override
  public Optional<SecretBytes> contentKey(int epoch) {
    EpochKeys k = keys.get(epoch);
    return k == null ? Optional.empty()
        : Optional.of(SecretBytes.copyOf(k.getContentKey().toByteArray()));
  }
}
