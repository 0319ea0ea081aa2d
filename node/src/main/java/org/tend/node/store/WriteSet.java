package org.tend.node.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts and deletes that the store applies atomically, in one durable write. The set keeps the
 * arrays it is given (no copies on the append path); callers hand them over and do not reuse them.
 */
public final class WriteSet {
  record Op(Column column, byte[] key, byte[] value) {}

  private final List<Op> ops = new ArrayList<>();

  public WriteSet put(Column column, byte[] key, byte[] value) {
    ops.add(new Op(column, key, value));
    return this;
  }

  public WriteSet delete(Column column, byte[] key) {
    ops.add(new Op(column, key, null));
    return this;
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  List<Op> ops() {
    return ops;
  }
}
