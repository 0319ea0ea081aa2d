package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.InviteRule;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.MemberStatus;
import org.tend.node.api.collective.Role;
import org.tend.node.api.collective.Rules;
import org.tend.node.collective.Roster.PendingRemoval;
import org.tend.protocol.proto.Genesis;
import org.tend.protocol.proto.KeysRotated;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.SealedKeys;

/**
 * Replays a collective's membership documents into a {@link Roster}. Documents are taken in
 * causal order — a document only after all its parents — and, among those ready at once, by
 * creation time and then hash, so every member orders the same documents the same way. Each
 * change takes effect only if its author was allowed to make it at that point; one that was
 * not is refused (documents that name it as a parent are still judged on their own).
 *
 * <p>Creation times are the authors' word, so they only break ties. A removed or departed
 * member could otherwise sign a document with old parents and an old time and have it replayed
 * before their removal; so the replay is repeated with every ended member's documents limited
 * to those causally before the document that ended their membership, until nothing changes.
 */
final class RosterReplay {
  private static final Comparator<VerifiedDocument> ORDER = Comparator
      .comparingLong(VerifiedDocument::createdAtMillis)
      .thenComparing(VerifiedDocument::hash);

  private final CollectiveId id;
  private final DocumentHash genesisHash;
  private final String name;
  private final Rules rules;
  private final Map<MemberKey, MemberEntry> members = new LinkedHashMap<>();
  private final Map<MemberKey, List<EpochKeySeal.Sealed>> sealedKeys = new HashMap<>();
  private final Map<DocumentHash, PendingRemoval> pending = new LinkedHashMap<>();
  private final Map<DocumentHash, Roster.PendingGrant> grants = new LinkedHashMap<>();
  private final Set<DocumentHash> heads = new LinkedHashSet<>();
  /** Rotations in parts still missing parts, by the hash of the newest part replayed. */
  private final Map<DocumentHash, PartialRotation> partial = new HashMap<>();
  private int epoch;
  private Optional<DocumentHash> rotationDue = Optional.empty();
  private int applied;
  /** For members whose membership ended: the only documents of theirs that may count. */
  private final Map<MemberKey, Set<DocumentHash>> limits;
  /** Which document ended each member's membership (the removal's last signature, or Left). */
  private final Map<MemberKey, DocumentHash> endedBy = new HashMap<>();

  private RosterReplay(VerifiedDocument genesis, Map<MemberKey, Set<DocumentHash>> limits) {
    this.limits = limits;
    Genesis g = genesis.body().getGenesis();
    this.id = genesis.collective();
    this.genesisHash = genesis.hash();
    this.name = g.getName();
    this.rules = rulesOf(g);
    MemberKey founder = MemberKey.of(g.getFounder().getSigningKey().toByteArray());
    members.put(founder, new MemberEntry(g.getFounder(), Role.FACILITATOR, MemberStatus.ACTIVE,
        genesis.createdAtMillis(), Optional.empty(), 0, -1, 0));
    addSealed(g.getFounderKeys(), EpochKeySeal.Slot.genesis());
    heads.add(genesis.hash());
    applied = 1;
  }

  /**
   * @throws DocumentException if {@code genesisHash} names no valid genesis among {@code docs}
   */
  static Roster replay(DocumentHash genesisHash, Collection<VerifiedDocument> docs)
      throws DocumentException {
    Map<DocumentHash, VerifiedDocument> byHash = new HashMap<>();
    for (VerifiedDocument doc : docs) {
      byHash.put(doc.hash(), doc);
    }
    VerifiedDocument genesis = byHash.get(genesisHash);
    if (genesis == null || !Genesises.isValid(genesis)) {
      throw new DocumentException("the collective's genesis document is missing or invalid");
    }
    Map<MemberKey, Set<DocumentHash>> limits = Map.of();
    for (int round = 0; ; round++) {
      RosterReplay replay = new RosterReplay(genesis, limits);
      replay.run(genesis, byHash.values());
      Map<MemberKey, Set<DocumentHash>> next = new HashMap<>();
      replay.endedBy.forEach((member, end) -> next.put(member, ancestorsOf(end, byHash)));
      if (next.equals(limits) || round == MAX_ROUNDS) {
        return replay.result();
      }
      limits = next;
    }
  }

