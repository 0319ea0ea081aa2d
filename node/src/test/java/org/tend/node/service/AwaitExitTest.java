package org.tend.node.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Waiting for a node's process to end, as `tend down` and panic do. */
class AwaitExitTest {
  @Test
  void aKilledProcessCountsAsExitedBeforeItsParentCollectsIt() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
    // The shell becomes `sleep 60`, which never collects the background sleep once killed.
    Process parent = new ProcessBuilder("/bin/sh", "-c", "sleep 60 & echo $!; exec sleep 60")
        .start();
    try {
      long pid = Long.parseLong(new BufferedReader(new InputStreamReader(
          parent.getInputStream(), StandardCharsets.US_ASCII)).readLine().strip());
      ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
      assertFalse(NodeServices.awaitExit(pid, Duration.ZERO), "running");
      // Only once the shell has become `sleep` is nobody left to collect the child.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
          Files.readString(Path.of("/proc/" + parent.pid() + "/comm")).strip().equals("sleep"));

      child.destroyForcibly();

      assertTrue(NodeServices.awaitExit(pid, Duration.ofSeconds(10)));
      assertTrue(child.isAlive(), "the JDK still counts the uncollected process as alive");
    } finally {
      parent.destroyForcibly();
    }
  }
}
