package org.tend.cli.repair;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.util.List;
import org.tend.cli.output.Style;
import org.tend.node.api.home.TendException;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.Repairs;

/** Walks a repair with answers given in advance, echoing them as a transcript (the demo). */
public final class ScriptedRepair {
  private ScriptedRepair() {}

  public static void walk(Repairs repairs, Repair repair, List<String> answers, PrintWriter out,
      Style style) throws TendException {
    BufferedReader in = new BufferedReader(new StringReader(String.join("\n", answers) + "\n"));
    new RepairWizard(repairs, new Prompter(in, out, style, true)).walk(repair);
  }
}
