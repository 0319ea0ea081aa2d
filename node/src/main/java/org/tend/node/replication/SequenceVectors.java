package org.tend.node.replication;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tend.node.api.collective.MemberKey;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Sha256;
import org.tend.protocol.proto.SequenceVector;
import org.tend.protocol.proto.VectorEntry;

/**
 * Sequence vectors for anti-entropy: how far a node has each author's log, with the first
 * bytes of each head's hash (so two nodes at one sequence with different events see the fork)
 * and whether the node holds fork evidence. The digest is a labelled hash of the entries in
 * author order, so equal logs give equal digests on every node.
 */
final class SequenceVectors {
  private SequenceVectors() {
  }

  static List<VectorEntry> entries(Map<MemberKey, EventLog.Head> heads) {
    List<VectorEntry> out = new ArrayList<>(heads.size());
    heads.forEach((author, head) -> {
      if (head.sequence() > 0) {
        out.add(VectorEntry.newBuilder().setAuthor(ByteString.copyFrom(author.bytes()))
            .setSequence(head.sequence())
            .setHead(ByteString.copyFrom(head.id().bytes(), 0, VerifiedEvent.HEAD_PREFIX))
            .setForkedAt(head.forkedAt()).build());
      }
    });
    out.sort((a, b) -> Arrays.compareUnsigned(a.getAuthor().toByteArray(),
        b.getAuthor().toByteArray()));
    return out;
  }

  static SequenceVector vector(List<VectorEntry> entries, boolean reply) {
    return SequenceVector.newBuilder().addAllEntries(entries).setReply(reply).build();
  }

  static byte[] digest(List<VectorEntry> entries) {
    byte[][] parts = new byte[entries.size()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = entries.get(i).toByteArray();
    }
    return Sha256.hash(Labels.VECTOR_DIGEST, parts);
  }
}
