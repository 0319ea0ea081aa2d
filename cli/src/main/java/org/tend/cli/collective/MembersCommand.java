package org.tend.cli.collective;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tend.cli.ExitCodes;
import org.tend.cli.Session;
import org.tend.cli.output.Json;
import org.tend.cli.output.TerminalText;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.Member;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "members", mixinStandardHelpOptions = true,
    description = {"List a collective's members: name, standing, fingerprint, joined date.",
        "Compare fingerprints in person (read them aloud, or look at both screens) before you"
            + " trust that a name is who you think it is."})
public final class MembersCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  CollectiveOption which;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    return session.withNode(Session.Needs.HOME, node -> {
      CollectiveSummary c = which.resolve(node);
      List<Member> members = node.collectives().members(c.id());
      String me = node.fingerprint().value();
      if (json) {
        session.out().println(Json.render(members.stream().map(m -> {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("name", m.displayName());
          out.put("fingerprint", m.fingerprint().value());
          out.put("standing", CollectiveText.standing(m));
          out.put("joinedAt", m.joinedAt().toString());
          out.put("you", m.fingerprint().value().equals(me));
          return out;
        }).toList()));
        return ExitCodes.OK;
      }
      session.out().printf("%s: %d members, key epoch %d%n", TerminalText.line(c.name()),
          c.activeMembers(),
          c.epoch());
      for (Member m : members) {
        session.out().printf("  %-16s %-12s %s  joined %s%s%n", TerminalText.line(m.displayName()),
            CollectiveText.standing(m), m.fingerprint().value(),
            CollectiveText.DAY.format(m.joinedAt()),
            m.fingerprint().value().equals(me) ? "  (you)" : "");
      }
      return ExitCodes.OK;
    });
  }
}
