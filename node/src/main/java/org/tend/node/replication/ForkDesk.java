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
import org.tend.protocol.proto.ForkResolution;

/**
 * Fork resolution: a facilitator's event names a forked log and the sequence it forked at;
 * every node that takes it in discards that log from there (both branches) and takes it up
 * again with events written after the resolution.
 */
final class ForkDesk implements Forks, Replicator.Reader {
  private final Replicator replicator;

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
    replicator.publish(collective, EventContent.newBuilder().setForkResolution(
        ForkResolution.newBuilder().setAuthor(ByteString.copyFrom(fork.author().bytes()))
            .setFromSequence(fork.sequence())).build(), List.of());
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
      if (r.isEmpty() || r.get().getAuthor().size() != MemberKey.LENGTH
          || !membership.get().isFacilitator(e.author())) {
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
}
