package org.tend.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tend.cli.output.Json;
import org.tend.cli.output.TerminalText;
import org.tend.node.TendNode;
import org.tend.node.api.resources.CrisisResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resources", mixinStandardHelpOptions = true,
    description = {"Your crisis resources: lines, advocates, therapists to reach when it is"
        + " too much. Tend shows them wherever it invites you to write about hard things."})
final class ResourcesCommand {
  @Spec
  CommandSpec spec;

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a resource.")
  int add(@Option(names = "--name", required = true, description = "Who or what, e.g. a local crisis line.") String name,
      @Option(names = "--contact", required = true, description = "Phone number, address or link.") String contact,
      @Option(names = "--note", defaultValue = "", description = "When to use it, hours, languages.") String note)
      throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      CrisisResource added = node.resources().add(name, contact, note);
      session.out().println("Added " + TerminalText.line(added.name()) + " ("
          + added.id().substring(0, 8) + ").");
    }
    return ExitCodes.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List your resources.")
  int list(@Option(names = "--json", description = "Print JSON for scripts.") boolean json)
      throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      List<CrisisResource> resources = node.resources().list();
      if (json) {
        List<Object> out = new ArrayList<>();
        for (CrisisResource r : resources) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("id", r.id());
          item.put("name", r.name());
          item.put("contact", r.contact());
          item.put("note", r.note());
          out.add(item);
        }
        session.out().println(Json.render(out));
        return ExitCodes.OK;
      }
      ResourcesView.print(session.out(), session.style(), resources);
    }
    return ExitCodes.OK;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a resource.")
  int remove(@Parameters(paramLabel = "ID", description = "The id shown by `resources list`.") String id)
      throws Exception {
    Session session = Session.of(spec);
    try (TendNode node = session.open()) {
      CrisisResource removed = node.resources().remove(id);
      session.out().println("Removed " + TerminalText.line(removed.name()) + ".");
    }
    return ExitCodes.OK;
  }
}
