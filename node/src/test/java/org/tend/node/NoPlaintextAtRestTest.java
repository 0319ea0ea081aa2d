package org.tend.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.repair.Need;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairStep;
import org.tend.node.api.repair.SurvivalResponse;

/**
 * Promise 1 for the journal, repairs and crisis resources: planted markers never reach the
 * disk, in any file RocksDB writes, and the store's keys and values reveal no text, kind or
 * time.
 */
class NoPlaintextAtRestTest {
  private static final Instant WRITTEN_AT = Instant.parse("2024-03-14T15:09:26.535Z");

  @TempDir
  Path temp;

  private final Random random = new Random();
  private final List<String> markers = new ArrayList<>();

  @Test
  void noMarkerReachesAnyFileWhileTheHomeIsOpenOrAfterItIsClosed() throws Exception {
    Path home = temp.resolve("home");
    try (TendNode node = TestHomes.init(config(home))) {
      writeEverythingWithMarkers(node);

      List<Path> logs = DiskScan.files(TestHomes.storeOf(home)).stream()
          .filter(p -> p.getFileName().toString().endsWith(".log")).toList();
      assertFalse(logs.isEmpty(), "the writes sit in RocksDB's write-ahead log");
      assertTrue(logs.stream().mapToLong(NoPlaintextAtRestTest::size).sum() > 4096,
          "the write-ahead log holds the writes");
      assertEquals(List.of(), DiskScan.textsFound(home, markers), "while open, in the log");

      // Deleting compacts the store: everything moves from the log into table files.
      node.journal().delete(node.journal().write(EntryDraft.of(EntryKind.NOTE, "brief")).id());
      assertTrue(DiskScan.files(TestHomes.storeOf(home)).stream()
          .anyMatch(p -> p.getFileName().toString().endsWith(".sst")), "table files written");
      assertEquals(List.of(), DiskScan.textsFound(home, markers), "while open, in tables");
    }

    assertEquals(List.of(), DiskScan.textsFound(home, markers), "after closing");
  }

  @Test
  void storeKeysAndValuesRevealNoTextKindOrTime() throws Exception {
    Path home = temp.resolve("home");
    try (TendNode node = TestHomes.init(config(home))) {
      writeEverythingWithMarkers(node);
    }

    List<RawStore.KeyValue> dump;
    try (RawStore raw = RawStore.readOnly(TestHomes.storeOf(home))) {
      dump = raw.dump();
    }
    Map<String, byte[]> forbidden = forbiddenPatterns();
    List<String> leaks = new ArrayList<>();
    for (RawStore.KeyValue kv : dump) {
      forbidden.forEach((what, pattern) -> {
        if (DiskScan.indexOf(kv.key(), pattern) >= 0) {
          leaks.add(what + " in a key of " + kv.family());
        }
        if (DiskScan.indexOf(kv.value(), pattern) >= 0) {
          leaks.add(what + " in a value of " + kv.family());
        }
      });
    }
    assertEquals(List.of(), leaks);

    Map<String, List<RawStore.KeyValue>> byFamily = dump.stream()
        .collect(Collectors.groupingBy(RawStore.KeyValue::family));
    assertEquals(Set.of(StoredEntries.FAMILY, "repairs", "resources", "default"),
        byFamily.keySet(), "the default column family holds only the sealed family names");
    assertEquals(1, byFamily.get("default").size());
    for (RawStore.KeyValue kv : dump) {
      assertEquals(16, kv.key().length, "keys are random 16-byte ids only");
    }
    assertEquals(8, byFamily.get(StoredEntries.FAMILY).size(),
        "each entry is one value under its own random id");
  }

