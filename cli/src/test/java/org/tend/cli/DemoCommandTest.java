package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** `tend demo`, which needs no home of the member's. */
class DemoCommandTest {
  @Test
  void demoFindsNoneOfItsWordsInTheHomesRawFilesAndExitsZero() {
    CliResult result = InProcess.tend("demo");

    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    assertTrue(result.out().contains("none found"), result::toString);
    assertTrue(result.out().contains("home destroyed in"), result::toString);
    assertTrue(result.out().contains("Paused at step 8."), result::toString);
    assertTrue(result.out().contains("Everything each member was told holds."), result::toString);
    assertTrue(result.out().contains("refused before any data."), result::toString);
  }
}