  /** Each round can only end more memberships, so a handful of rounds always settles. */
  private static final int MAX_ROUNDS = 16;

  /** {@code end} and every document it descends from. */
  private static Set<DocumentHash> ancestorsOf(DocumentHash end,
      Map<DocumentHash, VerifiedDocument> byHash) {
    Set<DocumentHash> seen = new HashSet<>();
    java.util.ArrayDeque<DocumentHash> todo = new java.util.ArrayDeque<>(List.of(end));
    while (!todo.isEmpty()) {
      DocumentHash next = todo.pop();
      VerifiedDocument doc = byHash.get(next);
      if (doc != null && seen.add(next)) {
        todo.addAll(doc.parents());
      }
    }
    return seen;
  }

  private void run(VerifiedDocument genesis, Collection<VerifiedDocument> docs) {
    Map<DocumentHash, List<VerifiedDocument>> children = new HashMap<>();
    Map<DocumentHash, Integer> waitingOn = new HashMap<>();
    Set<DocumentHash> known = new HashSet<>();
    for (VerifiedDocument doc : docs) {
      known.add(doc.hash());
    }
    PriorityQueue<VerifiedDocument> ready = new PriorityQueue<>(ORDER);
    for (VerifiedDocument doc : docs) {
      if (doc == genesis || !doc.collective().equals(id) || doc.body().hasGenesis()
          || doc.parents().isEmpty() || !known.containsAll(doc.parents())) {
        continue; // another genesis, another collective, or parents this node has not seen
      }
      waitingOn.put(doc.hash(), new HashSet<>(doc.parents()).size());
      for (DocumentHash parent : new HashSet<>(doc.parents())) {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(doc);
      }
    }
    release(genesis.hash(), children, waitingOn, ready);
    while (!ready.isEmpty()) {
      VerifiedDocument doc = ready.poll();
      if (apply(doc)) {
        applied++;
        heads.removeAll(doc.parents());
        heads.add(doc.hash());
      }
      release(doc.hash(), children, waitingOn, ready);
    }
  }

  private static void release(DocumentHash done, Map<DocumentHash, List<VerifiedDocument>> children,
      Map<DocumentHash, Integer> waitingOn, PriorityQueue<VerifiedDocument> ready) {
    for (VerifiedDocument child : children.getOrDefault(done, List.of())) {
      if (waitingOn.merge(child.hash(), -1, Integer::sum) == 0) {
        ready.add(child);
      }
    }
  }

  /** Whether the change took effect. */
  private boolean apply(VerifiedDocument doc) {
    MembershipBody body = doc.body();
    Optional<MemberEntry> author = Optional.ofNullable(members.get(doc.author()))
        .filter(MemberEntry::active);
    if (author.isEmpty()) {
      return false; // only active members change anything
    }
    Set<DocumentHash> limit = limits.get(doc.author());
    if (limit != null && !limit.contains(doc.hash())) {
      return false; // signed by someone whose membership ended, and not before it ended
    }
    return switch (body.getChangeCase()) {
      case JOINED -> joined(doc, author.get());
      case ROLE_GRANTED -> roleGranted(doc, author.get());
      case ROLE_APPROVED -> roleApproved(doc, author.get());
      case REMOVAL_PROPOSED -> removalProposed(doc, author.get());
      case REMOVAL_APPROVED -> removalApproved(doc, author.get());
      case LEFT -> left(doc);
      case KEYS_ROTATED -> keysRotated(doc);
      default -> false;
    };
  }

