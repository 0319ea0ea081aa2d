package org.tend.node.collective;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tend.node.api.collective.CollectiveException;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.InviteRule;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.MemberStatus;
import org.tend.node.api.collective.Role;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.home.TendException;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.EpochKeys;
import org.tend.protocol.proto.Genesis;
import org.tend.protocol.proto.InviteRecord;
import org.tend.protocol.proto.KeysRotated;
import org.tend.protocol.proto.MemberProfile;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.SealedKeys;
import org.tend.protocol.proto.SignedDocument;

/**
 * The collectives of one node: their documents, the rosters replayed from them, and this
 * node's keys in each. Every public method is synchronised, so the network's threads and the
 * member's commands see one consistent state; listeners hear of new documents after each change.
 */
final class CollectiveManager {
  /** How long after expiry an invite is still recognised, to tell its holder it expired. */
  static final Duration INVITE_GRACE = Duration.ofDays(7);

  /** What listeners hear: documents added to a collective, and the roster after them. */
  interface Listener {
    void changed(CollectiveId collective, List<VerifiedDocument> added, Roster roster);
  }

  private final CollectiveBook book;
  private final NodeIdentity identity;
  private final MemberKey me;
  private final Clock clock;
  private final Randomness randomness;
  private final Map<CollectiveId, Roster> rosters = new LinkedHashMap<>();
  private final Map<CollectiveId, Map<Integer, EpochKeys>> keys = new HashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private boolean rotating;
  /**
   * What replication asks, readable without this manager's lock: replication holds its own
   * lock while it asks, and this manager's holders may call into replication.
   */
  private final Map<CollectiveId, RosterMembership> memberships =
      new java.util.concurrent.ConcurrentHashMap<>();
  private List<NetworkKey> networkKeys;

  CollectiveManager(CollectiveBook book, NodeIdentity identity, Clock clock,
      Randomness randomness) {
    this.book = book;
    this.identity = identity;
    this.me = MemberKey.of(identity.signing().publicKey());
    this.clock = clock;
    this.randomness = randomness;
    for (CollectiveId id : book.anchors().keySet()) {
      refresh(id);
      showReplication(id);
    }
  }

  void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** A listener that hears of each change before those already added. */
  void addFirstListener(Listener listener) {
    listeners.add(0, listener);
  }

  MemberKey me() {
    return me;
  }

  NodeIdentity identity() {
    return identity;
  }

  Clock clock() {
    return clock;
  }

  Randomness randomness() {
    return randomness;
  }

  synchronized CollectiveSummary create(String name, String displayName, Rules rules)
      throws TendException {
    String checkedName = checked(name, "A collective's name");
    MemberProfile founder = profile(displayName);
    CollectiveId id = CollectiveId.of(randomness.bytes(CollectiveId.LENGTH));
    EpochKeys epochZero = EpochKeySeal.fresh(randomness, 0);
    Genesis genesis = Genesis.newBuilder().setName(checkedName)
        .setRules(org.tend.protocol.proto.Rules.newBuilder()
            .setWhoMayInvite(rules.whoMayInvite() == InviteRule.FACILITATORS_ONLY
                ? org.tend.protocol.proto.InviteRule.FACILITATORS_ONLY
                : org.tend.protocol.proto.InviteRule.ANY_MEMBER)
            .setRemovalQuorum(rules.removalQuorum()))
        .setFounder(founder)
        .setFounderKeys(EpochKeySeal.seal(randomness, id, founder, epochZero,
            EpochKeySeal.Slot.genesis()))
        .build();
    VerifiedDocument doc = VerifiedDocument.sign(identity, MembershipBody.newBuilder()
        .setCollectiveId(ByteString.copyFrom(id.bytes()))
        .setAuthor(ByteString.copyFrom(me.bytes()))
        .setCreatedAtMillis(clock.millis())
        .setGenesis(genesis).build());
    book.add(doc);
    book.anchor(id, doc.hash());
    refresh(id);
    notifyListeners(id, List.of(doc));
    return summary(id);
  }

  synchronized List<CollectiveSummary> list() {
    return rosters.keySet().stream().map(this::summary).toList();
  }

