package org.tend.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tend.cli.output.Json;
import org.tend.node.TendNode;
import org.tend.node.api.home.HomeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show your home, fingerprint and what it holds.")
final class StatusCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      HomeStatus s = node.status();
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("home", s.home().toString());
        out.put("fingerprint", s.fingerprint().value());
        out.put("kdfMemoryMiB", s.kdfMemoryMiB());
        out.put("kdfIterations", s.kdfIterations());
        out.put("entries", s.entries());
        out.put("openRepairs", s.openRepairs());
        out.put("crisisResources", s.crisisResources());
        out.put("network", "not yet available");
        session.out().println(Json.render(out));
        return ExitCodes.OK;
      }
      session.out().println("Home:         " + s.home());
      session.out().println("Fingerprint:  " + s.fingerprint().value());
      session.out().println("Journal:      " + s.entries() + " entries");
      session.out().println("Repairs:      " + s.openRepairs() + " open");
      session.out().println("Resources:    " + s.crisisResources() + " crisis resources");
      session.out().println("Passphrase:   Argon2id, " + s.kdfMemoryMiB() + " MiB, "
          + s.kdfIterations() + " passes");
      session.out().println("Network:      local only (this version does not connect to peers)");
    }
    return ExitCodes.OK;
  }
}
