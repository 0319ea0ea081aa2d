package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.util.List;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerLink;
import org.tend.protocol.proto.EventPush;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.SequenceRange;
import org.tend.protocol.proto.SignedEvent;

/** Sends replication frames, telling the observer, and splits pushes to fit frames. */
final class Outbox {
  /** Push batches stay well under the transport's 1 MiB frame limit. */
  static final int MAX_PUSH_BYTES = 512 * 1024;

  private final Replicator.Observer observer;

  Outbox(Replicator.Observer observer) {
    this.observer = observer;
  }

  void send(PeerLink link, Frame frame) {
    observer.frame(true, frame.getSerializedSize());
    link.send(frame);
  }

  /** {@code events} in as few pushes as fit. */
  void push(PeerLink link, EventPush.Kind kind, int hops, List<SignedEvent> events) {
    EventPush.Builder push = EventPush.newBuilder().setKind(kind).setHops(hops);
    int size = 0;
    for (SignedEvent e : events) {
      int bytes = e.getSerializedSize() + 8;
      if (size + bytes > MAX_PUSH_BYTES && push.getEventsCount() > 0) {
        send(link, Frame.newBuilder().setEvents(push).build());
        push = EventPush.newBuilder().setKind(kind).setHops(hops);
        size = 0;
      }
      push.addEvents(e);
      size += bytes;
    }
    if (push.getEventsCount() > 0) {
      send(link, Frame.newBuilder().setEvents(push).build());
    }
  }

  static SequenceRange range(MemberKey author, long from, long to) {
    return SequenceRange.newBuilder().setAuthor(ByteString.copyFrom(author.bytes()))
        .setFromSequence(from).setToSequence(to).build();
  }
}