  synchronized CollectiveSummary resolve(Optional<String> nameOrId) throws CollectiveException {
    List<CollectiveSummary> all = list();
    if (all.isEmpty()) {
      throw new CollectiveException("This node belongs to no collective yet: create one with "
          + "`tend collective create NAME` or join one with `tend join CODE`.");
    }
    if (nameOrId.isEmpty() || nameOrId.get().isBlank()) {
      if (all.size() == 1) {
        return all.get(0);
      }
      throw new CollectiveException("This node belongs to several collectives; choose one with "
          + "--collective: " + names(all) + ".");
    }
    String wanted = nameOrId.get().strip();
    List<CollectiveSummary> matches = all.stream().filter(c -> c.name().equals(wanted)).toList();
    if (matches.isEmpty()) {
      matches = all.stream()
          .filter(c -> c.id().hex().startsWith(wanted.toLowerCase(Locale.ROOT))).toList();
    }
    if (matches.size() != 1) {
      throw new CollectiveException((matches.isEmpty() ? "No collective" : "More than one collective")
          + " matches '" + wanted + "'; this node belongs to: " + names(all) + ".");
    }
    return matches.get(0);
  }

  synchronized List<Member> members(CollectiveId id) throws CollectiveException {
    return roster(id).toMembers();
  }

  synchronized Member member(CollectiveId id, String fingerprint) throws CollectiveException {
    String wanted = fingerprint.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    List<Member> matches = roster(id).toMembers().stream()
        .filter(m -> !wanted.isEmpty()
            && m.fingerprint().value().replace(" ", "").startsWith(wanted))
        .toList();
    if (matches.size() != 1) {
      throw new CollectiveException((matches.isEmpty() ? "No member" : "More than one member")
          + " of this collective has a fingerprint starting '" + fingerprint.strip()
          + "'; `tend members` lists them.");
    }
    return matches.get(0);
  }

  /**
   * Takes in documents that arrived in their authors' logs (so under the rate rule). Those that
   * verify, belong to this collective, are new and were signed by someone this collective ever
   * admitted are stored; the roster is replayed; if a rotation has become due, this node
   * performs it. Returns the documents that were new.
   */
  synchronized List<VerifiedDocument> ingest(CollectiveId id, List<SignedDocument> docs)
      throws TendException {
    Roster roster = rosters.get(id);
    if (roster == null) {
      return List.of();
    }
    List<VerifiedDocument> added = new ArrayList<>();
    for (VerifiedDocument doc : admitted(id, roster, docs)) {
      if (book.count(id) >= MembershipLimits.MAX_DOCUMENTS) {
        break;
      }
      if (book.add(doc)) {
        added.add(doc);
      }
    }
    return taken(id, added);
  }

  /**
   * Takes in documents sent in a document frame by {@code sender}'s node: only as notice that
   * the sender's membership or this node's has ended. Only endings (a departure, a removal's
   * proposal or approval) signed by admitted members count, and they are stored only if, with
   * them, the replay really ends the sender's or this node's membership; everything else is
   * dropped. Each accepted notice ends someone, so this path cannot fill the history.
   */
  synchronized List<VerifiedDocument> ingestEnding(CollectiveId id, MemberKey sender,
      List<SignedDocument> docs) throws TendException {
    Roster roster = rosters.get(id);
    DocumentHash genesis = book.anchors().get(id);
    if (roster == null || genesis == null
        || !(roster.isActive(sender) || roster.isActive(me))) {
      return List.of();
    }
    List<VerifiedDocument> endings = new ArrayList<>();
    for (VerifiedDocument doc : admitted(id, roster, endingCandidates(id, roster, docs))) {
      if (!book.has(doc)) {
        endings.add(doc);
      }
    }
    if (endings.isEmpty()) {
      return List.of();
    }
    List<VerifiedDocument> trial = book.documents(id);
    trial.addAll(endings);
    Roster after;
    try {
      after = RosterReplay.replay(genesis, trial);
    } catch (DocumentException e) {
      return List.of();
    }
    boolean ends = (roster.isActive(sender) && !after.isActive(sender))
        || (roster.isActive(me) && !after.isActive(me));
    if (!ends) {
      return List.of();
    }
    List<VerifiedDocument> added = new ArrayList<>();
    for (VerifiedDocument doc : endings) {
      if (book.add(doc)) {
        added.add(doc);
      }
    }
    return taken(id, added);
  }

  /** Most documents one ending notice may carry: a removal's proposal and its approvals. */
  static final int MAX_ENDING_DOCUMENTS = 64;

