package org.tend.cli.collective;

import java.util.Optional;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveException;
import org.tend.node.api.collective.CollectiveSummary;
import picocli.CommandLine.Option;

/** `--collective`, for the commands that act in one collective. */
public final class CollectiveOption {
  @Option(names = "--collective", paramLabel = "NAME|ID",
      description = "Which collective, by its name or the start of its id (needed only when"
          + " this node belongs to more than one).")
  String collective;

  public CollectiveSummary resolve(TendNode node) throws CollectiveException {
    return node.collectives().resolve(Optional.ofNullable(collective));
  }
}
