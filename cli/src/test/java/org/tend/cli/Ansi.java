package org.tend.cli;

import java.util.regex.Pattern;

/** Removes what a terminal would interpret rather than show. */
public final class Ansi {
  public static final char ESC = '\u001b';
  private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]|\r");

  private Ansi() {}

  public static String strip(String text) {
    return ESCAPES.matcher(text).replaceAll("");
  }
}
