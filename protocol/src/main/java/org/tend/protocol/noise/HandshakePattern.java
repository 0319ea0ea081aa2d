package org.tend.protocol.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Noise handshake pattern: the pre-messages each side knows in advance and the tokens of each
 * handshake message, the initiator sending the even-numbered messages (0, 2, ...).
 *
 * @param initiatorPreMessage public keys the responder knows of the initiator beforehand
 * @param responderPreMessage public keys the initiator knows of the responder beforehand
 * @param messages the tokens of each handshake message, in order
 * @param oneWay whether only the initiator ever sends (patterns N, K and X)
 */
public record HandshakePattern(String name, List<Token> initiatorPreMessage,
    List<Token> responderPreMessage, List<List<Token>> messages, boolean oneWay) {

  public HandshakePattern {
    Objects.requireNonNull(name, "name");
    initiatorPreMessage = List.copyOf(initiatorPreMessage);
    responderPreMessage = List.copyOf(responderPreMessage);
    messages = messages.stream().map(List::copyOf).toList();
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a handshake pattern needs at least one message");
    }
    if (oneWay && messages.size() != 1) {
      throw new IllegalArgumentException("a one-way pattern has exactly one message");
    }
  }

  /**
   * The pattern for a name such as {@code XX}, {@code IK1} or {@code XXpsk0+psk2}: a pattern
   * from the specification's tables, with any {@code pskN} modifiers applied.
   *
   * @throws IllegalArgumentException if the base pattern or a modifier is unknown
   */
  public static HandshakePattern named(String fullName) {
    Objects.requireNonNull(fullName, "fullName");
    int split = 0;
    while (split < fullName.length()
        && (Character.isUpperCase(fullName.charAt(split)) || Character.isDigit(fullName.charAt(split)))) {
      split++;
    }
    HandshakePattern pattern = PatternTable.base(fullName.substring(0, split));
    String modifiers = fullName.substring(split);
    if (modifiers.isEmpty()) {
      return pattern;
    }
    for (String modifier : modifiers.split("\\+", -1)) {
      pattern = pattern.withPsk(modifier);
    }
    return new HandshakePattern(fullName, pattern.initiatorPreMessage, pattern.responderPreMessage,
        pattern.messages, pattern.oneWay);
  }

  /** Whether any message carries a {@code psk} token (which changes how {@code e} is mixed). */
  public boolean usesPsk() {
    return messages.stream().anyMatch(m -> m.contains(Token.PSK));
  }

  /** Applies {@code psk0} (prepend to the first message) or {@code pskN} (append to message N). */
  private HandshakePattern withPsk(String modifier) {
    if (!modifier.matches("psk[0-9]")) {
      throw new IllegalArgumentException("unknown Noise pattern modifier: " + modifier);
    }
    int position = modifier.charAt(3) - '0';
    if (position > messages.size()) {
      throw new IllegalArgumentException(modifier + " names a message " + name + " does not have");
    }
    List<List<Token>> changed = new ArrayList<>(messages);
    if (position == 0) {
      List<Token> first = new ArrayList<>(List.of(Token.PSK));
      first.addAll(messages.get(0));
      changed.set(0, first);
    } else {
      List<Token> message = new ArrayList<>(messages.get(position - 1));
      message.add(Token.PSK);
      changed.set(position - 1, message);
    }
    return new HandshakePattern(name, initiatorPreMessage, responderPreMessage, changed, oneWay);
  }
}
