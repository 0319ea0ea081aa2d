package org.tend.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.cli.JsonReader;

class TerminalTextTest {
  @Test
  void showsClearScreenAndCursorHomeVisibly() {
    assertEquals("a\\e[2J\\e[Hb", TerminalText.line("a\u001b[2J\u001b[Hb"));
    assertEquals("a\\e[2J\\e[Hb", TerminalText.lines("a\u001b[2J\u001b[Hb"));
  }

  @Test
  void showsWindowTitleSequencesVisibly() {
    assertEquals("\\e]0;pwned\\a", TerminalText.line("\u001b]0;pwned\u0007"));
    assertEquals("\\e]2;pwned\\e\\", TerminalText.line("\u001b]2;pwned\u001b\\"));
    assertEquals("\\e]52;c;aGk=\\a", TerminalText.lines("\u001b]52;c;aGk=\u0007"));
  }

  @Test
  void showsEightBitControlsAndDeleteVisibly() {
    assertEquals("\\x9b2J", TerminalText.line("\u009b2J"));
    assertEquals("\\x9d0;t\\x9c", TerminalText.line("\u009d0;t\u009c"));
    assertEquals("\\x85\\x7f", TerminalText.lines("\u0085\u007f"));
  }

  @Test
  void showsBidiOverridesIsolatesAndMarksVisibly() {
    assertEquals("invoice<U+202E>fdp.exe", TerminalText.line("invoice\u202efdp.exe"));
    for (int cp : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
        0x2069, 0x200E, 0x200F, 0x061C}) {
      String hostile = "a" + Character.toString(cp) + "b";
      assertEquals(String.format("a<U+%04X>b", cp), TerminalText.line(hostile));
      assertEquals(String.format("a<U+%04X>b", cp), TerminalText.lines(hostile));
    }
    assertEquals("<U+2067>Ana<U+2069>", TerminalText.line("\u2067Ana\u2069"));
  }

  @Test
  void showsOtherInvisibleCharactersVisibly() {
    assertEquals("A<U+200B>na", TerminalText.line("A\u200bna"));
    assertEquals("<U+FEFF>Ana<U+2060>", TerminalText.line("\ufeffAna\u2060"));
    assertEquals("a<U+2028>b<U+2029>c", TerminalText.lines("a\u2028b\u2029c"));
    assertEquals("a<U+D800>b", TerminalText.line("a\ud800b"));
    assertEquals("a<U+E0041>", TerminalText.line("a" + Character.toString(0xE0041)));
  }

  @Test
  void showsAJoinerThatOnlyHidesADifferenceBetweenNames() {
    assertEquals("A<U+200D>na", TerminalText.line("A\u200dna"));
    assertEquals("Ana<U+200C>", TerminalText.line("Ana\u200c"));
    assertEquals("<U+200D>Ana", TerminalText.line("\u200dAna"));
    assertEquals("Саша<U+200D>", TerminalText.line("Саша\u200d"));
  }

  @Test
  void showsNulBackspaceAndCarriageReturnVisibly() {
    assertEquals("a\\0b", TerminalText.line("a\u0000b"));
    assertEquals("paid\\b\\b\\b\\bunpaid", TerminalText.lines("paid\b\b\b\bunpaid"));
    assertEquals("Meet at 7\\rMeet at 9", TerminalText.lines("Meet at 7\rMeet at 9"));
    assertEquals("Meet at 7\\rMeet at 9", TerminalText.line("Meet at 7\rMeet at 9"));
    assertEquals("one\\x01two\\x1fthree", TerminalText.line("one\u0001two\u001fthree"));
  }

  @Test
  void keepsNewlinesAndTabsInTextOfSeveralLinesOnly() {
    assertEquals("one\n\ttwo", TerminalText.lines("one\n\ttwo"));
    assertEquals("one\\n\\ttwo", TerminalText.line("one\n\ttwo"));
    assertEquals("one\ntwo\n", TerminalText.lines("one\r\ntwo\r\n"));
    assertEquals("one\\r\\ntwo", TerminalText.line("one\r\ntwo"));
    assertEquals("end\\r", TerminalText.lines("end\r"));
  }

  @Test
  void passesTheWritingOfEveryScriptUnchanged() {
    List<String> legitimate = List.of(
        "Zoë, Łukasz and Ñandú meet at the café",
        "抗議は木曜日の午後七時に",
        "集会改到星期四",
        "اجتماع الدائرة يوم الخميس",
        "המעגל עובר ליום חמישי",
        "می‌خواهم", // Persian with its zero-width non-joiner
        "क्‍ष", // Devanagari with a zero-width joiner
        "Ελένη, Саша",
        "See you there 🙂✊🏾",
        "👩‍👩‍👧 🏳️‍🌈 ❤️‍🔥",
        "🏴\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f", // Scotland
        "tabs\tand\nnewlines",
        "C:\\Users\\ana \\e is just text",
        "");
    for (String text : legitimate) {
      assertSame(text, TerminalText.lines(text), text);
    }
    for (String name : List.of("Zoë", "Łukasz", "明美", "مريم", "נועה", "Ana 🌻", "Ελένη")) {
      assertSame(name, TerminalText.line(name), name);
    }
  }

  @Test
  void rendersVeryLongLinesWhole() {
    String longest = "x".repeat(1_000_000);
    assertSame(longest, TerminalText.line(longest));
    String hostile = ("ok \u001b[2J\u202e").repeat(200_000);
    String shown = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> TerminalText.lines(hostile));
    assertEquals(("ok \\e[2J<U+202E>").repeat(200_000), shown);
    assertFalse(shown.chars().anyMatch(c -> c == 0x1b || c == 0x202e));
  }

  @Test
  void jsonEscapesEverythingATerminalWouldActOnAndKeepsTheExactText() {
    String hostile = "Hi \u001b[2J\u001b]0;t\u0007\u009b31m\u007f\u202e\u2066\u200f\u2028 🙂 é";
    String json = Json.render(hostile);
    assertTrue(json.chars().allMatch(c -> c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f)
        && Character.getType(c) != Character.FORMAT
        && Character.getType(c) != Character.LINE_SEPARATOR), json);
    assertTrue(json.contains("\\u001b[2J") && json.contains("\\u009b") && json.contains("\\u202e"),
        json);
    assertEquals(hostile, JsonReader.array(Json.render(List.of(hostile))).get(0));
  }
}
