package org.tend.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tend.cli.output.Json;
import org.tend.cli.output.TerminalText;
import org.tend.cli.output.Times;
import org.tend.node.TendNode;
import org.tend.node.api.home.HomeStatus;
import org.tend.node.api.home.StoreState;
import org.tend.node.api.service.NetworkStatus;
import org.tend.node.api.service.NodeClient;
import org.tend.node.api.service.ServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show your home, fingerprint, what it holds, and whether your node runs.",
        "When your node is running, it answers instead, and no passphrase is needed."})
final class StatusCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    // The running node holds the store; it reports for the home instead.
    Optional<NodeClient> running = session.runningNode();
    if (running.isPresent()) {
      ServiceStatus node = running.get().status();
      print(session, node.home(), Optional.of(node), node.network());
      return ExitCodes.OK;
    }
    try (TendNode node = session.open()) {
      print(session, node.status(), Optional.empty(), node.networkStatus());
      if (!json && !node.storeState().writes()) {
        session.out().println("Store:        " + storeLine(node.storeState()));
      }
    }
    return ExitCodes.OK;
  }

  private void print(Session session, HomeStatus s, Optional<ServiceStatus> node,
      NetworkStatus network) {
    PrintWriter out = session.out();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("home", s.home().toString());
      doc.put("fingerprint", s.fingerprint().value());
      doc.put("kdfMemoryMiB", s.kdfMemoryMiB());
      doc.put("kdfIterations", s.kdfIterations());
      doc.put("entries", s.entries());
      doc.put("openRepairs", s.openRepairs());
      doc.put("crisisResources", s.crisisResources());
      Map<String, Object> net = new LinkedHashMap<>();
      net.put("listening", network.listening());
      net.put("collectives", network.collectives().stream().map(c -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("epoch", c.epoch());
        m.put("activeMembers", c.activeMembers());
        m.put("online", c.online());
        m.put("role", c.myRole());
        m.put("status", c.myStatus());
        m.put("events", c.events());
        m.put("forks", c.forks());
        return m;
      }).toList());
      doc.put("network", net);
      Map<String, Object> running = new LinkedHashMap<>();
      running.put("running", node.isPresent());
      node.ifPresent(n -> {
        running.put("pid", n.pid());
        running.put("startedAt", n.startedAt().toString());
        running.put("listen", n.listen().toString());
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("writes", n.store().writes());
        store.put("problem", n.store().problem().name().toLowerCase(java.util.Locale.ROOT));
        n.store().since().ifPresent(since -> store.put("since", since.toString()));
        running.put("store", store);
      });
      doc.put("node", running);
      out.println(Json.render(doc));
      return;
    }
    out.println("Home:         " + TerminalText.line(s.home().toString()));
    out.println("Fingerprint:  " + s.fingerprint().value());
    out.println("Journal:      " + s.entries() + " entries");
    out.println("Repairs:      " + s.openRepairs() + " open");
    out.println("Resources:    " + s.crisisResources() + " crisis resources");
    out.println("Passphrase:   Argon2id, " + s.kdfMemoryMiB() + " MiB, " + s.kdfIterations()
        + " passes");
    out.println("Node:         " + node.map(n -> "running (pid " + n.pid() + ") since "
        + Times.show(n.startedAt()) + ", listening on " + n.listen())
        .orElse("not running (start it with `tend up`)"));
    node.ifPresent(n -> out.println("Store:        " + storeLine(n.store())));
    out.println("Network:      " + (network.listening().isEmpty()
        ? (node.isPresent() ? "not listening" : "off (`tend up` connects you to your collectives)")
        : "listening on " + TerminalText.line(String.join(", ", network.listening()))));
    if (network.collectives().isEmpty()) {
      out.println("Collectives:  none yet (`tend collective create` or `tend join CODE`)");
    }
    for (NetworkStatus.CollectiveLine c : network.collectives()) {
      String standing = c.myStatus().equals("active") ? c.myRole() : c.myStatus();
      out.printf("Collective:   %s (%s): %d members, %s, key epoch %d, you: %s%n",
          TerminalText.line(c.name()),
          c.id().substring(0, 8), c.activeMembers(), node.isPresent()
              ? c.online() + " connected now" : "node not running", c.epoch(), standing);
      out.printf("              %d shared event%s held%n", c.events(), c.events() == 1 ? "" : "s");
      for (String fork : c.forks()) {
        out.println("  Fork:       " + TerminalText.line(fork) + ". Nothing more of theirs is taken in until a"
            + " facilitator resolves it (`tend member resolve-fork`); both events are kept as"
            + " evidence. Talk with them: a copied device (a backup restored on a second"
            + " machine) does this, and so does a stolen key.");
      }
    }
  }

  /** A node that answers is not necessarily one that saves: a full disk stops every write. */
  static String storeLine(StoreState store) {
    return switch (store.problem()) {
      case NONE -> "saving normally";
      case DISK_FULL -> "cannot save (disk full) since " + Times.show(store.since().orElseThrow())
          + "; nothing new is saved until space is freed, then it saves again by itself";
      case WRITE_ERROR -> "cannot save (write error) since "
          + Times.show(store.since().orElseThrow()) + "; restart the node (`tend down`,"
          + " `tend up`), and see node.log if it happens again";
    };
  }
}
