package org.tend.cli.output;

/**
 * Text that came from a person (another member's notice or name, a collective's name, the
 * journal, an answer, a resource) made safe to write to a terminal: every character a terminal
 * would act on rather than show is written visibly instead (decision 0044). ESC becomes
 * {@code \e}, CR {@code \r}, other C0 controls, DEL and C1 controls (the 8-bit CSI among them)
 * {@code \xNN}, and bidi overrides, isolates, marks and other invisible format characters
 * {@code <U+202E>}. Letters of every script, accents and emoji pass unchanged. A backslash is
 * left as it is: JSON output is the exact data; this is for reading.
 */
public final class TerminalText {
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;

  private TerminalText() {
  }

  /** One line, such as a name: a newline or tab in it is shown as {@code \n} or {@code \t}. */
  public static String line(String text) {
    return render(text, false);
  }

  /**
   * Text of several lines, such as a notice or an entry: newlines and tabs are kept, and a CR
   * directly before a newline is dropped (it cannot overwrite anything there).
   */
  public static String lines(String text) {
    return render(text, true);
  }

  private static String render(String text, boolean multiLine) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    boolean flagTags = false;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      String shown = shown(text, i, cp, next, multiLine, flagTags);
      flagTags = cp == BLACK_FLAG || (flagTags && isTag(cp) && cp != CANCEL_TAG);
      if (shown != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (shown != null) {
          out.append(shown);
        } else {
          out.appendCodePoint(cp);
        }
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  /** How {@code cp} is shown, or null when it passes as it is. */
  private static String shown(String text, int at, int cp, int next, boolean multiLine,
      boolean flagTags) {
    switch (cp) {
      case '\n':
        return multiLine ? null : "\\n";
      case '\t':
        return multiLine ? null : "\\t";
      case '\r':
        return multiLine && next < text.length() && text.charAt(next) == '\n' ? "" : "\\r";
      case 0x1B:
        return "\\e";
      case 0:
        return "\\0";
      case 0x07:
        return "\\a";
      case '\b':
        return "\\b";
      default:
        break;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      return hex("\\x", cp, 2, "", false);
    }
    if (cp < 0xA0) {
      return null;
    }
    if ((cp == ZWJ || cp == ZWNJ) && joinsWithin(text, at, next)) {
      return null;
    }
    if (isTag(cp) && flagTags) {
      return null;
    }
    int type = Character.getType(cp);
    if (type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
      return hex("<U+", cp, 4, ">", true);
    }
    return null;
  }

  /**
   * Whether a zero-width joiner or non-joiner sits between two characters of a writing that
   * uses it: an emoji sequence, or scripts such as Arabic, Persian or Devanagari. Between Latin,
   * Greek or Cyrillic letters it only hides a difference between two names, so it is shown.
   */
  private static boolean joinsWithin(String text, int at, int next) {
    if (at == 0 || next >= text.length()) {
      return false;
    }
    return joinable(text.codePointBefore(at)) && joinable(text.codePointAt(next));
  }

  private static boolean joinable(int cp) {
    if (cp < 0x80 || Character.isWhitespace(cp) || Character.isISOControl(cp)) {
      return false;
    }
    int type = Character.getType(cp);
    if (type == Character.FORMAT || type == Character.SURROGATE) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.GREEK
        && script != Character.UnicodeScript.CYRILLIC;
  }

  private static String hex(String before, int cp, int digits, String after, boolean upper) {
    String hex = Integer.toHexString(cp);
    StringBuilder out = new StringBuilder(before);
    for (int i = hex.length(); i < digits; i++) {
      out.append('0');
    }
    return out.append(upper ? hex.toUpperCase(java.util.Locale.ROOT) : hex).append(after)
        .toString();
  }

  /** Tag characters spell a region after a black flag (the Scottish flag, say). */
  private static boolean isTag(int cp) {
    return cp >= 0xE0020 && cp <= CANCEL_TAG;
  }
}
