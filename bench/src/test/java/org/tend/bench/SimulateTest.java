package org.tend.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The simulator's runner warns before a run would exhaust the open-file limit. */
class SimulateTest {
  @Test
  void aThousandNodesFitTheTwentyThousandOpenFilesOfThisMachine() {
    assertEquals(Optional.empty(), Simulate.openFilesWarning(1_000, 20_000));
  }

  @Test
  void nodesThatNeedExactlyTheLimitRunAndOneFileMoreIsWarnedOf() {
    int nodes = 2_111; // 2,111 × 9 + 1,000 = 19,999 files
    assertEquals(Optional.empty(), Simulate.openFilesWarning(nodes, 19_999));
    assertEquals(Optional.of("warning: 2111 nodes need about 19999 open files and this process"
        + " may open 19998; raise the limit (ulimit -n) or run fewer nodes, or the nodes'"
        + " stores will fail to write."), Simulate.openFilesWarning(nodes, 19_998));
  }

  @Test
  void anUnknownLimitGivesNoWarning() {
    assertEquals(Optional.empty(), Simulate.openFilesWarning(100_000, -1));
  }
}
