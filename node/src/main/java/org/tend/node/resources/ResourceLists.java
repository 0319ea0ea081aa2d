package org.tend.node.resources;

import java.time.Clock;
import org.tend.node.api.resources.CrisisResources;
import org.tend.node.store.Column;
import org.tend.node.store.RecordBox;
import org.tend.node.store.Store;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.CrisisResourceRecord;

/** Builds the crisis resources of an unlocked home. */
public final class ResourceLists {
  private ResourceLists() {}

  public static CrisisResources open(Store store, SecretBytes masterKey, Clock clock,
      Randomness randomness) {
    return new ResourceList(new RecordBox<>(store, Column.RESOURCES, masterKey,
        CrisisResourceRecord.parser(), randomness), clock);
  }
}
