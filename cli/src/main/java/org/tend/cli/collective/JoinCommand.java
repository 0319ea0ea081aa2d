package org.tend.cli.collective;

import java.util.concurrent.Callable;
import org.tend.cli.ExitCodes;
import org.tend.cli.Session;
import org.tend.cli.output.TerminalText;
import org.tend.node.api.collective.CollectiveSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "join", mixinStandardHelpOptions = true,
    description = {"Join a collective with the invite code someone gave you.",
        "Your node reaches theirs (both must be running), proves it holds the invite, and"
            + " receives the collective's members and keys."})
public final class JoinCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CODE", description = "The invite code (TEND-...).")
  String code;

  @Option(names = "--name", required = true, paramLabel = "DISPLAY_NAME",
      description = "How the others will see you.")
  String displayName;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    return session.withNode(Session.Needs.NETWORK, node -> {
      CollectiveSummary c = node.collectives().join(code, displayName);
      session.out().printf("You joined %s as %s. It has %d members.%n",
          TerminalText.line(c.name()), TerminalText.line(displayName.strip()),
          c.activeMembers());
      session.out().println("When you next meet, compare fingerprints with the person who"
          + " invited you (`tend members`). Yours: " + node.fingerprint().value());
      return ExitCodes.OK;
    });
  }
}
