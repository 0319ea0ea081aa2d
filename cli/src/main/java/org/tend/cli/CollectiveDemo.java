package org.tend.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.tend.cli.output.Style;
import org.tend.cli.output.TerminalText;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.PeerStatus;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.TendException;
import org.tend.node.api.replication.Notice;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.TransportLimits;
import org.tend.protocol.crypto.Argon2Params;

/**
 * The demo's second half: four members' nodes, each with its own home, on this machine's
 * loopback. A collective forms, grows by invitation, makes a facilitator and removes a member,
 * told as each member's node sees it.
 */
final class CollectiveDemo implements AutoCloseable {
  static final String COLLECTIVE = "Riverside Care";
  static final String REASON = "broke the confidentiality agreement twice";
  /** What the members post to the board, in order. */
  static final List<String> NOTICES = List.of(
      "Circle moves to Thursday 7pm, same room",
      "Bring something warm to share afterwards",
      "The quiet room is upstairs if anyone needs it",
      "New meeting place from next week: the library annex");
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration DIAL = Duration.ofMillis(250);

  private final PrintWriter out;
  private final Style style;
  private final Path root;
  private final List<TendNode> nodes = new ArrayList<>();

  CollectiveDemo(PrintWriter out, Style style, Path root) {
    this.out = out;
    this.style = style;
    this.root = root;
  }

  /** Every home the demo made, for the disk scan. */
  Path root() {
    return root;
  }

  /** Runs the story; returns whether everything a member was told held. */
  boolean run() throws Exception {
    out.println("Four members' nodes, each with its own home, listening on loopback (demo homes"
        + " use the minimum Argon2id to save time).");
    TendNode ana = node("ana");
    TendNode bo = node("bo");
    TendNode cy = node("cy");
    TendNode dee = node("dee");
    out.printf("  Ana's node listens on %s%n", address(ana));

    out.println();
    out.println("Ana: tend collective create \"" + COLLECTIVE + "\" --name Ana");
    CollectiveSummary created = ana.collectives().create(COLLECTIVE, "Ana", Rules.defaults());
    CollectiveId id = created.id();
    out.printf("  Founded %s (id %s). You are its first facilitator.%n",
        TerminalText.line(created.name()),
        id.hex().substring(0, 8));
    String code = ana.collectives().invite(id, 3, Duration.ofHours(1),
        List.of(address(ana))).code();
    out.println("Ana: tend invite create --uses 3");
    out.println("  " + code.substring(0, 29) + "…  (" + code.length() + " characters; `--qr`"
        + " draws it for a phone)");

    for (var joiner : List.of(new Joiner(bo, "Bo"), new Joiner(cy, "Cy"), new Joiner(dee, "Dee"))) {
      out.println(joiner.name() + ": tend join TEND-… --name " + joiner.name());
      CollectiveSummary joined = joiner.node().collectives().join(code, joiner.name());
      out.printf("  You joined %s as %s. Your fingerprint: %s%n",
          TerminalText.line(joined.name()), joiner.name(),
          joiner.node().fingerprint().value());
    }
    boolean ok = until(() -> everyoneSees(List.of(ana, bo, cy, dee), id, 4));

    out.println();
    out.println("Ana: tend members");
    printMembers(ana, id);
    Member boMember = member(ana, id, bo);
    out.println();
    out.println("Ana: tend member grant facilitator " + prefix(boMember));
    ana.collectives().grantFacilitator(id, boMember.key());
    out.printf("  Bo is now a facilitator of %s.%n", COLLECTIVE);
    ok &= until(() -> standing(cy, id, bo).equals("facilitator"));
    out.println("Cy's node, moments later: Bo is " + standing(cy, id, bo) + ".");

    ok &= board(ana, bo, cy, dee, id);

    out.println();
    Member deeMember = member(bo, id, dee);
    ok &= until(() -> bo.collectives().online(id) >= 1 && ana.collectives().online(id) == 3);
    out.println("Bo: tend member remove " + prefix(deeMember) + " --reason \"" + REASON + "\"");
    var outcome = bo.collectives().remove(id, deeMember.key(), REASON);
    out.printf("  Dee is %s from %s (%d of %d facilitator signatures). The keys rotate; Dee's"
        + " node is refused from now on.%n", outcome.inEffect() ? "removed" : "not yet removed",
        COLLECTIVE, outcome.approvals(), outcome.needed());
    ok &= outcome.inEffect();
    ok &= until(() -> epoch(ana, id) == 1 && epoch(cy, id) == 1 && epoch(bo, id) == 1);
    out.printf("Cy's node: Dee is %s; key epoch %d.%n", standing(cy, id, dee), epoch(cy, id));

    ok &= until(() -> !connected(ana, id, dee));
    boolean refused = refusedWithOldKeys(dee, ana, id);
    out.println("Dee's node, still running with the old keys, tries Ana's node again: "
        + (refused ? "refused before any data." : "NOT REFUSED"));
    ok &= refused;

    out.println();
    out.println("Ana: tend board post \"" + NOTICES.get(3) + "\"");
    ana.replication().board().post(id, NOTICES.get(3));
    ok &= until(() -> hasNotice(bo, id, NOTICES.get(3)) && hasNotice(cy, id, NOTICES.get(3)));
    out.println("  Bo's and Cy's boards show it" + (hasNotice(dee, id, NOTICES.get(3))
        ? "; so does Dee's: SOMETHING IS WRONG." : "; Dee's node, removed, has nothing new: it"
        + " is refused at the gate, and what is posted now is sealed under keys it never got."));
    ok &= !hasNotice(dee, id, NOTICES.get(3));

    out.println();
    out.println("Ana: tend peers");
    for (PeerStatus peer : ana.collectives().peers(id)) {
      out.printf("  %-6s %s%n", TerminalText.line(peer.member().displayName()),
          peer.connected() ? "connected" : "not reachable");
    }
    ok &= until(() -> connected(ana, id, bo) && connected(ana, id, cy) && !connected(ana, id, dee));
    out.println(style.bold(ok ? "Everything each member was told holds."
        : "SOMETHING A MEMBER WAS TOLD DID NOT HOLD."));
    return ok;
  }

