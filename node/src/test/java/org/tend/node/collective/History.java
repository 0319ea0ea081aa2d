package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.InviteRule;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.proto.EpochKeys;
import org.tend.protocol.proto.Genesis;
import org.tend.protocol.proto.Joined;
import org.tend.protocol.proto.KeysRotated;
import org.tend.protocol.proto.Left;
import org.tend.protocol.proto.MemberProfile;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.RemovalApproved;
import org.tend.protocol.proto.RemovalProposed;
import org.tend.protocol.proto.Role;
import org.tend.protocol.proto.RoleGranted;
import org.tend.protocol.proto.Rules;

/**
 * A collective's membership history built by hand from real identities and signatures, for
 * replay tests: deterministic for a seed. Each document is created one millisecond after the
 * previous unless a test says otherwise.
 */
final class History {
  final Randomness randomness;
  final CollectiveId id;
  final NodeIdentity founder;
  final EpochKeys epochZero;
  final VerifiedDocument genesis;
  private final List<VerifiedDocument> docs = new ArrayList<>();
  private long now = 1_000_000;

  /** Counts histories, so two of one seed never seal under the same key and nonce on a thread. */
  private static final java.util.concurrent.atomic.AtomicLong INSTANCES =
      new java.util.concurrent.atomic.AtomicLong();

  History(long seed, InviteRule whoMayInvite, int quorum) {
    this(new java.util.Random(seed * 1_000_003 + INSTANCES.getAndIncrement())::nextBytes,
        whoMayInvite, quorum);
  }

  private History(Randomness randomness, InviteRule whoMayInvite, int quorum) {
    this.randomness = randomness;
    this.id = CollectiveId.of(randomness.bytes(CollectiveId.LENGTH));
    this.founder = NodeIdentity.generate(randomness);
    this.epochZero = EpochKeySeal.fresh(randomness, 0);
    this.genesis = genesisOf(id, founder, "Riverside Care", whoMayInvite, quorum);
    docs.add(genesis);
  }

  /** A genesis for {@code collective} founded by {@code by}. */
  VerifiedDocument genesisOf(CollectiveId collective, NodeIdentity by, String name,
      InviteRule whoMayInvite, int quorum) {
    MemberProfile profile = Profiles.of(by, "Founder");
    Genesis g = Genesis.newBuilder().setName(name)
        .setRules(Rules.newBuilder()
            .setWhoMayInvite(whoMayInvite == InviteRule.FACILITATORS_ONLY
                ? org.tend.protocol.proto.InviteRule.FACILITATORS_ONLY
                : org.tend.protocol.proto.InviteRule.ANY_MEMBER)
            .setRemovalQuorum(quorum))
        .setFounder(profile)
        .setFounderKeys(EpochKeySeal.seal(randomness, collective, profile, epochZero,
            EpochKeySeal.Slot.genesis()))
        .build();
    return VerifiedDocument.sign(by, MembershipBody.newBuilder()
        .setCollectiveId(ByteString.copyFrom(collective.bytes()))
        .setAuthor(key(by))
        .setCreatedAtMillis(now++)
        .setGenesis(g).build());
  }

  NodeIdentity identity() {
    return NodeIdentity.generate(randomness);
  }

  /** Signs a document of this collective whose parents are the heads of the replay so far. */
  VerifiedDocument append(NodeIdentity author, MembershipBody.Builder change) {
    return add(author, change, replay().heads().stream().toList(), now++);
  }

  /** Signs a document with the given parents, without adding it to the history. */
  VerifiedDocument make(NodeIdentity author, MembershipBody.Builder change,
      List<DocumentHash> parents, long createdAtMillis) {
    MembershipBody.Builder body = change.clone()
        .setCollectiveId(ByteString.copyFrom(id.bytes()))
        .setAuthor(key(author))
        .setCreatedAtMillis(createdAtMillis);
    parents.forEach(p -> body.addParents(p.byteString()));
    return VerifiedDocument.sign(author, body.build());
  }

