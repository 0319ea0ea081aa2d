package org.tend.node.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.transport.TransportLimits;
import org.tend.protocol.proto.DocumentBatch;
import org.tend.protocol.proto.Frame;
import org.tend.protocol.proto.JoinRefusal;
import org.tend.protocol.proto.JoinResponse;
import org.tend.protocol.proto.SignedDocument;

/** A history larger than one frame reaches the joiner whole, in frames within the limit. */
class JoinFramesTest {
  private static final CollectiveId COLLECTIVE = CollectiveId.of(new byte[16]);

  @Test
  void aLongHistoryGoesAheadInBatchesAndArrivesWhole() {
    List<SignedDocument> history = new ArrayList<>();
    for (int i = 0; i < 6000; i++) { // about 2.5 MB: well over one 1 MiB frame
      history.add(SignedDocument.newBuilder()
          .setBody(ByteString.copyFrom(new byte[400])).setSignature(ByteString.copyFromUtf8("s" + i))
          .build());
    }
    JoinResponse answer = JoinResponse.newBuilder().setAdmitted(DocumentBatch.newBuilder()
        .setCollectiveId(ByteString.copyFrom(COLLECTIVE.bytes())).addAllDocuments(history)).build();

    List<Frame> frames = CollectiveSync.joinFrames(COLLECTIVE, answer);

    assertTrue(frames.size() > 2, "split into several frames");
    int maxFrame = TransportLimits.defaults().maxFrameBytes();
    frames.forEach(f -> assertTrue(f.getSerializedSize() <= maxFrame, "within the frame limit"));
    List<SignedDocument> earlier = new ArrayList<>();
    for (Frame frame : frames.subList(0, frames.size() - 1)) {
      assertEquals(Frame.BodyCase.DOCUMENTS, frame.getBodyCase());
      earlier.addAll(frame.getDocuments().getDocumentsList());
    }
    Frame last = frames.get(frames.size() - 1);
    assertEquals(Frame.BodyCase.JOIN_RESPONSE, last.getBodyCase());
    JoinResponse rebuilt = CollectiveSync.withEarlierHistory(last.getJoinResponse(), earlier);
    assertEquals(history, rebuilt.getAdmitted().getDocumentsList());
  }

  @Test
  void aRefusalIsOneFrame() {
    JoinResponse refused = JoinResponse.newBuilder().setRefused(JoinRefusal.INVITE_USED_UP).build();
    List<Frame> frames = CollectiveSync.joinFrames(COLLECTIVE, refused);
    assertEquals(1, frames.size());
    assertEquals(refused, frames.get(0).getJoinResponse());
  }
}
