package org.tend.cli.board;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tend.cli.ExitCodes;
import org.tend.cli.Session;
import org.tend.cli.collective.CollectiveOption;
import org.tend.cli.output.Json;
import org.tend.cli.output.TerminalText;
import org.tend.cli.output.Times;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.replication.Notice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "board", mixinStandardHelpOptions = true,
    description = {"The collective's notice board: short notices every current member can read,"
        + " such as \"circle moves to Thursday 7pm\".",
        "Notices are end-to-end encrypted to the collective; a member removed later cannot"
            + " read what is posted after."},
    subcommands = {BoardCommand.Post.class, BoardCommand.ListAll.class,
        BoardCommand.Retract.class})
public final class BoardCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "post", mixinStandardHelpOptions = true,
      description = {"Post a notice for every current member.",
          "Give the text as arguments, or pipe it in. At most "
              + EventLimits.MAX_NOTICE_CHARS + " characters."})
  static final class Post implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectiveOption which;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The notice.")
    List<String> words;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Session session = Session.of(spec);
      boolean fromInput = words == null || words.isEmpty();
      return session.withNode(Session.Needs.HOME, fromInput, node -> {
        String text = fromInput ? session.standardInput() : String.join(" ", words);
        CollectiveSummary c = which.resolve(node);
        Notice posted = node.replication().board().post(c.id(), text);
        if (json) {
          session.out().println(Json.render(BoardCommand.json(posted)));
          return ExitCodes.OK;
        }
        session.out().printf("Posted notice %s to %s.%n", posted.id().shortHex(),
            TerminalText.line(c.name()));
        session.out().println(reach(node, c));
        return ExitCodes.OK;
      });
    }

    private static String reach(TendNode node, CollectiveSummary c) {
      if (node.listening().isEmpty() && node.collectives().online(c.id()) == 0) {
        return "Your node's network is not running here; the notice goes out when it is"
            + " (`tend up`).";
      }
      int online = node.collectives().online(c.id());
      return online == 0
          ? "No other member is connected right now; it goes out as soon as one is."
          : "It is on its way to the " + online + " member" + (online == 1 ? "" : "s")
              + " connected now, and reaches the others when they connect.";
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show the notices your node holds, oldest first.")
  static final class ListAll implements Callable<Integer> {
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
        List<Notice> notices = node.replication().board().list(c.id());
        if (json) {
          session.out().println(Json.render(notices.stream().map(BoardCommand::json).toList()));
          return ExitCodes.OK;
        }
        if (notices.isEmpty()) {
          session.out().printf("%s: no notices yet. Post one with `tend board post TEXT`.%n",
              TerminalText.line(c.name()));
          return ExitCodes.OK;
        }
        session.out().printf("%s: %d notice%s%n", TerminalText.line(c.name()), notices.size(),
            notices.size() == 1 ? "" : "s");
        for (Notice n : notices) {
          session.out().printf("%n  %s  %s, %s%s%n", n.id().shortHex(),
              TerminalText.line(n.authorName()),
              Times.show(n.postedAt()), n.mine() ? " (you)" : "");
          for (String line : TerminalText.lines(n.text()).split("\n", -1)) {
            session.out().println("    " + line);
          }
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "retract", mixinStandardHelpOptions = true,
      description = {"Take back one of your own notices, named by the start of its id.",
          "Members' nodes drop its text when they hear of it. Someone who already read it"
              + " may remember it."})
  static final class Retract implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectiveOption which;

    @Parameters(index = "0", paramLabel = "ID", description = "The notice's id (or its start).")
    String id;

    @Override
    public Integer call() throws Exception {
      Session session = Session.of(spec);
      return session.withNode(Session.Needs.HOME, node -> {
        CollectiveSummary c = which.resolve(node);
        Notice retracted = node.replication().board().retract(c.id(), id);
        session.out().printf("Retracted notice %s. Members' nodes drop its text as the"
            + " retraction reaches them.%n", retracted.id().shortHex());
        return ExitCodes.OK;
      });
    }
  }

  static Map<String, Object> json(Notice n) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", n.id().hex());
    out.put("author", n.authorName());
    out.put("authorFingerprint", n.author().fingerprint().value());
    out.put("postedAt", n.postedAt().toString());
    out.put("text", n.text());
    out.put("mine", n.mine());
    return out;
  }
}
