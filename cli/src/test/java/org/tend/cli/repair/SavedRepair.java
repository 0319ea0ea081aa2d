package org.tend.cli.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tend.cli.CliResult;
import org.tend.cli.JsonReader;
import org.tend.cli.TestHome;

/** A repair and its saved steps as `repair show --json` reports them. */
record SavedRepair(Map<String, Object> shown) {
  private static final Pattern BEGUN = Pattern.compile("Repair ([0-9a-f]{8}) begun\\.");

  /** The short id from the wizard's "Repair 1a2b3c4d begun." line. */
  static String idBegunIn(String output) {
    Matcher m = BEGUN.matcher(output);
    if (!m.find()) {
      fail("no 'Repair ... begun.' line in:\n" + output);
    }
    return m.group(1);
  }

  /** Reads the repair with `repair show ID --json`, which also carries its listing fields. */
  static SavedRepair read(TestHome home, String shortId) {
    CliResult show = home.tend("repair", "show", shortId, "--json");
    assertEquals(0, show.exitCode(), show::toString);
    return new SavedRepair(JsonReader.object(show.out()));
  }

  /** The repair as `repair list --json` lists it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> listed(TestHome home, String shortId) {
    CliResult list = home.tend("repair", "list", "--json");
    assertEquals(0, list.exitCode(), list::toString);
    for (Object item : JsonReader.array(list.out())) {
      Map<String, Object> repair = (Map<String, Object>) item;
      if (((String) repair.get("id")).startsWith(shortId)) {
        return repair;
      }
    }
    return fail("repair " + shortId + " is not listed: " + list.out());
  }

  String title() {
    return (String) shown.get("title");
  }

  String status() {
    return (String) shown.get("status");
  }

  /** The next step's name, such as {@code ask}; null once every step was offered. */
  String nextStep() {
    return (String) shown.get("nextStep");
  }

  Object closedAt() {
    return shown.get("closedAt");
  }

  /** Saved entries by step name ({@code notice}, {@code name-it}, ...). */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> steps() {
    Map<String, Map<String, Object>> byStep = new LinkedHashMap<>();
    for (Object item : (List<Object>) shown.get("steps")) {
      Map<String, Object> entry = (Map<String, Object>) item;
      Object previous = byStep.put((String) entry.get("step"), entry);
      if (previous != null) {
        fail("step " + entry.get("step") + " was saved twice: " + shown);
      }
    }
    return byStep;
  }

  @SuppressWarnings("unchecked")
  List<String> details(String step) {
    return (List<String>) entry(step).get("details");
  }

  String text(String step) {
    return (String) entry(step).get("text");
  }

  String kind(String step) {
    return (String) entry(step).get("kind");
  }

  private Map<String, Object> entry(String step) {
    Map<String, Object> entry = steps().get(step);
    if (entry == null) {
      fail("nothing saved for step " + step + ": " + shown);
    }
    return entry;
  }
}