  /**
   * The documents of a frame that could be an ending this node lacks, at most
   * {@value #MAX_ENDING_DOCUMENTS}, sorted out by parsing alone: a frame costs its sender
   * nothing to repeat, so a signature is checked only where it could count. Anything else (junk
   * signed by keys never admitted, what this node already holds) costs no signature check.
   */
  private List<SignedDocument> endingCandidates(CollectiveId id, Roster roster,
      List<SignedDocument> docs) {
    com.google.protobuf.ByteString collective = ByteString.copyFrom(id.bytes());
    List<SignedDocument> out = new ArrayList<>();
    for (SignedDocument signed : docs) {
      Optional<MembershipBody> body = VerifiedDocument.unverifiedBody(signed);
      if (body.isEmpty() || !body.get().getCollectiveId().equals(collective)) {
        continue;
      }
      boolean ending = switch (body.get().getChangeCase()) {
        case LEFT, REMOVAL_PROPOSED, REMOVAL_APPROVED -> true;
        default -> false;
      };
      if (!ending || body.get().getAuthor().size() != MemberKey.LENGTH
          || !roster.members().containsKey(MemberKey.of(body.get().getAuthor().toByteArray()))
          || book.has(id, VerifiedDocument.hashOf(signed))) {
        continue;
      }
      out.add(signed);
      if (out.size() == MAX_ENDING_DOCUMENTS) {
        break;
      }
    }
    return out;
  }

  private List<VerifiedDocument> taken(CollectiveId id, List<VerifiedDocument> added) {
    if (!added.isEmpty()) {
      refresh(id);
      notifyListeners(id, added);
      rotateLater(id);
    }
    return added;
  }

  /**
   * The documents among {@code docs} that verify, belong to {@code id} and were signed by a key
   * the collective admitted — as of {@code roster}, or by a Joined document among them signed
   * by an admitted key. Documents by keys never admitted never apply; they are not kept.
   */
  private static List<VerifiedDocument> admitted(CollectiveId id, Roster roster,
      List<SignedDocument> docs) {
    List<VerifiedDocument> pending = new ArrayList<>();
    for (SignedDocument signed : docs) {
      try {
        VerifiedDocument doc = VerifiedDocument.verify(signed);
        if (doc.collective().equals(id) && !doc.body().hasGenesis()) {
          pending.add(doc);
        }
      } catch (DocumentException e) {
        // forged or damaged: dropped, the rest still count
      }
    }
    java.util.Set<MemberKey> known = new java.util.HashSet<>();
    roster.members().keySet().forEach(known::add);
    List<VerifiedDocument> out = new ArrayList<>();
    boolean progress = true;
    while (progress && !pending.isEmpty()) {
      progress = false;
      for (java.util.Iterator<VerifiedDocument> it = pending.iterator(); it.hasNext(); ) {
        VerifiedDocument doc = it.next();
        if (known.contains(doc.author())) {
          it.remove();
          out.add(doc);
          progress = true;
          if (doc.body().hasJoined()) {
            (doc.collective().equals(id) ? doc.verifiedJoiner()
                : JoinSignatures.verifiedJoiner(id, doc.body().getJoined())).ifPresent(known::add);
          }
        }
      }
    }
    return out;
  }

  /** Documents and anchor received when this node joined. */
  synchronized void adopt(CollectiveId id, DocumentHash genesis, List<VerifiedDocument> docs)
      throws TendException {
    for (VerifiedDocument doc : docs) {
      book.add(doc);
    }
    book.anchor(id, genesis);
    refresh(id);
    showReplication(id);
  }

  synchronized List<SignedDocument> documents(CollectiveId id) {
    return book.documents(id).stream().map(VerifiedDocument::signed).toList();
  }

  /** The documents this node signed in {@code id}, in the order it made them. */
  synchronized List<SignedDocument> ownDocuments(CollectiveId id) {
    return book.documents(id).stream().filter(d -> d.author().equals(me))
        .map(VerifiedDocument::signed).toList();
  }

  synchronized Optional<Roster> rosterOf(CollectiveId id) {
    return Optional.ofNullable(rosters.get(id));
  }

  /** This node's keys for every epoch it holds in {@code id}. */
  synchronized Map<Integer, EpochKeys> keysOf(CollectiveId id) {
    return Map.copyOf(keys.getOrDefault(id, Map.of()));
  }

  synchronized List<InviteRecord> invites() throws TendException {
    return book.invites().stream().map(s -> s.message()).toList();
  }

