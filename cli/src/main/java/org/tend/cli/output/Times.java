package org.tend.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How times are shown and how `--since` is read. */
public final class Times {
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private Times() {}

  public static String show(Instant instant) {
    return SHOWN.format(instant.atZone(ZoneId.systemDefault()));
  }

  /** Reads {@code 90d}, {@code 12w}, {@code 36h} or a date such as {@code 2026-09-01}. */
  public static Instant since(String text, Instant now) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.matches("\\d+[hdw]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration unit = switch (t.charAt(t.length() - 1)) {
          case 'h' -> Duration.ofHours(1);
          case 'd' -> Duration.ofDays(1);
          default -> Duration.ofDays(7);
        };
        return now.minus(unit.multipliedBy(n));
      }
      return LocalDate.parse(t).atStartOfDay(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time span like 90d, 12w, 36h"
          + " or a date like 2026-09-01");
    }
  }
}
