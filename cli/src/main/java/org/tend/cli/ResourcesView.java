package org.tend.cli;

import java.io.PrintWriter;
import java.util.List;
import org.tend.cli.output.Style;
import org.tend.cli.output.TerminalText;
import org.tend.node.api.resources.CrisisResource;

/** The crisis resources block, shown wherever Tend invites the member to write about hard things. */
public final class ResourcesView {
  private ResourcesView() {}

  /** The block shown before anything that invites disclosure. */
  public static void print(PrintWriter out, Style style, List<CrisisResource> resources) {
    if (resources.isEmpty()) {
      out.println(style.warn("You have no crisis resources yet. Add a local crisis line with"));
      out.println(style.warn("  tend resources add --name \"...\" --contact \"...\""));
      out.println(style.warn("Tend is not a crisis service."));
      return;
    }
    out.println(style.bold("If it gets to be too much, you can reach:"));
    for (CrisisResource r : resources) {
      out.println("  " + r.id().substring(0, 8) + "  " + TerminalText.line(r.name()) + ": "
          + TerminalText.line(r.contact())
          + (r.note().isEmpty() ? "" : style.dim("  (" + TerminalText.line(r.note()) + ")")));
    }
  }
}
