package org.tend.node.api.resources;

import java.time.Instant;
import java.util.Objects;

/** A crisis line, advocate or therapist the member wants in front of them when things are hard. */
public record CrisisResource(String id, String name, String contact, String note, Instant addedAt) {
  public static final int MAX_FIELD_CHARS = 500;

  public CrisisResource {
    Objects.requireNonNull(id, "id");
    requireText("name", name);
    requireText("contact", contact);
    Objects.requireNonNull(note, "note");
    if (note.length() > MAX_FIELD_CHARS) {
      throw new IllegalArgumentException("a note holds at most " + MAX_FIELD_CHARS + " characters");
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a resource needs a " + field);
    }
    if (value.length() > MAX_FIELD_CHARS) {
      throw new IllegalArgumentException(
          "a resource's " + field + " holds at most " + MAX_FIELD_CHARS + " characters");
    }
  }
}
