package org.tend.protocol.noise;

/** The tokens of a Noise message pattern (Noise specification, revision 34, section 7). */
public enum Token {
  E, S, EE, ES, SE, SS, PSK;

  static Token parse(String text) {
    return switch (text) {
      case "e" -> E;
      case "s" -> S;
      case "ee" -> EE;
      case "es" -> ES;
      case "se" -> SE;
      case "ss" -> SS;
      case "psk" -> PSK;
      default -> throw new IllegalArgumentException("unknown Noise token: " + text);
    };
  }
}