  /** Signs a document with the given parents and creation time, and adds it. */
  VerifiedDocument add(NodeIdentity author, MembershipBody.Builder change,
      List<DocumentHash> parents, long createdAtMillis) {
    VerifiedDocument doc = make(author, change, parents, createdAtMillis);
    docs.add(doc);
    return doc;
  }

  void add(VerifiedDocument doc) {
    docs.add(doc);
  }

  long tick() {
    return now++;
  }

  List<VerifiedDocument> docs() {
    return List.copyOf(docs);
  }

  Roster replay() {
    return replay(docs);
  }

  Roster replay(List<VerifiedDocument> some) {
    try {
      return RosterReplay.replay(genesis.hash(), some);
    } catch (DocumentException e) {
      throw new AssertionError(e);
    }
  }

  /** A Joined the joiner really consented to, carrying epoch 0 keys sealed to it. */
  MembershipBody.Builder joined(NodeIdentity joiner, String displayName) {
    MemberProfile profile = Profiles.of(joiner, displayName);
    ByteString inviteId = ByteString.copyFrom(randomness.bytes(16));
    return joinedWith(profile, inviteId,
        JoinSignatures.sign(joiner, id, inviteId, profile));
  }

  MembershipBody.Builder joinedWith(MemberProfile profile, ByteString inviteId,
      byte[] joinerSignature) {
    return MembershipBody.newBuilder().setJoined(Joined.newBuilder()
        .setMember(profile)
        .setInviteId(inviteId)
        .setJoinerSignature(ByteString.copyFrom(joinerSignature))
        .setKeys(EpochKeySeal.seal(randomness, id, profile, epochZero,
            EpochKeySeal.Slot.joined(0, inviteId))));
  }

  static MembershipBody.Builder grant(NodeIdentity member, Role role) {
    return MembershipBody.newBuilder().setRoleGranted(RoleGranted.newBuilder()
        .setMember(key(member)).setRole(role));
  }

  static MembershipBody.Builder approveRole(VerifiedDocument grant) {
    return MembershipBody.newBuilder().setRoleApproved(
        org.tend.protocol.proto.RoleApproved.newBuilder().setGrant(grant.hash().byteString()));
  }

  static MembershipBody.Builder propose(NodeIdentity member, String reason) {
    return MembershipBody.newBuilder().setRemovalProposed(RemovalProposed.newBuilder()
        .setMember(key(member)).setReason(reason));
  }

  static MembershipBody.Builder approve(VerifiedDocument proposal) {
    return MembershipBody.newBuilder().setRemovalApproved(RemovalApproved.newBuilder()
        .setProposal(proposal.hash().byteString()));
  }

  static MembershipBody.Builder left() {
    return MembershipBody.newBuilder().setLeft(Left.getDefaultInstance());
  }

  /** New keys for {@code epoch}, sealed to each of {@code recipients}. */
  MembershipBody.Builder rotation(int epoch, VerifiedDocument cause, NodeIdentity... recipients) {
    EpochKeys fresh = EpochKeySeal.fresh(randomness, epoch);
    KeysRotated.Builder rotation = KeysRotated.newBuilder().setEpoch(epoch)
        .setCause(cause.hash().byteString());
    Arrays.stream(recipients).forEach(r ->
        rotation.addKeys(EpochKeySeal.seal(randomness, id, Profiles.of(r, "Anyone"), fresh,
            EpochKeySeal.Slot.rotation(epoch, cause.hash().byteString()))));
    return MembershipBody.newBuilder().setKeysRotated(rotation);
  }

  static ByteString key(NodeIdentity identity) {
    return ByteString.copyFrom(identity.signing().publicKey());
  }

  static org.tend.node.api.collective.MemberKey member(NodeIdentity identity) {
    return org.tend.node.api.collective.MemberKey.of(identity.signing().publicKey());
  }
}
