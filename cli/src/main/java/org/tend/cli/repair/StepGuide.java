package org.tend.cli.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.tend.cli.repair.Prompter.SkipStep;
import org.tend.cli.repair.Prompter.StopHere;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.repair.Need;
import org.tend.node.api.repair.RepairStep;
import org.tend.node.api.repair.SurvivalResponse;

/** The words of each step: what it is for, and the questions it asks. */
final class StepGuide {
  static final List<String> BODY_SIGNALS = List.of("heat or flushing", "clenched jaw or fists",
      "tight chest or throat", "racing heart", "a rush of energy", "going numb or far away",
      "shallow breathing", "knot in the stomach", "shaking", "tears close");
  static final List<String> SETTLING = List.of("slow breathing, longer out than in",
      "feet on the floor, noticing what holds you", "a walk or shaking it out",
      "cold water on hands or face", "naming five things you can see");
  static final List<String> COMING_UP = List.of("gentle movement, stretching",
      "a strong taste or smell", "naming aloud where you are and the date",
      "holding something with texture or weight", "music that moves you");

  private StepGuide() {}

  static String purpose(RepairStep step) {
    return switch (step) {
      case NOTICE -> "Notice what is happening in you, without judging it.";
      case NAME_IT -> "If it is safe, letting the other person know you are activated can"
          + " stop things escalating. If it is not safe, move straight on.";
      case ASK -> "Say what you need right now. Needing space is a request, not a rejection.";
      case STABILISE -> "Help your body back toward steady, whichever way it has tipped.";
      case HONOUR -> "Give the hurt some room. Under anger there is often hurt or grief."
          + " Accepting that it happened is not saying it was fine.";
      case REFLECT -> "Look at the moment with some distance, when you have it.";
      case READINESS -> "Check in with yourself before going back to them.";
      case RE_ENGAGE -> "Only when you both are ready. Prepare for the conversation.";
      case RECONNECT -> "A repair is finished by a moment of warmth, however small.";
    };
  }

  static StepAnswer ask(RepairStep step, Prompter p) throws SkipStep, StopHere {
    return switch (step) {
      case NOTICE -> notice(p);
      case NAME_IT -> nameIt(p);
      case ASK -> needs(p);
      case STABILISE -> stabilise(p);
      case HONOUR -> new StepAnswer(p.text("Write what you feel, as much or as little as you"
          + " like:"), Optional.empty());
      case REFLECT -> reflect(p);
      case READINESS -> readiness(p);
      case RE_ENGAGE -> reEngage(p);
      case RECONNECT -> new StepAnswer(p.text("How did you (or will you) mark coming back"
          + " together?"), Optional.empty());
    };
  }

  private static StepAnswer notice(Prompter p) throws SkipStep, StopHere {
    List<String> signals = p.choose("What do you notice in your body? Numbers or your own"
        + " words, separated by commas:", BODY_SIGNALS);
    String feelings = p.text("Any feelings or other sensations you want to note?");
    List<String> responses = new ArrayList<>();
    for (SurvivalResponse r : SurvivalResponse.values()) {
      responses.add(r.label());
    }
    Optional<SurvivalResponse> response = Optional.empty();
    String picked = p.text("Which survival response feels closest: fight, flight, freeze,"
        + " fawn or other?").toLowerCase(Locale.ROOT);
    String otherResponse = "";
    if (!picked.isEmpty()) {
      response = java.util.Arrays.stream(SurvivalResponse.values())
          .filter(r -> r.label().equals(picked)).findFirst();
      if (response.isEmpty()) {
        response = Optional.of(SurvivalResponse.OTHER);
        otherResponse = picked;
      }
    }
    Optional<Integer> intensity = p.number("How strong is it right now, from 0 (calm) to 10"
        + " (overwhelming)?", 0, 10);
    String involves = p.text("Who or what does this involve? (only you will see this)");
    String text = join(feelings, otherResponse.isEmpty() ? "" : "Response: " + otherResponse);
    if (signals.isEmpty() && response.isEmpty() && intensity.isEmpty() && involves.isEmpty()) {
      return new StepAnswer(text, Optional.empty());
    }
    return new StepAnswer(text, Optional.of(new EntryDetails.Notice(signals, response,
        intensity.map(OptionalInt::of).orElse(OptionalInt.empty()), involves)));
  }

  private static StepAnswer nameIt(Prompter p) throws SkipStep, StopHere {
    String safe = p.text("Can you tell them something in you is activated? (yes, not safe,"
        + " not yet)");
    String words = p.text("If you did or will, what could you say? For example: \"I'm"
        + " activated and need a moment.\"");
    return new StepAnswer(join(safe.isEmpty() ? "" : "Naming it: " + safe, words),
        Optional.empty());
  }

