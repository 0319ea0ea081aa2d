package org.tend.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `tend board` as members use it: real nodes started with `tend up --detach`, each in its own
 * process, on loopback ports 17551-17559.
 */
class BoardCommandTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(250);

  @TempDir
  Path dir;
  DetachedNodes nodes;

  @BeforeEach
  void nodes() throws Exception {
    nodes = new DetachedNodes(dir);
  }

  @AfterEach
  void killNodes() {
    nodes.close();
  }

  @Test
  void aNoticeReachesTheOtherMemberCanBeRetractedOnlyByItsAuthorAndKeepsItsLimits()
      throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    TestHome bo = TestHome.create(dir, "bo");
    nodes.up(Map.of(ana, 17551, bo, 17552));
    ok(ana.tend("collective", "create", "Riverside Care", "--name", "Ana"));
    ok(bo.tend("join", inviteCode(ana), "--name", "Bo"));
    assertTrue(ok(bo.tend("board", "list")).out().contains("no notices yet"));

    CliResult posted = ok(ana.tend("board", "post", "Circle", "moves", "to", "Thursday", "7pm"));
    assertTrue(posted.out().startsWith("Posted notice "), posted::toString);
    await().atMost(PATIENCE).pollInterval(POLL)
        .until(() -> texts(bo).contains("Circle moves to Thursday 7pm"));
    Map<String, Object> notice = map(JsonReader.array(ok(bo.tend("board", "list", "--json"))
        .out()).get(0));
    assertEquals("Ana", notice.get("author"));
    assertEquals(false, notice.get("mine"));
    String id = (String) notice.get("id");
    assertTrue(ok(bo.tend("board", "list")).out().contains(id.substring(0, 12) + "  Ana"));

    CliResult notTheirs = bo.tend("board", "retract", id.substring(0, 8));
    assertEquals(ExitCodes.FAILURE, notTheirs.exitCode(), notTheirs::toString);
    assertEquals("tend: Only its author can retract a notice.\n", notTheirs.err());
    CliResult unknown = ana.tend("board", "retract", "ffffffff");
    assertEquals(ExitCodes.FAILURE, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().contains("No notice has an id starting 'ffffffff'"), unknown::toString);

    ok(ana.tend("board", "retract", id.substring(0, 8)));
    await().atMost(PATIENCE).pollInterval(POLL).until(() -> texts(bo).isEmpty());

    CliResult longest = ok(ana.tend("board", "post", "x".repeat(2000)));
    assertTrue(longest.out().startsWith("Posted notice "), longest::toString);
    CliResult tooLong = ana.tend("board", "post", "x".repeat(2001));
    assertEquals(ExitCodes.FAILURE, tooLong.exitCode(), tooLong::toString);
    assertEquals("tend: A notice can be at most 2000 characters; this one has 2001.\n",
        tooLong.err());
    CliResult blank = ana.tend("board", "post", "   ");
    assertEquals(ExitCodes.FAILURE, blank.exitCode(), blank::toString);
    assertEquals("tend: A notice needs some text.\n", blank.err());
    assertEquals(1, JsonReader.array(ok(ana.tend("board", "list", "--json")).out()).size());
  }

  @Test
  void aNoticePipedInGoesThroughTheRunningNode() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    nodes.up(ana, 17553);
    ok(ana.tend("collective", "create", "Riverside Care", "--name", "Ana"));

    CliResult piped = TendProcess.tend(ana.args("board", "post"))
        .input("Quiet room is upstairs.\nTea in the kitchen.\n").run();

    assertEquals(ExitCodes.OK, piped.exitCode(), piped::toString);
    assertEquals(List.of("Quiet room is upstairs.\nTea in the kitchen."), texts(ana));
  }

  @Test
  void aMemberKilledMidReplicationComesBackWithEveryNotice() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    TestHome bo = TestHome.create(dir, "bo");
    Map<TestHome, Long> pids = nodes.up(Map.of(ana, 17554, bo, 17555));
    ok(ana.tend("collective", "create", "Riverside Care", "--name", "Ana"));
    ok(bo.tend("join", inviteCode(ana), "--name", "Bo"));
    nodes.killNine(pids.get(bo));
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      posted.add("Notice number " + i);
      ok(ana.tend("board", "post", "Notice number " + i));
    }
    // Bo's node comes up and is killed while it takes the notices in, twice, then stays up.
    for (int attempt = 0; attempt < 2; attempt++) {
      long pid = nodes.up(bo, 17555);
      nodes.killNine(pid);
    }
    nodes.up(bo, 17555);
    await().atMost(PATIENCE).pollInterval(POLL).until(() -> texts(bo).size() == posted.size());
    assertEquals(posted, texts(bo));
    Map<String, Object> status = JsonReader.object(ok(bo.tend("status", "--json")).out());
    Map<String, Object> collective = map(((List<?>) map(status.get("network"))
        .get("collectives")).get(0));
    assertTrue(((Number) collective.get("events")).longValue() >= 40, "the notices, and the"
        + " members' address announcements");
    assertEquals(List.of(), collective.get("forks"));
  }

  private static List<String> texts(TestHome home) {
    List<String> out = new ArrayList<>();
    for (Object n : JsonReader.array(ok(home.tend("board", "list", "--json")).out())) {
      out.add((String) map(n).get("text"));
    }
    return out;
  }

  private static CliResult ok(CliResult result) {
    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    return result;
  }

  private static String inviteCode(TestHome inviter) {
    return (String) JsonReader.object(ok(inviter.tend("invite", "create", "--json")).out())
        .get("code");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertFalse(o == null);
    return (Map<String, Object>) o;
  }
}
