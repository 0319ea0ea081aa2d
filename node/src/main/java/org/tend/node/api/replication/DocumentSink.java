package org.tend.node.api.replication;

import java.util.List;
import org.tend.node.api.collective.CollectiveId;
import org.tend.protocol.proto.SignedDocument;

/** Where membership documents that arrived in members' logs go: the collective's history. */
public interface DocumentSink {
  void documents(CollectiveId collective, List<SignedDocument> documents);
}
