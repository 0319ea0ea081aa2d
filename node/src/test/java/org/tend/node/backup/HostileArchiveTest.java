package org.tend.node.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.CodedInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.ChildJvm;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;
import org.tend.protocol.proto.BackupHeader;
import org.tend.protocol.proto.Keystore;

/**
 * Promise 4 for backups: an archive from elsewhere is input, and an altered one gets a clear
 * error, never a hang. Its header (and the keystore in it) cannot be authenticated before the
 * passphrase derivation, so the derivation's cost must be bounded before it starts.
 */
class HostileArchiveTest {
  /** Restoring a legitimate archive, JVM start included, takes a few seconds at most. */
  private static final Duration PATIENCE = Duration.ofSeconds(12);
  /** At the minimum memory cost, about an hour of Argon2id on this machine. */
  private static final int HOSTILE_ITERATIONS = 50_000;

  @TempDir
  Path temp;

  @TempDir
  static Path shared;
  private static byte[] archive;

  @BeforeAll
  static void backUpAHome() throws Exception {
    Path file = shared.resolve("tend.backup");
    try (TendNode node = TestHomes.init(TestHomes.config(shared.resolve("home")))) {
      node.journal().write(EntryDraft.of(EntryKind.NOTE, "backed up"));
      node.backup(file);
    }
    archive = Files.readAllBytes(file);
  }

  @Test
  void refusesAnArchiveWhoseKeyDerivationWouldRunForHours() throws Exception {
    Path target = temp.resolve("restored");

    String outcome = restoreInAnotherJvm(withKdfIterations(archive, HOSTILE_ITERATIONS), target);

    assertTrue(outcome.startsWith("refused"), outcome);
    assertFalse(Files.exists(target));
  }

  /** The harness itself: the same archive, rewritten with its own parameters, restores. */
  @Test
  void restoresTheArchiveRewrittenWithItsOwnParameters() throws Exception {
    int own = Keystore.parseFrom(header(archive).getKeystore()).getKdf().getIterations();
    Path target = temp.resolve("restored");

    assertEquals("restored", restoreInAnotherJvm(withKdfIterations(archive, own), target));
  }

  private String restoreInAnotherJvm(byte[] bytes, Path target) throws Exception {
    Path file = temp.resolve("candidate.backup");
    Files.write(file, bytes);
    ChildJvm restore = ChildJvm.start(temp, RestoreProbe.class, file.toString(), target.toString());
    List<String> printed;
    try {
      restore.awaitLines(line -> line.startsWith("refused") || line.equals("restored"), 1,
          PATIENCE);
    } catch (ConditionTimeoutException e) {
      return fail("the restore was still running after " + PATIENCE.toSeconds() + " s: the"
          + " Argon2id cost named in the archive is not bounded before deriving");
    } finally {
      printed = restore.kill();
    }
    return printed.stream().filter(line -> line.startsWith("refused") || line.equals("restored"))
        .findFirst().orElseThrow();
  }

  private static BackupHeader header(byte[] archive) throws Exception {
    int magic = "TENDBAK1".getBytes(StandardCharsets.US_ASCII).length;
    return BackupHeader.parseFrom(
        CodedInputStream.newInstance(archive, magic, archive.length - magic).readByteArray());
  }

  /** The archive with the Argon2id iterations in its header's keystore replaced. */
  private static byte[] withKdfIterations(byte[] archive, int iterations) throws Exception {
    int magic = "TENDBAK1".getBytes(StandardCharsets.US_ASCII).length;
    CodedInputStream in = CodedInputStream.newInstance(archive, magic, archive.length - magic);
    BackupHeader header = BackupHeader.parseFrom(in.readByteArray());
    int rest = magic + in.getTotalBytesRead();
    Keystore keystore = Keystore.parseFrom(header.getKeystore());
    Keystore hostile = keystore.toBuilder()
        .setKdf(keystore.getKdf().toBuilder().setIterations(iterations))
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(archive, 0, magic);
    header.toBuilder().setKeystore(hostile.toByteString()).build().writeDelimitedTo(out);
    out.write(archive, rest, archive.length - rest);
    return out.toByteArray();
  }
}
