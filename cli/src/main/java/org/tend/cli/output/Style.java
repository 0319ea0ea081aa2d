package org.tend.cli.output;

/**
 * Terminal styling. Colour only on a terminal and never when {@code NO_COLOR} is set
 * (https://no-color.org).
 */
public final class Style {
  private final boolean colour;

  private Style(boolean colour) {
    this.colour = colour;
  }

  public static Style detect() {
    String noColor = System.getenv("NO_COLOR");
    boolean terminal = System.console() != null;
    return new Style(terminal && (noColor == null || noColor.isEmpty()));
  }

  public static Style plain() {
    return new Style(false);
  }

  public String bold(String text) {
    return wrap("1", text);
  }

  public String dim(String text) {
    return wrap("2", text);
  }

  public String accent(String text) {
    return wrap("36", text);
  }

  public String warn(String text) {
    return wrap("33", text);
  }

  private String wrap(String code, String text) {
    return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
