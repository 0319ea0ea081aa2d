package org.tend.cli.collective;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tend.node.api.collective.Member;
import org.tend.node.api.collective.MemberStatus;
import org.tend.node.api.collective.Role;

/** How the collective commands write roles, dates and durations, and read durations. */
final class CollectiveText {
  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final Pattern SHORT = Pattern.compile("(\\d{1,5})([mhd])");

  private CollectiveText() {
  }

  static String standing(Member member) {
    if (member.status() != MemberStatus.ACTIVE) {
      return member.status().name().toLowerCase(Locale.ROOT);
    }
    return member.role() == Role.FACILITATOR ? "facilitator" : "member";
  }

  /**
   * Reads {@code 30m}, {@code 24h}, {@code 7d} or an ISO-8601 duration such as {@code PT2H}.
   *
   * @throws IllegalArgumentException with a message saying what is expected
   */
  static Duration duration(String text) {
    Matcher m = SHORT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("A duration looks like 30m, 24h or 7d, not '" + text + "'.");
    }
  }
}
