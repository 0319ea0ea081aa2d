package org.tend.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryKind;

/**
 * The collective commands as members run them: real nodes started with `tend up --detach`, each
 * in its own process, reaching each other on loopback ports 17500-17599; the commands are run
 * here and handed to the home's node over its control socket.
 */
class CollectiveCommandsTest {
  private static final String COLLECTIVE = "Riverside Care";
  private static final String ENTRY = "Wrote this before my node first went up.";
  /** Connections come and go on the dialler's rhythm; this leaves room for a few rounds. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(250);
  /** A little over {@link NetworkComponent#DIAL_INTERVAL}: a removed node gets a redial in. */
  private static final Duration REDIAL_ROUND =
      NetworkComponent.DIAL_INTERVAL.plus(Duration.ofSeconds(2));

  @TempDir
  Path dir;
  DetachedNodes nodes;

  @BeforeEach
  void nodes() throws Exception {
    nodes = new DetachedNodes(dir);
  }

  /** A failed test must not leave a node running. */
  @AfterEach
  void killNodes() {
    nodes.close();
  }

  @Test
  void aJoinedMemberIsInEveryRosterWithStandingAndFingerprintAndComesOnline() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    TestHome bo = TestHome.create(dir, "bo");
    nodes.up(Map.of(ana, 17511, bo, 17512));

    CliResult created = ok(ana.tend("collective", "create", COLLECTIVE, "--name", "Ana"));
    assertTrue(created.out().startsWith("Founded " + COLLECTIVE + " (id "), created::toString);
    assertTrue(created.out().contains("You are its first facilitator."), created::toString);
    Map<String, Object> invite =
        JsonReader.object(ok(ana.tend("invite", "create", "--json")).out());
    String code = (String) invite.get("code");
    assertTrue(code.startsWith("TEND-"), invite::toString);
    assertEquals(List.of("127.0.0.1:17511"), invite.get("addresses"));

    CliResult joined = ok(bo.tend("join", code, "--name", "Bo"));

    assertTrue(joined.out().startsWith("You joined " + COLLECTIVE + " as Bo. It has 2 members.\n"),
        joined::toString);
    assertTrue(joined.out().contains("Yours: " + fingerprint(bo)), joined::toString);
    Map<String, List<String>> expected = Map.of(
        "Ana", List.of("facilitator", fingerprint(ana)),
        "Bo", List.of("member", fingerprint(bo)));
    assertEquals(expected, standingAndFingerprint(ana));
    assertEquals(expected, standingAndFingerprint(bo));
    assertEquals(List.of("Ana"), namesWhere(ana, "you", true));
    assertEquals(List.of("Bo"), namesWhere(bo, "you", true));
    await().atMost(PATIENCE).pollInterval(POLL).untilAsserted(() -> {
      CliResult peers = ok(ana.tend("peers"));
      assertTrue(peers.out().startsWith(COLLECTIVE + ": 1 of 1 other members connected\n"),
          peers::toString);
      assertTrue(Pattern.compile("(?m)^  Bo +connected, ").matcher(peers.out()).find(),
          peers::toString);
    });