  CollectiveBook book() {
    return book;
  }

  synchronized java.util.List<org.tend.protocol.proto.KnownAddress> addresses()
      throws TendException {
    return book.addresses();
  }

  /** Remembers that a member was reached at an address just now. */
  synchronized void seen(org.tend.protocol.proto.KnownAddress address) {
    try {
      book.putAddress(address);
    } catch (TendException e) {
      // only the last-seen time is lost
    }
  }

  /** Forgets an address the dialler gave up on. */
  synchronized void forget(org.tend.protocol.proto.KnownAddress address) {
    try {
      book.forgetAddress(address);
    } catch (TendException e) {
      // dialled again, and given up on again
    }
  }

  /**
   * Remembers an address a member announced, unless it is known already or the member has
   * {@code limit} addresses stored.
   */
  synchronized void heard(org.tend.protocol.proto.KnownAddress address, int limit) {
    try {
      List<org.tend.protocol.proto.KnownAddress> theirs = book.addresses().stream()
          .filter(a -> a.getCollectiveId().equals(address.getCollectiveId())
              && a.getMember().equals(address.getMember())).toList();
      boolean known = theirs.stream().anyMatch(a -> a.getHost().equals(address.getHost())
          && a.getPort() == address.getPort());
      if (!known && theirs.size() < limit) {
        book.putAddress(address);
      }
    } catch (TendException e) {
      // not kept: the next announcement tries again
    }
  }

  /** Signs and adds a document of this node's, then tells the listeners. */
  VerifiedDocument publish(CollectiveId id, MembershipBody.Builder change) throws TendException {
    Roster roster = roster(id);
    MembershipBody.Builder body = change.setCollectiveId(ByteString.copyFrom(id.bytes()))
        .setAuthor(ByteString.copyFrom(me.bytes()))
        .setCreatedAtMillis(clock.millis());
    roster.heads().forEach(h -> body.addParents(h.byteString()));
    VerifiedDocument doc = VerifiedDocument.sign(identity, body.build());
    book.add(doc);
    refresh(id);
    notifyListeners(id, List.of(doc));
    rotateIfDue(id);
    return doc;
  }

  boolean mayInvite(Roster roster, MemberKey member) {
    Optional<MemberEntry> entry = roster.member(member).filter(MemberEntry::active);
    return entry.isPresent() && (roster.rules().whoMayInvite() == InviteRule.ANY_MEMBER
        || entry.get().role() == Role.FACILITATOR);
  }

  MemberProfile profile(String displayName) {
    checked(displayName, "A display name");
    return Profiles.of(identity, displayName);
  }

  /**
   * A change someone else made left a rotation due: the node that made it rotates at once, so
   * the others wait, each for its turn — {@link #ROTATION_TURN} times its place among the active
   * members in key order — and rotate only if no rotation has arrived meanwhile. Two rotations
   * of one epoch would leave members holding different keys for a while. A rotation in parts
   * has arrived only with its last part, so a member who starts one and withholds the rest
   * delays no one's turn.
   */
  private void rotateLater(CollectiveId id) {
    Roster roster = rosters.get(id);
    if (roster == null || roster.rotationDue().isEmpty() || !roster.isActive(me)) {
      return;
    }
    List<MemberKey> order = roster.active().stream().map(MemberEntry::key)
        .sorted((a, b) -> java.util.Arrays.compareUnsigned(a.bytes(), b.bytes())).toList();
    long turn = order.indexOf(me) + 1L;
    DocumentHash due = roster.rotationDue().get();
    later().schedule(() -> {
      synchronized (this) {
        Roster now = rosters.get(id);
        if (now != null && now.rotationDue().equals(Optional.of(due))) {
          try {
            rotateIfDue(id);
          } catch (TendException | RuntimeException e) {
            // the next change or another member's turn makes it
          }
        }
      }
    }, ROTATION_TURN.toMillis() * turn, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** How long each member's turn to make a due rotation lasts. */
  static final Duration ROTATION_TURN = Duration.ofSeconds(3);

  private java.util.concurrent.ScheduledExecutorService later;

  private java.util.concurrent.ScheduledExecutorService later() {
    if (later == null) {
      later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tend-rotation");
        t.setDaemon(true);
        return t;
      });
    }
    return later;
  }