  /** A notice reaches everyone; a member offline meanwhile catches up when back. */
  private boolean board(TendNode ana, TendNode bo, TendNode cy, TendNode dee, CollectiveId id)
      throws Exception {
    out.println();
    out.println("Ana: tend board post \"" + NOTICES.get(0) + "\"");
    ana.replication().board().post(id, NOTICES.get(0));
    boolean ok = until(() -> List.of(bo, cy, dee).stream()
        .allMatch(n -> hasNotice(n, id, NOTICES.get(0))));
    out.println("  Bo's, Cy's and Dee's boards show it" + (ok ? "." : ": NOT ALL OF THEM."));

    out.println("Cy's laptop goes offline (its node stops).");
    cy.stopNetwork();
    out.println("Bo: tend board post \"" + NOTICES.get(1) + "\"");
    bo.replication().board().post(id, NOTICES.get(1));
    out.println("Dee: tend board post \"" + NOTICES.get(2) + "\"");
    dee.replication().board().post(id, NOTICES.get(2));
    ok &= until(() -> hasNotice(ana, id, NOTICES.get(2)) && hasNotice(ana, id, NOTICES.get(1)));
    out.printf("  Cy's board, offline, still shows %d notice.%n",
        cy.replication().board().list(id).size());
    cy.startNetwork(Optional.of(new PeerAddress.Tcp("127.0.0.1", 0)),
        TransportLimits.defaults(), DIAL);
    out.println("Cy's node comes back online and compares what it has with its neighbours.");
    ok &= until(() -> noticeCount(cy, id) == 3);
    out.println("Cy: tend board list");
    for (Notice n : cy.replication().board().list(id)) {
      out.printf("  %s  %-4s %s%n", n.id().shortHex(), TerminalText.line(n.authorName()),
          TerminalText.lines(n.text()));
    }
    return ok;
  }

  private static boolean hasNotice(TendNode node, CollectiveId id, String text) {
    try {
      return node.replication().board().list(id).stream().anyMatch(n -> n.text().equals(text));
    } catch (TendException e) {
      return false;
    }
  }

  private static int noticeCount(TendNode node, CollectiveId id) {
    try {
      return node.replication().board().list(id).size();
    } catch (TendException e) {
      return -1;
    }
  }

  private record Joiner(TendNode node, String name) {
  }

  private TendNode node(String name) throws TendException {
    NodeConfig config = NodeConfig.forHome(root.resolve(name)).withFixedKdf(Argon2Params.MINIMUM);
    TendNode node;
    try (Passphrase passphrase = Passphrase.of(("demo " + name + " passphrase").toCharArray())) {
      node = TendNode.init(config, passphrase);
    }
    nodes.add(node);
    node.startNetwork(Optional.of(new PeerAddress.Tcp("127.0.0.1", 0)),
        TransportLimits.defaults(), DIAL);
    return node;
  }

  private static PeerAddress.Tcp address(TendNode node) {
    return (PeerAddress.Tcp) node.listening().get(0);
  }

  private void printMembers(TendNode node, CollectiveId id) throws TendException {
    for (Member m : node.collectives().members(id)) {
      out.printf("  %-6s %-12s %s%n", TerminalText.line(m.displayName()), standingOf(m),
          m.fingerprint().value());
    }
  }

  private static String standingOf(Member m) {
    return !m.isActive() ? m.status().name().toLowerCase(java.util.Locale.ROOT)
        : m.role().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Member member(TendNode observer, CollectiveId id, TendNode who)
      throws TendException {
    return observer.collectives().member(id, who.fingerprint().value());
  }

  private static String standing(TendNode observer, CollectiveId id, TendNode who) {
    try {
      return standingOf(member(observer, id, who));
    } catch (TendException e) {
      return "unknown";
    }
  }

  private static String prefix(Member m) {
    return m.fingerprint().value().substring(0, 9);
  }

  private static int epoch(TendNode node, CollectiveId id) {
    try {
      return node.collectives().resolve(Optional.of(id.hex())).epoch();
    } catch (TendException e) {
      return -1;
    }
  }

  private static boolean connected(TendNode observer, CollectiveId id, TendNode who) {
    try {
      return observer.collectives().peers(id).stream().anyMatch(p -> p.connected()
          && p.member().fingerprint().equals(who.fingerprint()));
    } catch (TendException e) {
      return false;
    }
  }

  private static boolean everyoneSees(List<TendNode> all, CollectiveId id, int members) {
    return all.stream().allMatch(n -> {
      try {
        return n.collectives().members(id).size() == members;
      } catch (TendException e) {
        return false;
      }
    });
  }

  /** The removed node connects with the network key it still holds: authorisation refuses it. */
  private static boolean refusedWithOldKeys(TendNode removed, TendNode to, CollectiveId id) {
    var oldKey = removed.collectives().currentNetworkKey(id);
    if (oldKey.isEmpty()) {
      return false;
    }
    try {
      var responder = to.collectives().members(id).stream()
          .filter(m -> m.fingerprint().equals(to.fingerprint())).findFirst().orElseThrow().key();
      removed.connect(address(to), oldKey.get(), responder)
          .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Waits, polling, until {@code condition} holds or the patience runs out. */
  private static boolean until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    nodes.forEach(TendNode::close);
  }
}
