package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.Board;
import org.tend.node.api.replication.EventId;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.replication.Membership;
import org.tend.node.api.replication.Notice;
import org.tend.node.api.replication.ReplicationException;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.Retraction;

/**
 * The notice board over the collective's logs: a notice is an event for every member; a
 * retraction is a later event of the same author naming it, and honest nodes drop the retracted
 * notice's content when they take the retraction in.
 */
final class BoardService implements Board, Replicator.Reader {
  private final Replicator replicator;
  private final Replicator.MembershipSource memberships;

  BoardService(Replicator replicator, Replicator.MembershipSource memberships) {
    this.replicator = replicator;
    this.memberships = memberships;
    replicator.addReader(this);
  }

  @Override
  public Notice post(CollectiveId collective, String text) throws TendException {
    String checked = text == null ? "" : text.strip();
    if (checked.isEmpty()) {
      throw new ReplicationException("A notice needs some text.");
    }
    if (checked.codePointCount(0, checked.length()) > EventLimits.MAX_NOTICE_CHARS) {
      throw new ReplicationException("A notice can be at most " + EventLimits.MAX_NOTICE_CHARS
          + " characters; this one has " + checked.codePointCount(0, checked.length()) + ".");
    }
    EventContent content = EventContent.newBuilder()
        .setNotice(org.tend.protocol.proto.Notice.newBuilder().setText(checked)).build();
    VerifiedEvent event = replicator.publish(collective, content, List.of());
    return notice(membership(collective), event, checked);
  }

  @Override
  public Notice retract(CollectiveId collective, String idPrefix) throws TendException {
    List<Posted> matches = posted(collective).stream()
        .filter(p -> p.notice().id().matches(idPrefix)).toList();
    if (matches.size() != 1) {
      throw new ReplicationException((matches.isEmpty() ? "No notice" : "More than one notice")
          + " has an id starting '" + idPrefix.strip() + "'; `tend board list` shows them.");
    }
    Notice target = matches.get(0).notice();
    if (!target.mine()) {
      throw new ReplicationException("Only its author can retract a notice.");
    }
    replicator.publish(collective, EventContent.newBuilder().setRetraction(Retraction
        .newBuilder().setEvent(ByteString.copyFrom(target.id().bytes()))
        .setSequence(matches.get(0).sequence())).build(), List.of());
    return target;
  }

  @Override
  public List<Notice> list(CollectiveId collective) throws TendException {
    return posted(collective).stream().map(Posted::notice).toList();
  }

  /** A notice and its place in its author's log. */
  private record Posted(Notice notice, long sequence) {
  }

  /** The readable notices not retracted by their authors, oldest first. */
  private List<Posted> posted(CollectiveId collective) throws TendException {
    Membership membership = membership(collective);
    Set<String> retracted = new HashSet<>(); // author/id: one retracts only one's own
    List<Posted> all = new ArrayList<>();
    for (VerifiedEvent e : replicator.events(collective)) {
      Optional<EventContent> content = open(membership, e);
      if (content.isEmpty()) {
        continue;
      }
      if (content.get().hasRetraction()) {
        ByteString target = content.get().getRetraction().getEvent();
        if (target.size() == EventId.LENGTH) {
          retracted.add(e.author() + "/" + EventId.of(target.toByteArray()).hex());
        }
      } else if (content.get().hasNotice()) {
        all.add(new Posted(notice(membership, e, content.get().getNotice().getText()),
            e.sequence()));
      }
    }
    return all.stream()
        .filter(p -> !retracted.contains(p.notice().author() + "/" + p.notice().id().hex()))
        .sorted(Comparator.comparing((Posted p) -> p.notice().postedAt())
            .thenComparing(p -> p.notice().id().hex()))
        .toList();
  }

  /** A retraction taken in: the retracted notice's content goes. */
  @Override
  public void added(CollectiveId collective, List<VerifiedEvent> events) {
    Optional<Membership> membership = memberships.membership(collective);
    if (membership.isEmpty()) {
      return;
    }
    for (VerifiedEvent e : events) {
      Optional<EventContent> content = open(membership.get(), e);
      if (content.isEmpty() || !content.get().hasRetraction()) {
        continue;
      }
      Retraction r = content.get().getRetraction();
      if (r.getSequence() < 1 || r.getSequence() >= e.sequence()
          || r.getEvent().size() != EventId.LENGTH) {
        continue; // one can only retract one's own earlier events
      }
      try {
        replicator.dropContent(collective, e.author(), r.getSequence(),
            EventId.of(r.getEvent().toByteArray()));
      } catch (TendException ex) {
        // the content stays until the next retraction or restart; list() still hides it
      }
    }
  }

  private static Optional<EventContent> open(Membership membership, VerifiedEvent e) {
    return ContentSeal.openWith(membership, e);
  }

  private Notice notice(Membership membership, VerifiedEvent e, String text) {
    return new Notice(e.id(), e.author(), membership.name(e.author()).orElse("(unknown)"),
        Instant.ofEpochMilli(e.createdAtMillis()), text, e.author().equals(replicator.me()));
  }

  private Membership membership(CollectiveId collective) throws ReplicationException {
    return memberships.membership(collective).orElseThrow(() -> new ReplicationException(
        "This node does not belong to the collective " + collective + "."));
  }
}
