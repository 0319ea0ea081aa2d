package org.tend.cli.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tend.cli.Confirmation;
import org.tend.cli.ExitCodes;
import org.tend.cli.ResourcesView;
import org.tend.cli.Session;
import org.tend.cli.output.Json;
import org.tend.cli.output.TerminalText;
import org.tend.cli.output.Times;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDraft;
import org.tend.node.api.journal.EntryHistory;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.EntryKind;
import org.tend.node.api.journal.Listing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "journal", mixinStandardHelpOptions = true,
    description = {"Your private journal. Entries never change: amending adds a revision.",
        "Kinds: check-in, rupture, need, stabilisation, honouring, reflection, re-engagement,"
            + " reconnection, pattern-note, note."})
public final class JournalCommand {
  @Spec
  CommandSpec spec;

  @Command(name = "write", mixinStandardHelpOptions = true,
      description = "Write an entry; without --text, the text is read from standard input.")
  int write(@Option(names = "--kind", defaultValue = "note", paramLabel = "KIND",
          description = "Kind of entry (default: ${DEFAULT-VALUE}).") String kind,
      @Option(names = "--text", paramLabel = "TEXT") String text) throws Exception {
    Session session = Session.of(spec);
    EntryKind parsed = EntryKind.parse(kind).orElseThrow(() -> new IllegalArgumentException(
        "'" + TerminalText.line(kind)
            + "' is not an entry kind; `tend journal --help` lists them"));
    return session.withNode(Session.Needs.PRIVATE, text == null, node -> {
      String body = text;
      if (body == null) {
        if (System.console() != null && !session.insideNode()) {
          ResourcesView.print(session.out(), session.style(), node.resources().list());
        }
        body = session.standardInput();
      }
      if (body.isBlank()) {
        throw new IllegalArgumentException("the entry is empty; nothing was saved");
      }
      Entry entry = node.journal().write(EntryDraft.of(parsed, body));
      session.out().println("Saved " + entry.kind().label() + " " + entry.id().shortForm() + ".");
      return ExitCodes.OK;
    });
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List entries, newest first (latest revision of each).")
  int list(@Option(names = "--kind", paramLabel = "KIND") String kind,
      @Option(names = "--since", paramLabel = "SPAN", description = "e.g. 30d, 8w or 2026-09-01")
          String since,
      @Option(names = "--json", description = "Print JSON for scripts.") boolean json)
      throws Exception {
    Session session = Session.of(spec);
    Optional<EntryKind> kindFilter = kind == null ? Optional.empty()
        : Optional.of(EntryKind.parse(kind).orElseThrow(
            () -> new IllegalArgumentException("'" + TerminalText.line(kind)
                + "' is not an entry kind")));
    Optional<Instant> from = since == null ? Optional.empty()
        : Optional.of(Times.since(since, Instant.now()));
    return session.withNode(Session.Needs.PRIVATE, node -> {
      print(session, node.journal().list(kindFilter, from), json);
      return ExitCodes.OK;
    });
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show an entry's latest revision and its history.")
  int show(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--json", description = "Print JSON for scripts.") boolean json)
      throws Exception {
    Session session = Session.of(spec);
    return session.withNode(Session.Needs.PRIVATE, node -> {
      EntryHistory history = node.journal().show(node.journal().resolve(id));
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("latest", EntryView.toJson(history.latest()));
        out.put("earlier", history.earlier().stream().map(EntryView::toJson).toList());
        session.out().println(Json.render(out));
        return ExitCodes.OK;
      }
      EntryView.printEntry(session.out(), session.style(), history.latest());
      if (!history.earlier().isEmpty()) {
        session.out().println();
        session.out().println(session.style().dim("Earlier revisions, newest first:"));
        for (int i = history.earlier().size() - 1; i >= 0; i--) {
          Entry e = history.earlier().get(i);
          session.out().println(session.style().dim("— " + Times.show(e.createdAt()) + " "
              + e.id().shortForm()));
          session.out().println(TerminalText.lines(e.text()));
        }
      }
      return ExitCodes.OK;
    });
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Find entries containing every word given (decrypted in memory only).")
  int search(@Parameters(paramLabel = "WORDS", arity = "1..*") String[] words,
      @Option(names = "--json", description = "Print JSON for scripts.") boolean json)
      throws Exception {
    Session session = Session.of(spec);
    return session.withNode(Session.Needs.PRIVATE, node -> {
      print(session, node.journal().search(String.join(" ", words)), json);
      return ExitCodes.OK;
    });
  }

  @Command(name = "amend", mixinStandardHelpOptions = true,
      description = "Add a revision with new text; without --text, read from standard input.")
  int amend(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--text", paramLabel = "TEXT") String text) throws Exception {
    Session session = Session.of(spec);
    return session.withNode(Session.Needs.PRIVATE, text == null, node -> {
      String body = text != null ? text : session.standardInput();
      if (body.isBlank()) {
        throw new IllegalArgumentException("the new text is empty; nothing was saved");
      }
      EntryId resolved = node.journal().resolve(id);
      Entry amended = node.journal().amend(resolved, body);
      session.out().println("Saved revision " + amended.id().shortForm() + " of "
          + amended.chain().shortForm() + ".");
      return ExitCodes.OK;
    });
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = {"Delete an entry with all its revisions, for good: the store is compacted"
          + " so nothing that could recover it stays on disk."})
  int delete(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--yes", description = "Delete without asking (for scripts).") boolean yes)
      throws Exception {
    Session session = Session.of(spec);
    // Asked where the member is: a running node runs the command line after this answer.
    if (!session.insideNode() && !Confirmation.given(spec.subcommands().get("delete")
        .getCommandSpec(), yes, "Delete entry " + TerminalText.line(id) + " and all its"
        + " revisions for good? Nothing can bring it back.")) {
      session.out().println("Nothing was deleted.");
      return ExitCodes.OK;
    }
    return session.withNode(Session.Needs.PRIVATE, node -> {
      EntryId resolved = node.journal().resolve(id);
      node.journal().delete(resolved);
      session.out().println("Deleted " + resolved.shortForm() + " and its revisions.");
      return ExitCodes.OK;
    });
  }

  private static void print(Session session, Listing listing, boolean json) {
    if (json) {
      session.out().println(Json.render(EntryView.toJson(listing)));
    } else {
      EntryView.printListing(session.out(), session.style(), listing);
    }
  }
}
