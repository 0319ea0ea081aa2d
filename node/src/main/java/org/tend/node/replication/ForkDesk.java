package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.ForkReport;
import org.tend.node.api.replication.Forks;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.replication.ReplicationException;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.ForkEvidence;
import org.tend.protocol.proto.ForkResolution;

/**
 * Fork resolution: a facilitator's event names a forked log and the sequence it forked at, and
 * carries the proof (two events its author signed at that sequence); every node that takes it
 * in discards that log from there (both branches) and takes it up again with events written
 * after the resolution. Without the proof there is nothing to resolve: a log that never forked
 * cannot be erased.
 */
final class ForkDesk implements Forks, Replicator.Reader {
  private final Replicator replicator;
  private final AuthorKeys keys = new AuthorKeys();

  ForkDesk(Replicator replicator) {
    this.replicator = replicator;
    replicator.addReader(this);
  }

  @Override
  public List<ForkReport> list(CollectiveId collective) throws TendException {
    return replicator.status(collective).forks();
  }

  @Override
  public ForkReport resolve(CollectiveId collective, String fingerprintPrefix)
      throws TendException {
    Membership membership = replicator.memberships().membership(collective).orElseThrow(() ->
        new ReplicationException("This node does not belong to that collective."));
    if (!membership.isFacilitator(replicator.me())) {
      throw new ReplicationException("Only a facilitator can resolve a fork.");
    }
    String wanted = fingerprintPrefix.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    List<ForkReport> matches = list(collective).stream().filter(f -> !wanted.isEmpty()
        && f.author().fingerprint().value().replace(" ", "").startsWith(wanted)).toList();
    if (matches.size() != 1) {
      throw new ReplicationException((matches.isEmpty() ? "No forked log" : "More than one"
          + " forked log") + " belongs to a member whose fingerprint starts '"
          + fingerprintPrefix.strip() + "'; `tend status` lists forks.");
    }
    ForkReport fork = matches.get(0);
    ForkEvidence evidence = replicator.evidence(collective, fork.author(), fork.sequence())
        .orElseThrow(() -> new ReplicationException("The proof of that fork is not held here."));
    replicator.publish(collective, EventContent.newBuilder().setForkResolution(
        ForkResolution.newBuilder().setAuthor(ByteString.copyFrom(fork.author().bytes()))
            .setFromSequence(fork.sequence())
            .setFirst(evidence.getFirst().toBuilder().clearContent())
            .setSecond(evidence.getSecond().toBuilder().clearContent())).build(), List.of());
    return fork;
  }

  @Override
  public void added(CollectiveId collective, List<VerifiedEvent> events) {
    Optional<Membership> membership = replicator.memberships().membership(collective);
    if (membership.isEmpty()) {
      return;
    }
    for (VerifiedEvent e : events) {
      Optional<ForkResolution> r = ContentSeal.openWith(membership.get(), e)
          .filter(EventContent::hasForkResolution).map(EventContent::getForkResolution);
      if (r.isEmpty() || !byFacilitator(membership.get(), e)
          || !provesFork(collective, r.get(), keys)) {
        continue;
      }
      try {
        replicator.resolveLog(collective, MemberKey.of(r.get().getAuthor().toByteArray()),
            r.get().getFromSequence(), e.createdAtMillis());
      } catch (TendException ex) {
        // the store failed; the resolution is applied when it comes again
      }
    }
  }

  /**
   * Whether the resolution's author is a facilitator who was a member in the epoch and at the
   * time they wrote it: a removed facilitator's later resolutions count nowhere.
   */
  private static boolean byFacilitator(Membership membership, VerifiedEvent e) {
    return membership.isFacilitator(e.author()) && membership.admits(e.author(), e.epoch(),
        e.createdAtMillis()) == Membership.Admittance.ADMITTED;
  }

  /**
   * Whether {@code r} proves the fork it claims to resolve, at the point it names: two events
   * its named author signed for {@code collective}, either both at {@code from_sequence} with
   * different headers, or one there and one at the next sequence that names another event as
   * its previous (the author signed on top of a rival event at {@code from_sequence}).
   */
  static boolean provesFork(CollectiveId collective, ForkResolution r, AuthorKeys keys) {
    if (r.getAuthor().size() != MemberKey.LENGTH || r.getFromSequence() < 1
        || !r.hasFirst() || !r.hasSecond()) {
      return false;
    }
    MemberKey author = MemberKey.of(r.getAuthor().toByteArray());
    try {
      VerifiedEvent first = VerifiedEvent.verify(r.getFirst(), keys);
      VerifiedEvent second = VerifiedEvent.verify(r.getSecond(), keys);
      for (VerifiedEvent v : List.of(first, second)) {
        if (!v.collective().equals(collective) || !v.author().equals(author)) {
          return false;
        }
      }
      long at = r.getFromSequence();
      if (first.sequence() == at && second.sequence() == at) {
        return !first.id().equals(second.id());
      }
      return first.sequence() == at && second.sequence() == at + 1
          && !second.header().getPrevious().equals(ByteString.copyFrom(first.id().bytes()));
    } catch (EventException e) {
      return false;
    }
  }
}
