package org.tend.cli.repair;

import java.util.ArrayList;
import java.util.List;

/**
 * One answer per question of each step, in the order {@code StepGuide} asks them, for a member
 * who needs space (so step 3 also asks when and where to come back together).
 */
final class RepairAnswers {
  static final List<String> NOTICE = List.of(
      "1, 3, jittery hands",           // body signals: two from the list and one of my own
      "embarrassed",                    // feelings
      "freeze",                         // survival response
      "7",                              // intensity
      "Sam");                           // who or what it involves
  static final List<String> NAME_IT = List.of(
      "not yet",                        // safe to name it?
      "I need a moment.");              // what I could say
  static final List<String> ASK = List.of(
      "1, 5",                           // needs: space, assurance
      "An hour apart",                  // the request
      "tomorrow 6pm",                   // when (asked because space was chosen)
      "the community garden");          // where
  static final List<String> STABILISE = List.of(
      "settle",                         // direction
      "1, 3",                           // what helped, from the settling list
      "Breathing out slowly");          // note
  static final List<String> HONOUR = List.of(
      "It stung to be talked over.");
  static final List<String> REFLECT = List.of(
      "Heat in my face",
      "School dinners",
      "I went silent",
      "I can say it sooner",
      "A signal we both use");
  static final List<String> READINESS = List.of("yes", "yes", "yes");
  static final List<String> RE_ENGAGE = List.of(
      "the park bench",
      "we are here to rebuild trust",
      "that I felt unheard",
      "a hand signal",
      "nothing");
  static final List<String> RECONNECT = List.of(
      "We shared a pot of tea.");
  /** The question after the last step. */
  static final String CLOSE_AS_REPAIRED = "repaired";

  /** The step titles as the wizard shows them, in order. */
  static final List<String> HEADINGS = List.of(
      "Step 1 of 9 · Notice",
      "Step 2 of 9 · Name it",
      "Step 3 of 9 · Ask for what you need",
      "Step 4 of 9 · Stabilise",
      "Step 5 of 9 · Honour the pain",
      "Step 6 of 9 · Reflect",
      "Step 7 of 9 · Readiness check",
      "Step 8 of 9 · Re-engage with care",
      "Step 9 of 9 · Reconnect");

  private RepairAnswers() {}

  /** Every step from step {@code from} (1-based) to the end, then closing as repaired. */
  static List<String> fromStep(int from) {
    List<List<String>> steps = List.of(NOTICE, NAME_IT, ASK, STABILISE, HONOUR, REFLECT,
        READINESS, RE_ENGAGE, RECONNECT);
    List<String> all = new ArrayList<>();
    for (int i = from - 1; i < steps.size(); i++) {
      all.addAll(steps.get(i));
    }
    all.add(CLOSE_AS_REPAIRED);
    return all;
  }

  static List<String> all() {
    return fromStep(1);
  }

  @SafeVarargs
  static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
