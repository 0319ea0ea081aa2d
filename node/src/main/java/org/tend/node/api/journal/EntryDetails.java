package org.tend.node.api.journal;

import java.util.List;
import java.util.OptionalInt;
import org.tend.node.api.repair.Need;
import org.tend.node.api.repair.SurvivalResponse;

/** Structured answers some repair steps record beside the free text. */
public sealed interface EntryDetails {

  /** What the member noticed: body signals, the survival response, intensity, who it involves. */
  record Notice(List<String> bodySignals, java.util.Optional<SurvivalResponse> response,
      OptionalInt intensity, String involves) implements EntryDetails {
    public Notice {
      bodySignals = List.copyOf(bodySignals);
      if (intensity.isPresent() && (intensity.getAsInt() < 0 || intensity.getAsInt() > 10)) {
        throw new IllegalArgumentException("intensity must be 0 to 10");
      }
    }
  }

  /** What the member asked for, and when and where to come back together. */
  record Needs(List<Need> needs, String reconveneWhen, String reconveneWhere)
      implements EntryDetails {
    public Needs {
      needs = List.copyOf(needs);
    }
  }

  /** How the member steadied themself, and what helped. */
  record Stabilisation(String direction, List<String> helped) implements EntryDetails {
    public Stabilisation {
      helped = List.copyOf(helped);
    }
  }

  /** The readiness self-check before re-engaging; an answer is empty when it was skipped. */
  record Readiness(java.util.Optional<Boolean> open, java.util.Optional<Boolean> settled,
      java.util.Optional<Boolean> compassionate) implements EntryDetails {
    public Readiness(boolean open, boolean settled, boolean compassionate) {
      this(java.util.Optional.of(open), java.util.Optional.of(settled),
          java.util.Optional.of(compassionate));
    }

    /** Ready only when every question was answered yes. */
    public boolean ready() {
      return open.orElse(false) && settled.orElse(false) && compassionate.orElse(false);
    }
  }
}
