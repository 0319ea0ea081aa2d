package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.util.List;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.StoreDamagedException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.replication.ReplicationException;
import org.tend.protocol.crypto.CryptoException;
import org.tend.protocol.crypto.Ed25519KeyPair;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.Audience;
import org.tend.protocol.proto.CollectiveAudience;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.Recipients;
import org.tend.protocol.proto.SignedEvent;

/** Writes this node's member's events: sealed to their audience, signed, next in their log. */
final class EventWriter {
  private final Ed25519KeyPair signing;
  private final MemberKey me;
  private final Clock clock;
  private final Randomness randomness;
  private final AuthorKeys keys;

  EventWriter(Ed25519KeyPair signing, Clock clock, Randomness randomness, AuthorKeys keys) {
    this.signing = signing;
    this.me = MemberKey.of(signing.publicKey());
    this.clock = clock;
    this.randomness = randomness;
    this.keys = keys;
  }

  MemberKey me() {
    return me;
  }

  /**
   * The next event of this member's log in {@code log}, for every member of the current epoch
   * ({@code recipients} empty) or for the named recipients only.
   */
  VerifiedEvent write(EventLog log, Membership membership, EventContent content,
      List<MemberKey> recipients) throws TendException {
    return write(log, membership, content, recipients, java.util.OptionalInt.empty());
  }

  /**
   * As above, in {@code epoch} if given: an earlier epoch than the current one is for a
   * membership document that belongs to it (a rotation, read by those who hold the keys it
   * replaces). Never earlier than the log's last event.
   */
  VerifiedEvent write(EventLog log, Membership membership, EventContent content,
      List<MemberKey> recipients, java.util.OptionalInt inEpoch) throws TendException {
    return write(log, membership, content, recipients, inEpoch, java.util.OptionalLong.empty());
  }

  /**
   * As above, timestamped {@code at} if given and not before the log's last event: a
   * membership document's event carries the document's own time, so that a departure, which
   * ends its author's membership at that time, is still within it.
   */
  VerifiedEvent write(EventLog log, Membership membership, EventContent content,
      List<MemberKey> recipients, java.util.OptionalInt inEpoch, java.util.OptionalLong at)
      throws TendException {
    if (!membership.isActive(me) && !content.hasMembershipDocument()) {
      throw new ReplicationException("You are no longer a member of this collective, so you "
          + "cannot share anything in it.");
    }
    EventLog.Head head = log.head(me);
    if (head.forked()) {
      throw new ReplicationException("Your log in this collective is forked (your key signed "
          + "two different events at one place); a facilitator needs to resolve it first.");
    }
    long sequence = head.sequence() + 1;
    if (log.stored(me, sequence)) {
      // The head is older than the log it heads: it was put back from an older copy, together
      // with its ledger. A second event there would fork this member's own log.
      throw new StoreDamagedException("Your log in this collective already holds an event at "
          + "place " + sequence + ", past the head this node recorded: part of this home was "
          + "put back from an older copy. Tend will not sign a second event there; restore the "
          + "whole home from a backup you trust.", null);
    }
    // Never earlier than the log's last event, nor than a resolution of it.
    long now = Math.max(at.orElse(clock.millis()), Math.max(head.createdAtMillis(),
        head.resolvedAfterMillis() + 1));
    if (!log.withinRate(me, now)) {
      throw new ReplicationException("You have shared " + EventLimits.RATE_EVENTS
          + " things in the last minute; wait a moment and try again.");
    }
    int epoch = Math.min(membership.epoch(), inEpoch.orElse(membership.epoch()));
    if (epoch < head.epoch()) {
      throw new ReplicationException("This log has moved on to key epoch " + head.epoch()
          + "; an event of epoch " + epoch + " cannot follow.");
    }
    ContentSeal.Sealed sealed = seal(membership, content, recipients, sequence, epoch);
    Audience.Builder audience = Audience.newBuilder();
    if (recipients.isEmpty()) {
      audience.setCollective(CollectiveAudience.getDefaultInstance());
    } else {
      Recipients.Builder r = Recipients.newBuilder();
      sealed.recipientBoxes().forEach(b -> r.addSealedKeys(ByteString.copyFrom(b)));
      audience.setRecipients(r);
    }
    ByteString ciphertext = ByteString.copyFrom(sealed.content());
    EventHeader.Builder header = EventHeader.newBuilder()
        .setCollectiveId(ByteString.copyFrom(log.collective().bytes()))
        .setAuthor(ByteString.copyFrom(me.bytes()))
        .setSequence(sequence)
        .setCreatedAtMillis(now)
        .setEpoch(epoch)
        .setAudience(audience)
        .setContentHash(ByteString.copyFrom(VerifiedEvent.contentHash(ciphertext)))
        .setContentLength(ciphertext.size());
    if (head.sequence() > 0) {
      header.setPrevious(ByteString.copyFrom(head.id().bytes()));
    }
    ByteString headerBytes = header.build().toByteString();
    SignedEvent signed = SignedEvent.newBuilder().setHeader(headerBytes)
        .setSignature(ByteString.copyFrom(signing.sign(
            org.tend.protocol.crypto.Labels.EVENT_SIGNATURE, headerBytes.toByteArray())))
        .setContent(ciphertext).build();
    try {
      return VerifiedEvent.verify(signed, keys);
    } catch (EventException e) {
      throw new ReplicationException("That is too large to share (at most "
          + EventLimits.MAX_EVENT_BYTES / 1024 + " KiB).");
    }
  }

  private ContentSeal.Sealed seal(Membership membership, EventContent content,
      List<MemberKey> recipients, long sequence, int epoch) throws TendException {
    if (recipients.isEmpty()) {
      try (SecretBytes key = membership.contentKey(epoch).orElseThrow(() ->
          new ReplicationException("This node does not hold the collective's current keys yet; "
              + "try again once it has caught up with another member."))) {
        return ContentSeal.forCollective(randomness, key, membership.collective(), me, sequence,
            epoch, content);
      }
    }
    if (recipients.size() > EventLimits.MAX_RECIPIENTS) {
      throw new ReplicationException("At most " + EventLimits.MAX_RECIPIENTS
          + " people can be named.");
    }
    List<byte[]> agreementKeys = new java.util.ArrayList<>();
    for (MemberKey r : recipients) {
      if (!membership.isActive(r)) {
        throw new ReplicationException(r.fingerprint().value() + " is not a current member.");
      }
      agreementKeys.add(membership.agreementKey(r).orElseThrow());
    }
    try {
      return ContentSeal.forRecipients(randomness, agreementKeys, membership.collective(), me,
          sequence, epoch, content);
    } catch (CryptoException e) {
      throw new ReplicationException("A recipient's key is not usable: " + e.getMessage());
    }
  }
}
