package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main#run} as an embedding program or a test calls it, more than once per JVM. */
class MainRunTest {
  @TempDir
  Path dir;

  /**
   * Fails today: `repair begin` and `repair continue` read answers through a reader over
   * {@code System.in} opened in try-with-resources, so returning from {@code Main.run} closes
   * the JVM's standard input (under Surefire this kills the fork's command channel).
   */
  @Test
  void theWizardReadingStandardInputLeavesItOpenForTheCaller() throws Exception {
    TestHome home = TestHome.create(dir, "home");
    CloseRecordingInput stdin = new CloseRecordingInput("stop\n");
    InputStream original = System.in;
    CliResult result;
    try {
      System.setIn(stdin);
      result = home.tend("repair", "begin", "--title", "in process");
    } finally {
      System.setIn(original);
    }

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    assertTrue(result.out().contains("Paused at step 1."), result::toString);
    assertFalse(stdin.closed, "Main.run closed System.in");
  }

  private static final class CloseRecordingInput extends ByteArrayInputStream {
    volatile boolean closed;

    CloseRecordingInput(String text) {
      super(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
