package org.tend.node.store;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.rocksdb.RocksDBException;

/**
 * Reads every record of a sorted RocksDB iterator whose blocks can still be read, stepping over
 * the damaged ones. RocksDB checks each block's checksum as it reads it: a seek into a damaged
 * block fails, a seek into an intact block succeeds. After a failure the scan searches the key
 * space for the first key past the damage, so one damaged block costs only the records in it.
 */
final class DamageSkippingScan {
  /**
   * Probes are keys of this many bytes, longer than any key Tend stores (16-byte ids, 32-byte
   * keyed hashes), so every stored key lies between two probes.
   */
  private static final int PROBE_BYTES = 64;
  private static final BigInteger LAST_PROBE = BigInteger.ONE.shiftLeft(PROBE_BYTES * 8)
      .subtract(BigInteger.ONE);

  /** The operations the scan needs from RocksDB's database and table-file iterators. */
  interface Cursor {
    void seekToFirst();

    void seek(byte[] key);

    boolean isValid();

    void next();

    byte[] key();

    byte[] value();

    void status() throws RocksDBException;
  }

  private DamageSkippingScan() {}

  /** @return how many damaged stretches were stepped over */
  static int scan(Cursor cursor, BiConsumer<byte[], byte[]> visitor) {
    int damaged = 0;
    byte[] last = null;
    cursor.seekToFirst();
    while (true) {
      while (cursor.isValid()) {
        last = cursor.key();
        visitor.accept(last, cursor.value());
        cursor.next();
      }
      if (healthy(cursor)) {
        return damaged;
      }
      damaged++;
      Optional<byte[]> resume = firstReadableAfter(cursor, last);
      if (resume.isEmpty()) {
        return damaged;
      }
      cursor.seek(resume.get());
    }
  }

  /**
   * The smallest probe past {@code last} at which a seek succeeds, found by doubling the step
   * from {@code last} until a seek succeeds and then halving back, so an intact block after the
   * damaged one is not skipped over by a long first stride.
   */
  private static Optional<byte[]> firstReadableAfter(Cursor cursor, byte[] last) {
    BigInteger failing = last == null ? BigInteger.ZERO : toProbe(last).add(BigInteger.ONE);
    if (last == null && readable(cursor, failing)) {
      // The very first key is readable yet the scan failed before it: nothing more to find.
      return Optional.empty();
    }
    if (last != null && readable(cursor, failing)) {
      return Optional.of(toBytes(failing));
    }
    BigInteger step = BigInteger.ONE;
    BigInteger passing;
    while (true) {
      BigInteger probe = failing.add(step);
      if (probe.compareTo(LAST_PROBE) >= 0) {
        passing = LAST_PROBE;
        break;
      }
      if (readable(cursor, probe)) {
        passing = probe;
        break;
      }
      failing = probe;
      step = step.shiftLeft(1);
    }
    if (!readable(cursor, passing)) {
      return Optional.empty();
    }
    while (passing.subtract(failing).compareTo(BigInteger.ONE) > 0) {
      BigInteger middle = failing.add(passing).shiftRight(1);
      if (readable(cursor, middle)) {
        passing = middle;
      } else {
        failing = middle;
      }
    }
    return Optional.of(toBytes(passing));
  }

  private static boolean readable(Cursor cursor, BigInteger probe) {
    cursor.seek(toBytes(probe));
    return healthy(cursor);
  }

  private static boolean healthy(Cursor cursor) {
    try {
      cursor.status();
      return true;
    } catch (RocksDBException e) {
      return false;
    }
  }

  /** {@code key} padded with zeros: the smallest probe not below it. */
  private static BigInteger toProbe(byte[] key) {
    return new BigInteger(1, Arrays.copyOf(key, PROBE_BYTES));
  }

  private static byte[] toBytes(BigInteger probe) {
    byte[] raw = probe.toByteArray();
    byte[] out = new byte[PROBE_BYTES];
    int length = Math.min(raw.length, PROBE_BYTES);
    System.arraycopy(raw, raw.length - length, out, PROBE_BYTES - length, length);
    return out;
  }
}
