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
import org.tend.node.api.collective.InviteRule;
import org.tend.node.api.collective.Rules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "collective", mixinStandardHelpOptions = true,
    description = "Found a collective, list yours, or leave one.",
    subcommands = {CollectiveCommand.Create.class, CollectiveCommand.ListAll.class,
        CollectiveCommand.Leave.class})
public final class CollectiveCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Found a collective, with you as its first member and facilitator.",
          "Its rules are fixed now: who may invite, and how many facilitators must sign a"
              + " removal. Then invite people with `tend invite create`."})
  static final class Create implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The collective's name, as"
        + " members will see it (only members ever do).")
    String name;

    @Option(names = "--name", required = true, paramLabel = "DISPLAY_NAME",
        description = "How the others will see you.")
    String displayName;

    @Option(names = "--invite", paramLabel = "WHO", defaultValue = "any",
        description = "Who may invite: `any` member (default) or `facilitators`.")
    String whoInvites;

    @Option(names = "--removal-quorum", paramLabel = "N", defaultValue = "1",
        description = "Facilitators who must sign a removal (1-9, default ${DEFAULT-VALUE}).")
    int quorum;

    @Override
    public Integer call() throws Exception {
      InviteRule rule = switch (whoInvites.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "any" -> InviteRule.ANY_MEMBER;
        case "facilitators" -> InviteRule.FACILITATORS_ONLY;
        default -> throw new IllegalArgumentException(
            "--invite takes `any` or `facilitators`, not '" + whoInvites + "'.");
      };
      if (quorum < 1 || quorum > Rules.MAX_QUORUM) {
        throw new IllegalArgumentException(
            "--removal-quorum is 1 to " + Rules.MAX_QUORUM + ", not " + quorum + ".");
      }
      Rules rules = new Rules(rule, quorum);
      Session session = Session.of(spec);
      return session.withNode(Session.Needs.HOME, node -> {
        CollectiveSummary c = node.collectives().create(name, displayName, rules);
        session.out().printf("Founded %s (id %s). You are its first facilitator.%n",
            TerminalText.line(c.name()),
            c.id().hex().substring(0, 8));
        session.out().printf("Rules: %s may invite; %d facilitator signature%s remove%s a"
                + " member.%n", rule == InviteRule.ANY_MEMBER ? "any member" : "facilitators",
            quorum, quorum == 1 ? "" : "s", quorum == 1 ? "s" : "");
        if (quorum > 1) {
          session.out().printf("Until %d members are facilitators (`tend member grant"
              + " facilitator`), no removal can take effect.%n", quorum);
        }
        session.out().println("Next: `tend invite create` makes a code for someone to join.");
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the collectives this node belongs (or belonged) to.")
  static final class ListAll implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Session session = Session.of(spec);
      return session.withNode(Session.Needs.HOME, node -> {
        List<CollectiveSummary> all = node.collectives().list();
        if (json) {
          session.out().println(Json.render(all.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id().hex());
            m.put("name", c.name());
            m.put("epoch", c.epoch());
            m.put("activeMembers", c.activeMembers());
            m.put("role", c.myRole().name().toLowerCase(java.util.Locale.ROOT));
            m.put("status", c.myStatus().name().toLowerCase(java.util.Locale.ROOT));
            return m;
          }).toList()));
          return ExitCodes.OK;
        }
        if (all.isEmpty()) {
          session.out().println("No collectives yet. Found one with `tend collective create` or"
              + " join one with `tend join CODE`.");
        }
        for (CollectiveSummary c : all) {
          session.out().printf("%-24s %s  %d members  key epoch %d  you: %s%n",
              TerminalText.line(c.name()),
              c.id().hex().substring(0, 8), c.activeMembers(), c.epoch(),
              c.myStatus() == org.tend.node.api.collective.MemberStatus.ACTIVE
                  ? c.myRole().name().toLowerCase(java.util.Locale.ROOT)
                  : c.myStatus().name().toLowerCase(java.util.Locale.ROOT));
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "leave", mixinStandardHelpOptions = true,
      description = {"Leave a collective. The others rotate its keys, so nothing written after"
          + " you leave reaches this node."})
  static final class Leave implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectiveOption which;

    @Override
    public Integer call() throws Exception {
      Session session = Session.of(spec);
      return session.withNode(Session.Needs.NETWORK, node -> {
        CollectiveSummary c = which.resolve(node);
        node.collectives().leave(c.id());
        session.out().printf("You left %s. The members connected now pass it on; its keys will"
            + " rotate, so nothing written from now on reaches this node.%n",
            TerminalText.line(c.name()));
        return ExitCodes.OK;
      });
    }
  }
}