  private boolean joined(VerifiedDocument doc, MemberEntry inviter) {
    boolean mayInvite = rules.whoMayInvite() == InviteRule.ANY_MEMBER
        || inviter.role() == Role.FACILITATOR;
    var joined = doc.body().getJoined();
    Optional<MemberKey> key = doc.verifiedJoiner(); // run() takes only documents of this collective
    if (!mayInvite || key.isEmpty() || members.containsKey(key.get())) {
      return false;
    }
    members.put(key.get(), new MemberEntry(joined.getMember(), Role.MEMBER, MemberStatus.ACTIVE,
        doc.createdAtMillis(), Optional.of(doc.author()), epoch, -1, 0));
    addSealed(joined.getKeys(), EpochKeySeal.Slot.joined(epoch, joined.getInviteId()));
    return true;
  }

  /**
   * A role change, proposed by a facilitator and in effect once the removal quorum of
   * facilitators has signed it: otherwise one facilitator could promote others of their choosing
   * and meet any quorum alone, or demote everyone who might object. While there are fewer
   * facilitators than the quorum, all of them must sign (a founder alone can appoint the first).
   */
  private boolean roleGranted(VerifiedDocument doc, MemberEntry author) {
    var grant = doc.body().getRoleGranted();
    Optional<MemberKey> target = memberKey(grant.getMember());
    if (!author.activeFacilitator() || target.isEmpty() || !isActive(target.get())
        || grant.getRole() == org.tend.protocol.proto.Role.ROLE_UNSPECIFIED
        || grant.getRole() == org.tend.protocol.proto.Role.UNRECOGNIZED) {
      return false;
    }
    Role role = grant.getRole() == org.tend.protocol.proto.Role.FACILITATOR
        ? Role.FACILITATOR : Role.MEMBER;
    grants.put(doc.hash(), new Roster.PendingGrant(target.get(), role,
        new LinkedHashSet<>(List.of(doc.author()))));
    settleGrant(doc.hash());
    return true;
  }

  private boolean roleApproved(VerifiedDocument doc, MemberEntry author) {
    DocumentHash grant;
    try {
      grant = DocumentHash.of(doc.body().getRoleApproved().getGrant().toByteArray());
    } catch (DocumentException e) {
      return false;
    }
    Roster.PendingGrant pendingGrant = grants.get(grant);
    if (!author.activeFacilitator() || pendingGrant == null
        || !pendingGrant.approvals().add(doc.author())) {
      return false;
    }
    settleGrant(grant);
    return true;
  }

  /**
   * Puts a role change into effect once enough facilitators who are still active facilitators
   * have signed it.
   */
  private void settleGrant(DocumentHash hash) {
    Roster.PendingGrant grant = grants.get(hash);
    if (!isActive(grant.member())) {
      grants.remove(hash);
      return;
    }
    long signers = grant.approvals().stream()
        .filter(k -> Optional.ofNullable(members.get(k)).map(MemberEntry::activeFacilitator)
            .orElse(false))
        .count();
    long facilitators = members.values().stream().filter(MemberEntry::activeFacilitator).count();
    if (signers >= Roster.grantQuorum(rules, facilitators)) {
      members.computeIfPresent(grant.member(), (k, m) -> m.withRole(grant.role()));
      grants.remove(hash);
    }
  }

  private boolean removalProposed(VerifiedDocument doc, MemberEntry author) {
    var proposal = doc.body().getRemovalProposed();
    Optional<MemberKey> target = memberKey(proposal.getMember());
    if (!author.activeFacilitator() || target.isEmpty() || !isActive(target.get())
        || target.get().equals(doc.author())
        || proposal.getReason().length() > MembershipLimits.MAX_REASON_CHARS) {
      return false;
    }
    Set<MemberKey> approvals = new LinkedHashSet<>(List.of(doc.author()));
    pending.put(doc.hash(), new PendingRemoval(target.get(), proposal.getReason(), approvals));
    settle(doc.hash(), doc.hash(), doc.createdAtMillis());
    return true;
  }

  private boolean removalApproved(VerifiedDocument doc, MemberEntry author) {
    DocumentHash proposal;
    try {
      proposal = DocumentHash.of(doc.body().getRemovalApproved().getProposal().toByteArray());
    } catch (DocumentException e) {
      return false;
    }
    PendingRemoval removal = pending.get(proposal);
    if (!author.activeFacilitator() || removal == null
        || !removal.approvals().add(doc.author())) {
      return false;
    }
    settle(proposal, doc.hash(), doc.createdAtMillis());
    return true;
  }

