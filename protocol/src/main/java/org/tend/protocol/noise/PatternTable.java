package org.tend.protocol.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-way, fundamental and deferred handshake patterns of the Noise specification
 * (revision 34, sections 7.4, 7.5 and 18), written as the specification writes them: the lines
 * before {@code ...} are pre-messages, {@code ->} is the initiator and {@code <-} the responder.
 */
final class PatternTable {

  private static final Map<String, HandshakePattern> PATTERNS = new TreeMap<>();

  static {
    define("N", "<- s", "...", "-> e, es");
    define("K", "-> s", "<- s", "...", "-> e, es, ss");
    define("X", "<- s", "...", "-> e, es, s, ss");

    define("NN", "-> e", "<- e, ee");
    define("NK", "<- s", "...", "-> e, es", "<- e, ee");
    define("NX", "-> e", "<- e, ee, s, es");
    define("KN", "-> s", "...", "-> e", "<- e, ee, se");
    define("KK", "-> s", "<- s", "...", "-> e, es, ss", "<- e, ee, se");
    define("KX", "-> s", "...", "-> e", "<- e, ee, se, s, es");
    define("XN", "-> e", "<- e, ee", "-> s, se");
    define("XK", "<- s", "...", "-> e, es", "<- e, ee", "-> s, se");
    define("XX", "-> e", "<- e, ee, s, es", "-> s, se");
    define("IN", "-> e, s", "<- e, ee, se");
    define("IK", "<- s", "...", "-> e, es, s, ss", "<- e, ee, se");
    define("IX", "-> e, s", "<- e, ee, se, s, es");

    define("NK1", "<- s", "...", "-> e", "<- e, ee, es");
    define("NX1", "-> e", "<- e, ee, s", "-> es");
    define("X1N", "-> e", "<- e, ee", "-> s", "<- se");
    define("X1K", "<- s", "...", "-> e, es", "<- e, ee", "-> s", "<- se");
    define("XK1", "<- s", "...", "-> e", "<- e, ee, es", "-> s, se");
    define("X1K1", "<- s", "...", "-> e", "<- e, ee, es", "-> s", "<- se");
    define("X1X", "-> e", "<- e, ee, s, es", "-> s", "<- se");
    define("XX1", "-> e", "<- e, ee, s", "-> es, s, se");
    define("X1X1", "-> e", "<- e, ee, s", "-> es, s", "<- se");
    define("K1N", "-> s", "...", "-> e", "<- e, ee", "-> se");
    define("K1K", "-> s", "<- s", "...", "-> e, es", "<- e, ee", "-> se");
    define("KK1", "-> s", "<- s", "...", "-> e", "<- e, ee, se, es");
    define("K1K1", "-> s", "<- s", "...", "-> e", "<- e, ee, es", "-> se");
    define("K1X", "-> s", "...", "-> e", "<- e, ee, s, es", "-> se");
    define("KX1", "-> s", "...", "-> e", "<- e, ee, se, s", "-> es");
    define("K1X1", "-> s", "...", "-> e", "<- e, ee, s", "-> se, es");
    define("I1N", "-> e, s", "<- e, ee", "-> se");
    define("I1K", "<- s", "...", "-> e, es, s", "<- e, ee", "-> se");
    define("IK1", "<- s", "...", "-> e, s", "<- e, ee, se, es");
    define("I1K1", "<- s", "...", "-> e, s", "<- e, ee, es", "-> se");
    define("I1X", "-> e, s", "<- e, ee, s, es", "-> se");
    define("IX1", "-> e, s", "<- e, ee, se, s", "-> es");
    define("I1X1", "-> e, s", "<- e, ee, s", "-> se, es");
  }

  private PatternTable() {
  }

  static HandshakePattern base(String name) {
    HandshakePattern pattern = PATTERNS.get(name);
    if (pattern == null) {
      throw new IllegalArgumentException("unknown Noise handshake pattern: " + name);
    }
    return pattern;
  }

  private static void define(String name, String... lines) {
    int dots = Arrays.asList(lines).indexOf("...");
    List<Token> initiatorPre = new ArrayList<>();
    List<Token> responderPre = new ArrayList<>();
    for (int i = 0; i < dots; i++) {
      (lines[i].startsWith("->") ? initiatorPre : responderPre).addAll(tokens(lines[i]));
    }
    List<List<Token>> messages = new ArrayList<>();
    for (int i = dots + 1; i < lines.length; i++) {
      boolean fromInitiator = lines[i].startsWith("->");
      if (fromInitiator != (messages.size() % 2 == 0)) {
        throw new IllegalStateException(name + ": messages must alternate, initiator first");
      }
      messages.add(tokens(lines[i]));
    }
    PATTERNS.put(name, new HandshakePattern(name, initiatorPre, responderPre, messages,
        name.length() == 1));
  }

  private static List<Token> tokens(String line) {
    return Arrays.stream(line.substring(2).split(",")).map(String::trim).map(Token::parse)
        .toList();
  }
}
