package org.tend.node.simulation;

import java.util.Map;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.Membership;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A fixed membership, for the simulator and benchmarks: everyone active since epoch 0, for
 * good, with one content key.
 */
public final class SimMembership implements Membership {
  private final CollectiveId collective;
  private final Map<MemberKey, byte[]> agreementKeys;
  private final byte[] contentKey;

  /** @param agreementKeys each member's X25519 key */
  public SimMembership(CollectiveId collective, Map<MemberKey, byte[]> agreementKeys,
      byte[] contentKey) {
    this.collective = collective;
    this.agreementKeys = Map.copyOf(agreementKeys);
    this.contentKey = contentKey.clone();
  }

  @Override
  public CollectiveId collective() {
    return collective;
  }

  @Override
  public int epoch() {
    return 0;
  }

  @Override
  public Admittance admits(MemberKey author, int epoch, long createdAtMillis) {
    if (!agreementKeys.containsKey(author)) {
      return Admittance.REFUSED;
    }
    return epoch == 0 ? Admittance.ADMITTED : Admittance.UNKNOWN;
  }

  @Override
  public boolean isActive(MemberKey member) {
    return agreementKeys.containsKey(member);
  }

  @Override
  public boolean isFacilitator(MemberKey member) {
    return false;
  }

  @Override
  public Optional<String> name(MemberKey member) {
    return isActive(member) ? Optional.of(member.fingerprint().value()) : Optional.empty();
  }

  @Override
  public Optional<byte[]> agreementKey(MemberKey member) {
    return Optional.ofNullable(agreementKeys.get(member)).map(byte[]::clone);
  }

  @Override
  public Optional<SecretBytes> contentKey(int epoch) {
    return epoch == 0 ? Optional.of(SecretBytes.copyOf(contentKey)) : Optional.empty();
  }
}