  /** Puts a removal into effect once enough facilitators have signed it. */
  private void settle(DocumentHash proposal, DocumentHash current, long endedAtMillis) {
    PendingRemoval removal = pending.get(proposal);
    if (!isActive(removal.member())) {
      pending.remove(proposal); // gone some other way meanwhile
      return;
    }
    if (removal.approvals().size() >= rules.removalQuorum()) {
      members.computeIfPresent(removal.member(),
          (k, m) -> m.ended(MemberStatus.REMOVED, epoch, endedAtMillis));
      endedBy.put(removal.member(), current);
      pending.remove(proposal);
      rotationDue = Optional.of(proposal);
    }
  }

  private boolean left(VerifiedDocument doc) {
    members.computeIfPresent(doc.author(),
        (k, m) -> m.ended(MemberStatus.LEFT, epoch, doc.createdAtMillis()));
    endedBy.put(doc.author(), doc.hash());
    pending.values().removeIf(p -> p.member().equals(doc.author()));
    rotationDue = Optional.of(doc.hash());
    return true;
  }

  /**
   * New keys count only if sealed to exactly the active members at this point: none who is
   * not one (a removed member must not read on), and none left out (no one may keep the
   * collective's keys from the others). A rotation refused for crossing a concurrent change
   * leaves the rotation due, so another is made. A rotation in parts counts only with its last
   * part, judged on all its parts together; until then nobody's keys or epoch change.
   */
  private boolean keysRotated(VerifiedDocument doc) {
    KeysRotated rotation = doc.body().getKeysRotated();
    if (rotation.getEpoch() != epoch + 1 || rotation.getKeysCount() == 0) {
      return false;
    }
    if (rotation.getParts() == 0) {
      // one document, as in protocol version 1: recipients in any order
      return rotation.getPart() == 0 && rotation.getPreviousPart().isEmpty()
          && rotate(rotation.getEpoch(), rotation.getCause(), rotation.getKeysList());
    }
    return rotationPart(doc, rotation);
  }

  /**
   * One part of a rotation in parts. Part 0 starts a chain; part k extends the chain whose
   * newest part it names (also among its parents, so no node replays it without that part),
   * by the same author, for the same epoch, cause and number of parts, and only once: a second
   * part k naming the same part k - 1 finds the chain moved on. Recipients must be active and
   * ascend strictly across the whole chain, so no member is sealed to twice.
   */
  private boolean rotationPart(VerifiedDocument doc, KeysRotated part) {
    if (part.getParts() > MembershipLimits.MAX_ROTATION_PARTS
        || part.getPart() >= part.getParts()
        || part.getKeysCount() > MembershipLimits.MAX_RECIPIENTS_PER_PART) {
      return false;
    }
    Optional<DocumentHash> previous = Optional.empty();
    PartialRotation before;
    if (part.getPart() == 0) {
      if (!part.getPreviousPart().isEmpty()) {
        return false;
      }
      before = new PartialRotation(doc.author(), part.getEpoch(), part.getCause(),
          part.getParts(), 0, Optional.empty(), List.of());
    } else {
      try {
        previous = Optional.of(DocumentHash.of(part.getPreviousPart().toByteArray()));
      } catch (DocumentException e) {
        return false;
      }
      before = partial.get(previous.get());
      if (before == null || !doc.parents().contains(previous.get())
          || !before.author().equals(doc.author()) || before.epoch() != part.getEpoch()
          || !before.cause().equals(part.getCause()) || before.parts() != part.getParts()
          || before.next() != part.getPart()) {
        return false;
      }
    }
    List<SealedKeys> keys = new ArrayList<>(before.keys());
    Optional<MemberKey> last = before.last();
    for (SealedKeys k : part.getKeysList()) {
      Optional<MemberKey> recipient = memberKey(k.getMember());
      if (recipient.isEmpty() || !isActive(recipient.get()) || (last.isPresent()
          && java.util.Arrays.compareUnsigned(last.get().bytes(), recipient.get().bytes()) >= 0)) {
        return false;
      }
      last = recipient;
      keys.add(k);
    }
    previous.ifPresent(partial::remove);
    if (part.getPart() + 1 < part.getParts()) {
      partial.put(doc.hash(), new PartialRotation(before.author(), before.epoch(),
          before.cause(), before.parts(), part.getPart() + 1, last, List.copyOf(keys)));
      return true;
    }
    return rotate(part.getEpoch(), part.getCause(), keys);
  }

