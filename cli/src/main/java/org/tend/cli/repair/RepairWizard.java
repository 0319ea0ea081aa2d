package org.tend.cli.repair;

import java.util.Locale;
import java.util.Optional;
import org.tend.cli.repair.Prompter.SkipStep;
import org.tend.cli.repair.Prompter.StopHere;
import org.tend.node.api.home.TendException;
import org.tend.node.api.repair.Repair;
import org.tend.node.api.repair.RepairStatus;
import org.tend.node.api.repair.RepairStep;
import org.tend.node.api.repair.Repairs;

/**
 * Walks a repair from its next step to the end, saving each answered step as it goes, so
 * stopping at any point loses nothing already answered.
 */
final class RepairWizard {
  private final Repairs repairs;
  private final Prompter prompter;

  RepairWizard(Repairs repairs, Prompter prompter) {
    this.repairs = repairs;
    this.prompter = prompter;
  }

  void walk(Repair repair) throws TendException {
    var out = prompter.out();
    var style = prompter.style();
    out.println(style.dim("Enter skips a question · 'skip' skips a step · 'stop' pauses;"
        + " you can continue later."));
    Optional<RepairStep> step = repair.nextStep();
    while (step.isPresent()) {
      RepairStep current = step.get();
      out.println();
      out.println(style.bold("Step " + current.number() + " of " + RepairStep.values().length
          + " · " + current.title()));
      out.println(StepGuide.purpose(current));
      try {
        StepAnswer answer = StepGuide.ask(current, prompter);
        if (answer.isEmpty()) {
          repairs.skip(repair.id(), current);
          out.println(style.dim("   Nothing saved for this step."));
        } else {
          repairs.answer(repair.id(), current, answer.text(), answer.details());
          out.println(style.dim("   Saved."));
        }
      } catch (SkipStep e) {
        repairs.skip(repair.id(), current);
        out.println(style.dim("   Skipped."));
      } catch (StopHere e) {
        out.println("Paused at step " + current.number() + ". Finished steps are saved; this"
            + " step starts afresh when you continue.");
        out.println("Continue any time with: tend repair continue " + repair.id().shortForm());
        return;
      }
      step = current.next();
    }
    offerClose(repair);
  }

  private void offerClose(Repair repair) throws TendException {
    var out = prompter.out();
    out.println();
    out.println(prompter.style().bold("You have walked every step."));
    String answer;
    try {
      answer = prompter.text("Close this repair as repaired, not now, or let go? (Enter leaves"
          + " it open)").toLowerCase(Locale.ROOT);
    } catch (SkipStep | StopHere e) {
      answer = "";
    }
    Optional<RepairStatus> outcome = switch (answer.replace('-', ' ')) {
      case "repaired" -> Optional.of(RepairStatus.REPAIRED);
      case "not now" -> Optional.of(RepairStatus.NOT_NOW);
      case "let go" -> Optional.of(RepairStatus.LET_GO);
      default -> Optional.empty();
    };
    if (outcome.isPresent()) {
      repairs.close(repair.id(), outcome.get());
      out.println("Closed as " + outcome.get().label() + ".");
    } else {
      out.println("Left open. Close it later with: tend repair close "
          + repair.id().shortForm() + " --as repaired|not-now|let-go");
    }
  }
}
