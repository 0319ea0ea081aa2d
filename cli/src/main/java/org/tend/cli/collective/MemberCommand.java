package org.tend.cli.collective;

import java.util.List;
import java.util.concurrent.Callable;
import org.tend.cli.ExitCodes;
import org.tend.cli.Session;
import org.tend.cli.output.TerminalText;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.GrantOutcome;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.RemovalOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "member", mixinStandardHelpOptions = true,
    description = "Make a member a facilitator, sign a member's removal, or resolve a fork.",
    subcommands = {MemberCommand.Grant.class, MemberCommand.Remove.class,
        MemberCommand.ResolveFork.class})
public final class MemberCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "resolve-fork", mixinStandardHelpOptions = true,
      description = {"Resolve a forked log (facilitators only): `tend status` shows a fork when a"
          + " member's key signed two different histories, and nothing more of theirs is taken"
          + " in meanwhile.",
          "Every member's node then drops what that member wrote from the fork on, on both"
              + " sides, and takes in what they write from now. Talk with them first: a copied"
              + " device is the usual cause; a stolen key calls for removal instead."})
  static final class ResolveFork implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectiveOption which;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "FINGERPRINT",
        description = "The member's fingerprint, or enough of its start to name one.")
    List<String> fingerprint;

    @Override
    public Integer call() throws Exception {
      Session session = Session.of(spec);
      return session.withNode(Session.Needs.HOME, node -> {
        CollectiveSummary c = which.resolve(node);
        var fork = node.replication().forks().resolve(c.id(), String.join("", fingerprint));
        session.out().printf("Resolved the fork in %s's log at event %d. Their events from there"
                + " are dropped on every member's node as this reaches it; what they write from"
                + " now is taken in again.%n", fork.author().fingerprint().value(),
            fork.sequence());
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = {"Sign making a member a facilitator (facilitators only). Like a removal,"
          + " it takes effect when as many facilitators as the collective's rules require have"
          + " signed. Example: `tend member grant facilitator ABCD EFGH`."})
  static final class Grant implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectiveOption which;

    @Parameters(index = "0", paramLabel = "ROLE", description = "The role: facilitator.")
    String role;

    @Parameters(index = "1..*", paramLabel = "FINGERPRINT",
        description = "The member's fingerprint, or enough of its start to name one member.")
    List<String> fingerprint;

    @Override
    public Integer call() throws Exception {
      if (!role.equalsIgnoreCase("facilitator")) {
        throw new IllegalArgumentException("The only role to grant is `facilitator`.");
      }
      Session session = Session.of(spec);
      return session.withNode(Session.Needs.HOME, node -> {
        CollectiveSummary c = which.resolve(node);
        Member member = node.collectives().member(c.id(), String.join("", fingerprint));
        GrantOutcome outcome = node.collectives().grantFacilitator(c.id(), member.key());
        Member after = outcome.member();
        String name = TerminalText.line(after.displayName());
        String collective = TerminalText.line(c.name());
        if (outcome.inEffect()) {
          session.out().printf("%s (%s) is now a facilitator of %s.%n", name,
              after.fingerprint().value(), collective);
        } else {
          session.out().printf("You signed making %s (%s) a facilitator of %s: %d of %d"
              + " facilitator signatures. It takes effect when enough facilitators have signed"
              + " (each runs this same command).%n", name,
              after.fingerprint().value(), collective, outcome.approvals(), outcome.needed());
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = {"Sign a member's removal (facilitators only). It takes effect when as many"
          + " facilitators as the collective's rules require have signed; then the keys"
          + " rotate, the removed node is cut off, and it reads nothing written afterwards."})
  static final class Remove implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectiveOption which;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "FINGERPRINT",
        description = "The member's fingerprint, or enough of its start to name one member.")
    List<String> fingerprint;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why, in a sentence (up to 500 characters). Every member's node keeps"
            + " it with the removal, the removed member's too.")
    String reason;

    @Override
    public Integer call() throws Exception {
      Session session = Session.of(spec);
      return session.withNode(Session.Needs.HOME, node -> {
        CollectiveSummary c = which.resolve(node);
        Member member = node.collectives().member(c.id(), String.join("", fingerprint));
        RemovalOutcome outcome = node.collectives().remove(c.id(), member.key(), reason);
        if (outcome.inEffect()) {
          session.out().printf("%s is removed from %s. The keys have been rotated; their node"
              + " is refused from now on.%n", TerminalText.line(member.displayName()),
              TerminalText.line(c.name()));
        } else {
          session.out().printf("You signed the removal of %s: %d of %d facilitator signatures."
              + " It takes effect when enough facilitators have signed.%n",
              TerminalText.line(member.displayName()), outcome.approvals(), outcome.needed());
        }
        return ExitCodes.OK;
      });
    }
  }
}