  /** Puts new keys into effect if sealed to exactly the active members, each once. */
  private boolean rotate(int next, ByteString cause, List<SealedKeys> keys) {
    Set<MemberKey> recipients = new HashSet<>();
    for (SealedKeys k : keys) {
      Optional<MemberKey> recipient = memberKey(k.getMember());
      if (recipient.isEmpty() || !isActive(recipient.get()) || !recipients.add(recipient.get())) {
        return false;
      }
    }
    if (recipients.size() != members.values().stream().filter(MemberEntry::active).count()) {
      return false;
    }
    epoch = next;
    EpochKeySeal.Slot slot = EpochKeySeal.Slot.rotation(epoch, cause);
    keys.forEach(k -> addSealed(k, slot));
    rotationDue = Optional.empty();
    partial.clear(); // chains for the epoch just started can no longer complete
    return true;
  }

  /**
   * A rotation in parts replayed up to its newest part: whose it is, what it is for, which
   * part must come next, its highest recipient so far and the boxes of all its parts so far.
   */
  private record PartialRotation(MemberKey author, int epoch, ByteString cause, int parts,
      int next, Optional<MemberKey> last, List<SealedKeys> keys) {
  }

  private boolean isActive(MemberKey key) {
    MemberEntry entry = members.get(key);
    return entry != null && entry.active();
  }

  private void addSealed(SealedKeys keys, EpochKeySeal.Slot slot) {
    memberKey(keys.getMember()).ifPresent(member -> sealedKeys
        .computeIfAbsent(member, m -> new ArrayList<>()).add(new EpochKeySeal.Sealed(keys, slot)));
  }

  private static Optional<MemberKey> memberKey(com.google.protobuf.ByteString bytes) {
    return bytes.size() == MemberKey.LENGTH
        ? Optional.of(MemberKey.of(bytes.toByteArray())) : Optional.empty();
  }

  static Rules rulesOf(Genesis genesis) {
    InviteRule who = genesis.getRules().getWhoMayInvite()
        == org.tend.protocol.proto.InviteRule.FACILITATORS_ONLY
        ? InviteRule.FACILITATORS_ONLY : InviteRule.ANY_MEMBER;
    return new Rules(who, genesis.getRules().getRemovalQuorum());
  }

  private Map<DocumentHash, Roster.PendingGrant> pendingGrants() {
    Map<DocumentHash, Roster.PendingGrant> out = new LinkedHashMap<>();
    grants.forEach((k, v) -> out.put(k, new Roster.PendingGrant(v.member(), v.role(),
        Collections.unmodifiableSet(new LinkedHashSet<>(v.approvals())))));
    return out;
  }

  private Roster result() {
    Map<MemberKey, List<EpochKeySeal.Sealed>> sealed = new HashMap<>();
    sealedKeys.forEach((k, v) -> sealed.put(k, List.copyOf(v)));
    Map<DocumentHash, PendingRemoval> removals = new LinkedHashMap<>();
    pending.forEach((k, v) -> removals.put(k,
        new PendingRemoval(v.member(), v.reason(), Collections.unmodifiableSet(new LinkedHashSet<>(v.approvals())))));
    return new Roster(id, genesisHash, name, rules,
        Collections.unmodifiableMap(new LinkedHashMap<>(members)), epoch,
        Collections.unmodifiableMap(sealed), rotationDue, Collections.unmodifiableMap(removals),
        Collections.unmodifiableMap(pendingGrants()),
        Collections.unmodifiableSet(new LinkedHashSet<>(heads)), applied);
  }
}