  private static StepAnswer needs(Prompter p) throws SkipStep, StopHere {
    List<String> labels = new ArrayList<>();
    for (Need n : Need.values()) {
      labels.add(n.label());
    }
    List<String> chosen = p.choose("What do you need? Numbers or words, separated by commas:",
        labels);
    List<Need> needs = new ArrayList<>();
    List<String> own = new ArrayList<>();
    for (String c : chosen) {
      Optional<Need> need = java.util.Arrays.stream(Need.values())
          .filter(n -> n.label().equalsIgnoreCase(c)).findFirst();
      if (need.isPresent()) {
        needs.add(need.get());
      } else {
        needs.add(Need.OTHER);
        own.add(c);
      }
    }
    String request = p.text("In your own words, what will you ask for?");
    String when = "";
    String where = "";
    if (needs.contains(Need.SPACE) || needs.contains(Need.SOLITUDE)
        || needs.contains(Need.DISENGAGEMENT)) {
      p.out().println(p.style().dim("   Proposing when to come back together helps the other"
          + " person trust the pause."));
      when = p.text("When could you come back together? (e.g. tomorrow 6pm)");
      where = p.text("Where?");
    }
    String text = join(own.isEmpty() ? "" : "Also: " + String.join(", ", own), request);
    if (needs.isEmpty() && when.isEmpty() && where.isEmpty()) {
      return new StepAnswer(text, Optional.empty());
    }
    return new StepAnswer(text, Optional.of(new EntryDetails.Needs(needs, when, where)));
  }

  private static StepAnswer stabilise(Prompter p) throws SkipStep, StopHere {
    String direction = p.text("Does your system feel revved up (settle) or shut down (come"
        + " up)? Answer settle, come up, or Enter if unsure:").toLowerCase(Locale.ROOT);
    List<String> suggestions = new ArrayList<>();
    if (direction.contains("settle") || direction.contains("rev")) {
      direction = "settle";
      suggestions.addAll(SETTLING);
    } else if (direction.contains("shut") || direction.contains("come")
        || direction.contains("up") || direction.contains("numb")) {
      direction = "come up";
      suggestions.addAll(COMING_UP);
    } else if (direction.startsWith("s")) {
      direction = "settle";
      suggestions.addAll(SETTLING);
    } else {
      direction = "";
      suggestions.addAll(SETTLING);
      suggestions.addAll(COMING_UP);
    }
    p.out().println(p.style().dim("   Some things people find useful; take your time with"
        + " one, then come back."));
    List<String> helped = p.choose("What helped? Numbers or your own words, separated by"
        + " commas:", suggestions);
    String note = p.text("Anything you want to remember about it?");
    if (direction.isEmpty() && helped.isEmpty()) {
      return new StepAnswer(note, Optional.empty());
    }
    return new StepAnswer(note, Optional.of(new EntryDetails.Stabilisation(direction, helped)));
  }

  private static StepAnswer reflect(Prompter p) throws SkipStep, StopHere {
    String[] questions = {
        "What sensations and thoughts came up?",
        "Did the moment echo something older?",
        "What part, if any, might you take responsibility for?",
        "What could each of you do differently?",
        "What will you ask for?"};
    StringBuilder text = new StringBuilder();
    for (String q : questions) {
      String a = p.text(q);
      if (!a.isEmpty()) {
        text.append(text.length() == 0 ? "" : "\n").append(q).append(' ').append(a);
      }
    }
    return new StepAnswer(text.toString(), Optional.empty());
  }

  private static StepAnswer readiness(Prompter p) throws SkipStep, StopHere {
    Optional<Boolean> open = p.yesNo("Do you feel open to hearing them?");
    Optional<Boolean> settled = p.yesNo("Do you feel settled in your body?");
    Optional<Boolean> compassionate = p.yesNo("Can you hold compassion for both of you?");
    if (open.isEmpty() && settled.isEmpty() && compassionate.isEmpty()) {
      return new StepAnswer("", Optional.empty());
    }
    EntryDetails.Readiness r = new EntryDetails.Readiness(open, settled, compassionate);
    p.out().println(r.ready()
        ? "   You sound ready. Go back only when they are ready too."
        : "   Not yet is a fine answer. Waiting is part of repair, not a failure of it.");
    return new StepAnswer("", Optional.of(r));
  }

  private static StepAnswer reEngage(Prompter p) throws SkipStep, StopHere {
    p.out().println(p.style().dim("   Agreements that help: each speaks without interruption;"
        + " listen for the feeling; say back what you heard and check it."));
    String where = p.text("Where would feel neutral to meet?");
    String intention = p.text("What shared intention will you name? (e.g. \"we are here to"
        + " rebuild trust\")");
    String share = p.text("What do you want them to understand, and what did you learn?");
    String commitments = p.text("Any new commitments between you?");
    String open = p.text("Is anything still unresolved?");
    return new StepAnswer(join(label("Where", where), label("Intention", intention),
        label("To share", share), label("Commitments", commitments),
        label("Unresolved", open)), Optional.empty());
  }

  private static String label(String name, String value) {
    return value.isEmpty() ? "" : name + ": " + value;
  }

  private static String join(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (!part.isBlank()) {
        out.append(out.length() == 0 ? "" : "\n").append(part);
      }
    }
    return out.toString();
  }
}
