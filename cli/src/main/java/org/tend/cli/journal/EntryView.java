package org.tend.cli.journal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tend.cli.output.Style;
import org.tend.cli.output.TerminalText;
import org.tend.cli.output.Times;
import org.tend.node.api.journal.Entry;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.journal.EntryId;
import org.tend.node.api.journal.Listing;
import org.tend.node.api.repair.Need;

/** How entries are printed for people and rendered for scripts. */
public final class EntryView {
  private EntryView() {}

  public static void printListing(PrintWriter out, Style style, Listing listing) {
    if (listing.entries().isEmpty()) {
      out.println(style.dim("No entries."));
    }
    for (Entry e : listing.entries()) {
      String firstLine = firstLine(e.text());
      out.printf("%s  %s  %-14s %s%n", style.accent(e.id().shortForm()),
          Times.show(e.createdAt()), e.kind().label(), TerminalText.line(firstLine));
    }
    printUnreadable(out, style, listing.unreadable());
  }

  /** The first line, cut to 60 characters without splitting one. */
  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end > 0 && text.charAt(end - 1) == '\r'
        ? end - 1 : end);
    if (first.codePointCount(0, first.length()) > 60) {
      first = first.substring(0, first.offsetByCodePoints(0, 59)) + "…";
    }
    return first;
  }

  public static void printUnreadable(PrintWriter out, Style style, List<EntryId> unreadable) {
    for (EntryId id : unreadable) {
      out.println(style.warn("! entry " + id.shortForm() + " is damaged and could not be read;"
          + " the others are fine."));
    }
  }

  public static void printEntry(PrintWriter out, Style style, Entry e) {
    out.println(style.bold(e.kind().label()) + "  " + Times.show(e.createdAt()) + "  "
        + style.dim(e.id().shortForm()));
    e.repair().ifPresent(link -> out.println(style.dim("repair " + link.repair().shortForm()
        + ", step " + link.step().number() + ": " + link.step().title())));
    e.details().ifPresent(d -> details(d)
        .forEach(line -> out.println("  " + TerminalText.line(line))));
    if (!e.text().isEmpty()) {
      out.println(TerminalText.lines(e.text()));
    }
  }

  public static List<String> details(EntryDetails details) {
    List<String> lines = new ArrayList<>();
    if (details instanceof EntryDetails.Notice n) {
      if (!n.bodySignals().isEmpty()) {
        lines.add("body: " + String.join(", ", n.bodySignals()));
      }
      n.response().ifPresent(r -> lines.add("response: " + r.label()));
      n.intensity().ifPresent(i -> lines.add("intensity: " + i + "/10"));
      if (!n.involves().isEmpty()) {
        lines.add("involves: " + n.involves());
      }
    } else if (details instanceof EntryDetails.Needs n) {
      if (!n.needs().isEmpty()) {
        lines.add("needs: " + n.needs().stream().map(Need::label).collect(Collectors.joining(", ")));
      }
      if (!n.reconveneWhen().isEmpty() || !n.reconveneWhere().isEmpty()) {
        lines.add("come back together: " + n.reconveneWhen()
            + (n.reconveneWhere().isEmpty() ? "" : " at " + n.reconveneWhere()));
      }
    } else if (details instanceof EntryDetails.Stabilisation s) {
      if (!s.direction().isEmpty()) {
        lines.add("direction: " + s.direction());
      }
      if (!s.helped().isEmpty()) {
        lines.add("helped: " + String.join(", ", s.helped()));
      }
    } else if (details instanceof EntryDetails.Readiness r) {
      lines.add("open: " + answer(r.open()) + ", settled: " + answer(r.settled())
          + ", compassionate: " + answer(r.compassionate()));
    }
    return lines;
  }

  public static Map<String, Object> toJson(Entry e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", e.id().hex());
    out.put("kind", e.kind().label());
    out.put("createdAt", e.createdAt().toString());
    out.put("text", e.text());
    out.put("revises", e.revises().map(EntryId::hex).orElse(null));
    out.put("repair", e.repair().map(l -> l.repair().hex()).orElse(null));
    out.put("step", e.repair().map(l -> l.step().name().toLowerCase().replace('_', '-')).orElse(null));
    out.put("details", e.details().map(EntryView::details).orElse(List.of()));
    return out;
  }

  public static Map<String, Object> toJson(Listing listing) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", listing.entries().stream().map(EntryView::toJson).toList());
    out.put("unreadable", listing.unreadable().stream().map(EntryId::hex).toList());
    return out;
  }

  private static String answer(java.util.Optional<Boolean> b) {
    return b.map(yes -> yes ? "yes" : "not yet").orElse("skipped");
  }
}