  @Test
  void scanningFindsStoredValuesSoAnEmptyResultMeansSomething() throws Exception {
    Path home = temp.resolve("home");
    try (TendNode node = TestHomes.init(config(home))) {
      writeEverythingWithMarkers(node);
    }
    List<RawStore.KeyValue> dump;
    try (RawStore raw = RawStore.readOnly(TestHomes.storeOf(home))) {
      dump = raw.dump();
    }

    for (RawStore.KeyValue kv : dump) {
      assertFalse(DiskScan.filesContaining(home, kv.value()).isEmpty(),
          "a value of " + kv.family() + " is stored as is, uncompressed, in some file");
    }
  }

  private NodeConfig config(Path home) {
    return TestHomes.config(home).withClock(Clock.fixed(WRITTEN_AT, ZoneOffset.UTC));
  }

  private String marker() {
    String marker = "MARKER-" + HexFormat.of().formatHex(
        ByteBuffer.allocate(8).putLong(random.nextLong()).array());
    markers.add(marker);
    return marker;
  }

  /** Entries of several kinds, details, an amendment, a repair and a crisis resource. */
  private void writeEverythingWithMarkers(TendNode node) throws Exception {
    Entry checkIn = node.journal().write(EntryDraft.of(EntryKind.CHECK_IN,
        "Check-in " + marker() + " tired but here"));
    node.journal().writeAll(List.of(
        EntryDraft.of(EntryKind.NOTE, "note " + marker()),
        EntryDraft.of(EntryKind.PATTERN_NOTE, "pattern " + marker())));
    Entry amended = node.journal().amend(checkIn.id(), "Check-in, amended: " + marker());
    assertEquals(WRITTEN_AT, amended.createdAt());

    Repair repair = node.repairs().begin("Repair with " + marker());
    node.repairs().answer(repair.id(), RepairStep.NOTICE, "what happened " + marker(),
        Optional.of(new EntryDetails.Notice(List.of(marker(), "tight chest"),
            Optional.of(SurvivalResponse.FREEZE), OptionalInt.of(7), marker())));
    node.repairs().answer(repair.id(), RepairStep.NAME_IT, "naming " + marker(),
        Optional.empty());
    node.repairs().answer(repair.id(), RepairStep.ASK, "asking " + marker(),
        Optional.of(new EntryDetails.Needs(List.of(Need.SPACE, Need.ASSURANCE), marker(),
            marker())));
    node.repairs().answer(repair.id(), RepairStep.STABILISE, "steadying " + marker(),
        Optional.of(new EntryDetails.Stabilisation("settle", List.of(marker()))));
    node.resources().add("Line " + marker(), "tel " + marker(), "note " + marker());
  }

  /** Every marker, kind label and encoding of the entries' time, by a readable name. */
  private Map<String, byte[]> forbiddenPatterns() {
    Map<String, byte[]> forbidden = new LinkedHashMap<>();
    for (String marker : markers) {
      forbidden.put(marker + " (UTF-8)", marker.getBytes(StandardCharsets.UTF_8));
      forbidden.put(marker + " (UTF-16LE)", marker.getBytes(StandardCharsets.UTF_16LE));
      forbidden.put(marker + " (UTF-16BE)", marker.getBytes(StandardCharsets.UTF_16BE));
    }
    for (EntryKind kind : EntryKind.values()) {
      forbidden.put("kind " + kind.label(), kind.label().getBytes(StandardCharsets.US_ASCII));
      forbidden.put("kind " + kind.name(), kind.name().getBytes(StandardCharsets.US_ASCII));
    }
    for (SurvivalResponse response : SurvivalResponse.values()) {
      forbidden.put("response " + response.label(),
          response.label().getBytes(StandardCharsets.US_ASCII));
    }
    long millis = WRITTEN_AT.toEpochMilli();
    forbidden.put("time as 8-byte big-endian",
        ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(millis).array());
    forbidden.put("time as 8-byte little-endian",
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(millis).array());
    forbidden.put("time as a protobuf varint", varint(millis));
    forbidden.put("time in decimal",
        Long.toString(millis).getBytes(StandardCharsets.US_ASCII));
    return forbidden;
  }

  private static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }


  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