    CliResult status = ok(ana.tend("status"));
    assertTrue(status.out().contains("\nNetwork:      listening on 127.0.0.1:17511\n"),
        status::toString);
    assertTrue(Pattern.compile("(?m)^Collective:   " + COLLECTIVE + " \\([0-9a-f]{8}\\): 2 members,"
        + " 1 connected now, key epoch 0, you: facilitator$").matcher(status.out()).find(),
        status::toString);
    Map<String, Object> network = map(JsonReader.object(ok(ana.tend("status", "--json")).out())
        .get("network"));
    assertEquals(List.of("127.0.0.1:17511"), network.get("listening"));
    List<Object> collectives = list(network.get("collectives"));
    assertEquals(1, collectives.size(), network::toString);
    Map<String, Object> line = map(collectives.get(0));
    assertEquals(invite.get("collective"), line.get("id"));
    assertEquals(COLLECTIVE, line.get("name"));
    assertEquals(2, number(line.get("activeMembers")));
    assertEquals(1, number(line.get("online")));
    assertEquals(0, number(line.get("epoch")));
    assertEquals("facilitator", line.get("role"));
    assertEquals("active", line.get("status"));
  }

  @Test
  void joinRefusesWithoutARunningNodeAMistypedCodeAndAnInviteAlreadyUsed() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    TestHome bo = TestHome.create(dir, "bo");
    TestHome cy = TestHome.create(dir, "cy");
    TestHome dee = TestHome.create(dir, "dee");
    nodes.up(Map.of(ana, 17521, bo, 17522, cy, 17523));
    ok(ana.tend("collective", "create", COLLECTIVE, "--name", "Ana"));
    String code = inviteCode(ana);

    CliResult notRunning = dee.tend("join", code, "--name", "Dee");

    assertEquals(ExitCodes.NOT_RUNNING, notRunning.exitCode(), notRunning::toString);
    assertEquals("tend: Tend is not running for " + dee.home() + "; this needs your node's"
        + " network: start it with `tend up --detach`.\n", notRunning.err());
    assertEquals("", notRunning.out());

    CliResult mistyped = bo.tend("join", oneCharacterChanged(code), "--name", "Bo");

    assertEquals(ExitCodes.FAILURE, mistyped.exitCode(), mistyped::toString);
    assertEquals("tend: This invite code is mistyped or incomplete (its checksum does not"
        + " match); copy it again from the person who invited you.\n", mistyped.err());

    ok(bo.tend("join", code, "--name", "Bo"));
    CliResult spent = cy.tend("join", code, "--name", "Cy");

    assertEquals(ExitCodes.FAILURE, spent.exitCode(), spent::toString);
    assertEquals("tend: This invite has already been used; ask for a new one.\n", spent.err());
    assertEquals("[]\n", ok(cy.tend("collective", "list", "--json")).out());
    assertEquals(List.of("Ana", "Bo"), names(ana));
  }

  @Test
  void aFacilitatorGrantsTheRoleAndRemovesAMemberWhoseNodeIsThenCutOff() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    TestHome bo = TestHome.create(dir, "bo");
    TestHome cy = TestHome.create(dir, "cy");
    nodes.up(Map.of(ana, 17531, bo, 17532, cy, 17533));
    ok(ana.tend("collective", "create", COLLECTIVE, "--name", "Ana"));
    String code = inviteCode(ana, "--uses", "2");
    ok(bo.tend("join", code, "--name", "Bo"));
    ok(cy.tend("join", code, "--name", "Cy"));
    String[] boPrefix = prefix(fingerprint(bo));
    String[] cyPrefix = prefix(fingerprint(cy));

    CliResult byAMember = cy.tend(args("member", "grant", "facilitator", boPrefix));

    assertEquals(ExitCodes.FAILURE, byAMember.exitCode(), byAMember::toString);
    assertEquals("tend: Only facilitators of " + COLLECTIVE + " may make someone a"
        + " facilitator.\n", byAMember.err());
    assertEquals("member", standingAndFingerprint(ana).get("Bo").get(0));

    CliResult granted = ok(ana.tend(args("member", "grant", "facilitator", boPrefix)));

    assertEquals("Bo (" + fingerprint(bo) + ") is now a facilitator of " + COLLECTIVE + ".\n",
        granted.out());
    await().atMost(PATIENCE).pollInterval(POLL).untilAsserted(() ->
        assertEquals("facilitator", standingAndFingerprint(bo).get("Bo").get(0)));

    CliResult removed = ok(ana.tend(args("member", "remove", cyPrefix, "--reason",
        "Shared what members wrote outside the collective.")));

    assertEquals("Cy is removed from " + COLLECTIVE + ". The keys have been rotated; their node"
        + " is refused from now on.\n", removed.out());
    Map<String, Object> collective = onlyCollective(ana);
    assertEquals(1, number(collective.get("epoch")), collective::toString);
    assertEquals(2, number(collective.get("activeMembers")), collective::toString);
    assertEquals("removed", standingAndFingerprint(ana).get("Cy").get(0));
    await().atMost(PATIENCE).pollInterval(POLL).until(() -> epoch(bo) == 1);
    await().atMost(PATIENCE).pollInterval(POLL)
        .until(() -> !connected(ana, "Cy") && connectedNames(cy).isEmpty());
    // Cy's node keeps running with its old keys and keeps dialling; it stays cut off.
    await().during(REDIAL_ROUND).atMost(REDIAL_ROUND.plusSeconds(5)).pollInterval(POLL)
        .until(() -> !connected(ana, "Cy") && connectedNames(cy).isEmpty());
    await().atMost(PATIENCE).pollInterval(POLL).until(() -> connected(ana, "Bo"));
    CliResult status = ok(ana.tend("status"));
    assertTrue(status.out().contains(": 2 members, 1 connected now, key epoch 1, you:"
        + " facilitator\n"), status::toString);
  }

  @Test
  void afterKillNineAMemberComesBackUpIntoItsCollectiveWithNothingLost() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    TestHome bo = TestHome.create(dir, "bo");
    try (TendNode node = bo.open()) {
      node.journal().write(EntryDraft.of(EntryKind.CHECK_IN, ENTRY));
    }
    long killed = nodes.up(Map.of(ana, 17541, bo, 17542)).get(bo);
    ok(ana.tend("collective", "create", COLLECTIVE, "--name", "Ana"));
    ok(bo.tend("join", inviteCode(ana), "--name", "Bo"));
    Map<String, List<String>> roster = standingAndFingerprint(ana);
    await().atMost(PATIENCE).pollInterval(POLL).until(() -> connected(ana, "Bo"));

    nodes.killNine(killed);

    await().atMost(PATIENCE).pollInterval(POLL).until(() -> !connected(ana, "Bo"));
    assertTrue(peer(ana, "Bo").orElseThrow().get("lastSeen") instanceof String,
        "the founder's node says when it last saw Bo");
    long restarted = nodes.up(bo, 17542);
    assertNotEquals(killed, restarted);
    assertEquals(roster, standingAndFingerprint(bo));
    assertEquals(roster, standingAndFingerprint(ana));
    await().atMost(PATIENCE).pollInterval(POLL).until(() -> connected(ana, "Bo"));
    await().atMost(PATIENCE).pollInterval(POLL).until(() -> connected(bo, "Ana"));
    assertEquals(1, number(JsonReader.object(ok(bo.tend("status", "--json")).out())
        .get("entries")));
    ok(bo.tend("down"));
    CliResult journal = ok(bo.tend("journal", "list"));
    assertTrue(journal.out().contains(ENTRY), journal::toString);
  }

  @Test
  void removalQuorumIsOneToNine() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");

    for (int quorum : new int[] {0, 10}) {
      CliResult refused = ana.tend("collective", "create", "X", "--name", "A",
          "--removal-quorum", String.valueOf(quorum));
      assertEquals(ExitCodes.REFUSED_INPUT, refused.exitCode(), refused::toString);
      assertEquals("tend: --removal-quorum is 1 to 9, not " + quorum + ".\n", refused.err());
      assertEquals("", refused.out());
    }
    assertEquals("[]\n", ok(ana.tend("collective", "list", "--json")).out());

    CliResult nine = ok(ana.tend("collective", "create", COLLECTIVE, "--name", "Ana",
        "--removal-quorum", "9"));

    assertTrue(nine.out().contains("Rules: any member may invite; 9 facilitator signatures"
        + " remove a member.\n"), nine::toString);
  }

  @Test
  void anInviteIsForOneToAHundredUsesAndAtMostThirtyDays() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    ok(ana.tend("collective", "create", COLLECTIVE, "--name", "Ana"));
    // Saying where to reach the node lets the home make an invite without its node running.
    String[] reach = {"--address", "127.0.0.1:17599"};

    ok(ana.tend(args("invite", "create", reach, "--uses", "100", "--expires", "30d")));
    CliResult uses = ana.tend(args("invite", "create", reach, "--uses", "101"));
    CliResult days = ana.tend(args("invite", "create", reach, "--expires", "31d"));
    CliResult banana = ana.tend(args("invite", "create", reach, "--expires", "banana"));

    assertEquals(ExitCodes.REFUSED_INPUT, uses.exitCode(), uses::toString);
    assertEquals("tend: --uses is 1 to 100, not 101.\n", uses.err());
    assertEquals(ExitCodes.REFUSED_INPUT, days.exitCode(), days::toString);
    assertEquals("tend: --expires is at most 30d, not '31d'.\n", days.err());
    assertEquals(ExitCodes.REFUSED_INPUT, banana.exitCode(), banana::toString);
    assertEquals("tend: A duration looks like 30m, 24h or 7d, not 'banana'.\n", banana.err());
  }

  /** The refusal repeats what the member typed, and comes before any node is needed. */
  @Test
  void anInviteTooLongIsRefusedInTheWordsItWasAskedFor() throws Exception {
    TestHome ana = TestHome.create(dir, "ana");
    ok(ana.tend("collective", "create", COLLECTIVE, "--name", "Ana"));

    CliResult days = ana.tend("invite", "create", "--expires", "31d");

    assertEquals(ExitCodes.REFUSED_INPUT, days.exitCode(), days::toString);
    assertTrue(days.err().contains("'31d'"), days::toString);
    assertFalse(days.err().contains("PT744H"), days::toString);
  }

  @Test
  void helpForEachCollectiveCommandNamesItsOptions() {
    Map<List<String>, List<String>> mentions = new LinkedHashMap<>();
    mentions.put(List.of("collective"), List.of("create", "list", "leave"));
    mentions.put(List.of("collective", "create"),
        List.of("--name", "--invite", "--removal-quorum"));
    mentions.put(List.of("invite", "create"),
        List.of("--uses", "--expires", "--qr", "--address", "--json", "--collective"));
    mentions.put(List.of("join"), List.of("CODE", "--name"));
    mentions.put(List.of("members"), List.of("--json", "--collective"));
    mentions.put(List.of("member", "remove"), List.of("FINGERPRINT", "--reason", "--collective"));
    mentions.put(List.of("peers"), List.of("--json", "--collective"));

    mentions.forEach((command, options) -> {
      CliResult help = InProcess.tend(args(command.toArray(), "--help"));
      assertEquals(ExitCodes.OK, help.exitCode(), help::toString);
      assertEquals("", help.err(), help::toString);
      assertTrue(help.out().startsWith("Usage: tend " + String.join(" ", command)),
          help::toString);
      options.forEach(o -> assertTrue(help.out().contains(o), () -> o + " in " + help));
    });
  }

  private static CliResult ok(CliResult result) {
    assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
    return result;
  }

  private static String inviteCode(TestHome inviter, String... options) {
    return (String) JsonReader.object(ok(inviter.tend(args("invite", "create", "--json", options)))
        .out()).get("code");
  }

  /** The code with one letter of its second group swapped for another, as a slip would. */
  private static String oneCharacterChanged(String code) {
    int at = "TEND-AAAAA-A".length();
    char other = code.charAt(at) == 'Q' ? 'R' : 'Q';
    return code.substring(0, at) + other + code.substring(at + 1);
  }

  /** The first two groups of a fingerprint, as a member would read them out: "ABCD", "EFGH". */
  private static String[] prefix(String fingerprint) {
    return Arrays.copyOf(fingerprint.split(" "), 2);
  }

  /** A command line of words and groups of words (a fingerprint prefix). */
  private static String[] args(Object... parts) {
    return Arrays.stream(parts)
        .flatMap(p -> p instanceof Object[] words ? Arrays.stream(words) : Stream.of(p))
        .map(String.class::cast)
        .toArray(String[]::new);
  }

  /** Whether {@code viewer}'s `peers --json` shows the member called {@code name} connected. */
  private static boolean connected(TestHome viewer, String name) {
    return peer(viewer, name).map(p -> Boolean.TRUE.equals(p.get("connected"))).orElse(false);
  }

  /** The names of the members {@code viewer}'s `peers --json` shows connected. */
  private static List<Object> connectedNames(TestHome viewer) {
    return JsonReader.array(ok(viewer.tend("peers", "--json")).out()).stream()
        .map(CollectiveCommandsTest::map).filter(p -> Boolean.TRUE.equals(p.get("connected")))
        .map(p -> p.get("name")).toList();
  }

  /** The one collective in {@code home}'s `collective list --json`. */
  private static Map<String, Object> onlyCollective(TestHome home) {
    List<Object> all = JsonReader.array(ok(home.tend("collective", "list", "--json")).out());
    assertEquals(1, all.size(), all::toString);
    return map(all.get(0));
  }

  private static int epoch(TestHome home) {
    return number(onlyCollective(home).get("epoch"));
  }

  private static Optional<Map<String, Object>> peer(TestHome viewer, String name) {
    return JsonReader.array(ok(viewer.tend("peers", "--json")).out()).stream()
        .map(CollectiveCommandsTest::map).filter(p -> name.equals(p.get("name"))).findFirst();
  }

  private static List<Object> names(TestHome home) {
    return members(home).stream().map(m -> m.get("name")).toList();
  }

  private static String fingerprint(TestHome home) {
    return (String) JsonReader.object(ok(home.tend("status", "--json")).out()).get("fingerprint");
  }

  private static List<Map<String, Object>> members(TestHome home) {
    return JsonReader.array(ok(home.tend("members", "--json")).out()).stream()
        .map(CollectiveCommandsTest::map).toList();
  }

  /** Each member's name, with their standing and fingerprint, as {@code home} sees them. */
  private static Map<String, List<String>> standingAndFingerprint(TestHome home) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map<String, Object> m : members(home)) {
      out.put((String) m.get("name"),
          List.of((String) m.get("standing"), (String) m.get("fingerprint")));
    }
    return out;
  }

  private static List<Object> namesWhere(TestHome home, String field, Object value) {
    return members(home).stream().filter(m -> value.equals(m.get(field)))
        .map(m -> m.get("name")).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object json) {
    return (Map<String, Object>) json;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object json) {
    return (List<Object>) json;
  }

  private static int number(Object json) {
    return ((Number) json).intValue();
  }
}
