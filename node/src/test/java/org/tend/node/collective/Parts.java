package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.proto.EpochKeys;
import org.tend.protocol.proto.KeysRotated;
import org.tend.protocol.proto.MembershipBody;

/**
 * Rotations in parts for replay tests, signed by real identities with real sealed boxes; the
 * fields of each part are set as a test says, so hostile chains can be made too.
 */
final class Parts {
  static final Comparator<NodeIdentity> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(
      a.signing().publicKey(), b.signing().publicKey());

  private Parts() {
  }

  /** {@code members} in ascending key order, the order parts seal to. */
  static List<NodeIdentity> sorted(List<NodeIdentity> members) {
    List<NodeIdentity> out = new ArrayList<>(members);
    out.sort(KEY_ORDER);
    return out;
  }

  /** {@code members} cut into consecutive slices of the given sizes. */
  static List<List<NodeIdentity>> slices(List<NodeIdentity> members, int... sizes) {
    List<List<NodeIdentity>> out = new ArrayList<>();
    int from = 0;
    for (int size : sizes) {
      out.add(List.copyOf(members.subList(from, from + size)));
      from += size;
    }
    return out;
  }

  /** {@code members} cut into {@code parts} slices as even as can be. */
  static List<List<NodeIdentity>> even(List<NodeIdentity> members, int parts) {
    int[] sizes = new int[parts];
    for (int i = 0; i < members.size(); i++) {
      sizes[i * parts / members.size()]++;
    }
    return slices(members, sizes);
  }

  /**
   * A well-formed chain by {@code author}: part 0 names the replay's heads, each later part
   * names the one before, all sealing one set of fresh keys. Not added to the history.
   */
  static List<VerifiedDocument> chain(History h, NodeIdentity author, int epoch,
      VerifiedDocument cause, List<List<NodeIdentity>> slices) {
    EpochKeys keys = EpochKeySeal.fresh(h.randomness, epoch);
    List<VerifiedDocument> out = new ArrayList<>();
    long at = h.tick();
    for (int p = 0; p < slices.size(); p++) {
      Optional<VerifiedDocument> previous = p == 0 ? Optional.empty()
          : Optional.of(out.get(p - 1));
      List<DocumentHash> parents = previous.map(d -> List.of(d.hash()))
          .orElseGet(() -> h.replay().heads().stream().toList());
      out.add(h.make(author, part(h, keys, cause, p, slices.size(), previous, slices.get(p)),
          parents, at));
    }
    return out;
  }

  /** One part's body: keys sealed to {@code recipients} in the order given. */
  static MembershipBody.Builder part(History h, EpochKeys keys, VerifiedDocument cause, int part,
      int parts, Optional<VerifiedDocument> previous, List<NodeIdentity> recipients) {
    KeysRotated.Builder rotation = KeysRotated.newBuilder().setEpoch(keys.getEpoch())
        .setCause(cause.hash().byteString()).setPart(part).setParts(parts);
    previous.ifPresent(d -> rotation.setPreviousPart(d.hash().byteString()));
    EpochKeySeal.Slot slot = EpochKeySeal.Slot.rotation(keys.getEpoch(), cause.hash().byteString());
    for (NodeIdentity r : recipients) {
      rotation.addKeys(EpochKeySeal.seal(h.randomness, h.id, Profiles.of(r, "Anyone"), keys, slot));
    }
    return MembershipBody.newBuilder().setKeysRotated(rotation);
  }

  /**
   * Adds {@code joiners} members invited by the founder, each Joined naming the one before, so
   * large collectives are built without replaying after each. Returns everyone, founder first.
   */
  static List<NodeIdentity> grow(History h, int joiners) {
    List<NodeIdentity> all = new ArrayList<>(List.of(h.founder));
    DocumentHash last = h.replay().heads().iterator().next();
    for (int i = 0; i < joiners; i++) {
      NodeIdentity joiner = h.identity();
      last = h.add(h.founder, h.joined(joiner, "Member " + i), List.of(last), h.tick()).hash();
      all.add(joiner);
    }
    return all;
  }

  static ByteString key(NodeIdentity identity) {
    return History.key(identity);
  }
}