  /** Stops waiting for turns to rotate (the node is closing). */
  synchronized void close() {
    if (later != null) {
      later.shutdownNow();
    }
  }

  /** After a removal or departure, new keys for everyone who remains, sealed to each. */
  private void rotateIfDue(CollectiveId id) throws TendException {
    Roster roster = rosters.get(id);
    if (rotating || roster == null || roster.rotationDue().isEmpty() || !roster.isActive(me)) {
      return;
    }
    rotating = true;
    try {
      rotate(id, roster);
    } finally {
      rotating = false;
    }
  }

  /**
   * Seals fresh keys to every active member. Up to {@link MembershipLimits#MAX_RECIPIENTS_PER_PART}
   * members, one document as ever; beyond, a chain of parts in ascending key order, signed
   * together and stored in one write, so this node never holds, nor passes on, only some.
   */
  private void rotate(CollectiveId id, Roster roster) throws TendException {
    int next = roster.epoch() + 1;
    EpochKeys fresh = EpochKeySeal.fresh(randomness, next);
    ByteString cause = roster.rotationDue().get().byteString();
    EpochKeySeal.Slot slot = EpochKeySeal.Slot.rotation(next, cause);
    List<MemberEntry> active = roster.active();
    if (active.size() <= MembershipLimits.MAX_RECIPIENTS_PER_PART) {
      KeysRotated.Builder rotation = KeysRotated.newBuilder().setEpoch(next).setCause(cause);
      for (MemberEntry member : active) {
        rotation.addKeys(EpochKeySeal.seal(randomness, id, member.profile(), fresh, slot));
      }
      publish(id, MembershipBody.newBuilder().setKeysRotated(rotation));
      return;
    }
    int parts = (active.size() + MembershipLimits.MAX_RECIPIENTS_PER_PART - 1)
        / MembershipLimits.MAX_RECIPIENTS_PER_PART;
    if (parts > MembershipLimits.MAX_ROTATION_PARTS) {
      throw new CollectiveException("This collective has " + active.size() + " active members; "
          + "new keys can be sealed to at most " + MembershipLimits.MAX_ROTATION_PARTS
          * MembershipLimits.MAX_RECIPIENTS_PER_PART + ".");
    }
    List<MemberEntry> ordered = active.stream()
        .sorted((a, b) -> java.util.Arrays.compareUnsigned(a.key().bytes(), b.key().bytes()))
        .toList();
    int perPart = (ordered.size() + parts - 1) / parts;
    long now = clock.millis();
    List<VerifiedDocument> chain = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      KeysRotated.Builder part = KeysRotated.newBuilder().setEpoch(next).setCause(cause)
          .setPart(p).setParts(parts);
      for (MemberEntry member : ordered.subList(p * perPart,
          Math.min(ordered.size(), (p + 1) * perPart))) {
        part.addKeys(EpochKeySeal.seal(randomness, id, member.profile(), fresh, slot));
      }
      MembershipBody.Builder body = MembershipBody.newBuilder()
          .setCollectiveId(ByteString.copyFrom(id.bytes()))
          .setAuthor(ByteString.copyFrom(me.bytes()))
          .setCreatedAtMillis(now);
      if (chain.isEmpty()) {
        roster.heads().forEach(h -> body.addParents(h.byteString()));
      } else {
        DocumentHash previous = chain.get(chain.size() - 1).hash();
        part.setPreviousPart(previous.byteString());
        body.addParents(previous.byteString());
      }
      chain.add(VerifiedDocument.sign(identity, body.setKeysRotated(part).build()));
    }
    book.addAll(chain);
    refresh(id);
    notifyListeners(id, chain);
  }

  /**
   * The keys the transport accepts: every epoch's network key of each collective this node is
   * active in (older epochs too, so a member who missed a rotation can still reach the others
   * and catch up; membership, not the key, decides who stays), and the join keys of invites
   * issued up to a week after they expired.
   */
  synchronized List<NetworkKey> networkKeys() {
    if (networkKeys == null) {
      List<NetworkKey> out = new ArrayList<>();
      rosters.forEach((id, roster) -> {
        if (roster.isActive(me)) {
          keys.getOrDefault(id, Map.of()).values().stream()
              .sorted(java.util.Comparator.comparingInt(EpochKeys::getEpoch).reversed())
              .forEach(k -> out.add(new NetworkKey(id, k.getEpoch(),
                  SecretBytes.copyOf(k.getNetworkKey().toByteArray()))));
        }
      });
      long oldest = clock.millis() - INVITE_GRACE.toMillis();
      try {
        for (InviteRecord invite : invites()) {
          if (!invite.getWithdrawn() && invite.getExpiresAtMillis() > oldest) {
            out.add(NetworkKey.forJoin(CollectiveId.of(invite.getCollectiveId().toByteArray()),
                SecretBytes.copyOf(invite.getJoinKey().toByteArray())));
          }
        }
      } catch (TendException e) {
        // invites unreadable: members can still connect
      }
      networkKeys = List.copyOf(out);
    }
    return networkKeys;
  }

  /**
   * The newest network key this node holds for {@code id}, whether or not it is still a member
   * (a removed node keeps the keys it had; they open nothing new).
   */
  synchronized Optional<NetworkKey> newestNetworkKey(CollectiveId id) {
    return keys.getOrDefault(id, Map.of()).values().stream()
        .max(java.util.Comparator.comparingInt(EpochKeys::getEpoch))
        .map(k -> new NetworkKey(id, k.getEpoch(),
            SecretBytes.copyOf(k.getNetworkKey().toByteArray())));
  }

  /** What replication needs to know of {@code id}'s membership, as of now. */
  Optional<org.tend.node.api.replication.Membership> membership(CollectiveId id) {
    return Optional.ofNullable(memberships.get(id));
  }

  synchronized boolean isMember(CollectiveId id, MemberKey member) {
    Roster roster = rosters.get(id);
    return roster != null && roster.isActive(member);
  }

  /** The transport's keys change: an invite was issued. */
  synchronized void invalidateKeys() {
    networkKeys = null;
  }

  private void refresh(CollectiveId id) {
    networkKeys = null;
    Optional<DocumentHash> genesis = Optional.ofNullable(book.anchors().get(id));
    if (genesis.isEmpty()) {
      return;
    }
    try {
      Roster roster = RosterReplay.replay(genesis.get(), book.documents(id));
      rosters.put(id, roster);
      Map<Integer, EpochKeys> mine = new HashMap<>();
      for (EpochKeySeal.Sealed sealed : roster.sealedKeys().getOrDefault(me, List.of())) {
        // filed under the epoch the document gives, which the box must agree with
        EpochKeySeal.open(identity, id, sealed).ifPresent(k -> mine.put(sealed.slot().epoch(), k));
      }
      keys.put(id, mine);
    } catch (DocumentException e) {
      rosters.remove(id); // its genesis is damaged: this collective cannot be shown
      memberships.remove(id);
    }
  }

  /**
   * Tells the listeners, and only then shows replication the new roster: documents this node
   * just signed go into its log in the epoch they belong to before anything is written in a
   * new one.
   */
  private void notifyListeners(CollectiveId id, List<VerifiedDocument> added) {
    Roster roster = rosters.get(id);
    if (!memberships.containsKey(id)) {
      showReplication(id); // a collective just founded: its genesis goes into the log
    }
    if (roster != null) {
      listeners.forEach(l -> l.changed(id, added, roster));
    }
    showReplication(id);
  }

  private void showReplication(CollectiveId id) {
    Roster roster = rosters.get(id);
    if (roster == null) {
      memberships.remove(id);
    } else {
      memberships.put(id, new RosterMembership(roster, keys.getOrDefault(id, Map.of())));
    }
  }

  private CollectiveSummary summary(CollectiveId id) {
    Roster roster = rosters.get(id);
    Optional<MemberEntry> mine = roster.member(me);
    return new CollectiveSummary(id, roster.name(), roster.rules(), roster.epoch(),
        (int) roster.activeCount(), mine.map(MemberEntry::role).orElse(Role.MEMBER),
        mine.map(MemberEntry::status).orElse(MemberStatus.REMOVED));
  }

  /** The roster of a collective this node belongs to. */
  Roster roster(CollectiveId id) throws CollectiveException {
    Roster roster = rosters.get(id);
    if (roster == null) {
      throw new CollectiveException("This node does not belong to the collective " + id + ".");
    }
    return roster;
  }

  private static String checked(String name, String what) {
    return MembershipLimits.checkName(name, what);
  }

  private static String names(List<CollectiveSummary> all) {
    return String.join(", ", all.stream().map(c -> c.name() + " (" + c.id().hex().substring(0, 8)
        + ")").toList());
  }
}
