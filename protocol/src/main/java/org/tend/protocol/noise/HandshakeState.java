package org.tend.protocol.noise;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tend.protocol.crypto.CryptoException;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.crypto.X25519;
import org.tend.protocol.crypto.X25519KeyPair;

/**
 * One side of a Noise handshake (specification section 5.3), driven by its pattern: the
 * initiator writes messages 0, 2, ... and the responder 1, 3, .... After the last message,
 * {@link #split} gives the transport. Any failure ends the handshake for good: every later call
 * throws. Not thread-safe.
 *
 * <p>Ephemeral keys come from the injected {@link Randomness}, 32 bytes each, so a
 * deterministic source reproduces a handshake exactly (the published test vectors rely on
 * this). Closing destroys every key this object holds except the caller's static key pair.
 */
public final class HandshakeState implements AutoCloseable {
  /** Largest Noise message, handshake or transport, in bytes (specification section 3). */
  public static final int MAX_MESSAGE_LENGTH = 65535;
  static final int DH_LENGTH = X25519.KEY_LENGTH;
  static final int TAG_LENGTH = 16;

  private final NoiseProtocol protocol;
  private final boolean initiator;
  private final SymmetricState symmetric;
  private final Optional<X25519KeyPair> localStatic;
  private final Randomness randomness;
  private final Deque<SecretBytes> psks;
  private final boolean pskMode;
  private X25519KeyPair localEphemeral;
  private byte[] remoteStatic;
  private byte[] remoteEphemeral;
  private int messageIndex;
  private boolean failed;
  private boolean split;

  HandshakeState(HandshakeBuilder b) {
    this.protocol = b.protocol;
    this.initiator = b.initiator;
    this.localStatic = Optional.ofNullable(b.localStatic);
    this.remoteStatic = b.remoteStatic == null ? null : b.remoteStatic.clone();
    this.randomness = b.randomness;
    this.psks = new ArrayDeque<>(b.psks);
    HandshakePattern pattern = protocol.pattern();
    this.pskMode = pattern.usesPsk();
    checkKeys(pattern, b.psks.size());
    this.symmetric = new SymmetricState(protocol.name(), protocol.cipher());
    symmetric.mixHash(b.prologue);
    mixPreMessage(pattern.initiatorPreMessage(), initiator);
    mixPreMessage(pattern.responderPreMessage(), !initiator);
  }

  /** Starts configuring the initiator's side of {@code protocol}. */
  public static HandshakeBuilder initiator(NoiseProtocol protocol) {
    return new HandshakeBuilder(protocol, true);
  }

  /** Starts configuring the responder's side of {@code protocol}. */
  public static HandshakeBuilder responder(NoiseProtocol protocol) {
    return new HandshakeBuilder(protocol, false);
  }

  /** Whether the next step is {@link #writeMessage} (else {@link #readMessage}). */
  public boolean isMyTurn() {
    return !isComplete() && (messageIndex % 2 == 0) == initiator;
  }

  /** Whether every handshake message has been written or read. */
  public boolean isComplete() {
    return messageIndex == protocol.pattern().messages().size();
  }

  /**
   * Writes the next handshake message carrying {@code payload}, which is encrypted once the
   * handshake has a key (and sent in the clear before that, as in the first message of
   * {@code XX}).
   *
   * @throws IllegalStateException if it is the other side's turn, or the handshake failed
   * @throws IllegalArgumentException if the message would exceed {@link #MAX_MESSAGE_LENGTH}
   */
  public byte[] writeMessage(byte[] payload) throws NoiseException {
    Objects.requireNonNull(payload, "payload");
    checkUsable();
    if (!isMyTurn()) {
      throw new IllegalStateException("it is the other side's turn to send");
    }
    List<Token> tokens = protocol.pattern().messages().get(messageIndex);
    if (payload.length > MAX_MESSAGE_LENGTH - overhead(tokens)) {
      throw new IllegalArgumentException("handshake payload too large: " + payload.length);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Token token : tokens) {
        switch (token) {
          case E -> {
            localEphemeral = X25519.generate(randomness);
            byte[] publicKey = localEphemeral.publicKey();
            out.writeBytes(publicKey);
            mixEphemeral(publicKey);
          }
          case S -> out.writeBytes(symmetric.encryptAndHash(localStatic.orElseThrow().publicKey()));
          case PSK -> mixPsk();
          default -> mixDh(token);
        }
      }
      out.writeBytes(symmetric.encryptAndHash(payload));
      messageIndex++;
      return out.toByteArray();
    } catch (NoiseException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  /**
   * Reads the next handshake message and returns its payload.
   *
   * @throws NoiseException if the message is too short or too long, fails authentication, or
   *     carries a key that gives a degenerate DH result; the handshake is then over
   * @throws IllegalStateException if it is this side's turn, or the handshake failed earlier
   */
  public byte[] readMessage(byte[] message) throws NoiseException {
    Objects.requireNonNull(message, "message");
    checkUsable();
    if (isComplete() || isMyTurn()) {
      throw new IllegalStateException("it is this side's turn to send");
    }
    try {
      if (message.length > MAX_MESSAGE_LENGTH) {
        throw new NoiseException("Noise message too long: " + message.length + " bytes");
      }
      List<Token> tokens = protocol.pattern().messages().get(messageIndex);
      if (message.length < overhead(tokens)) {
        throw new NoiseException("Noise handshake message too short: " + message.length + " bytes");
      }
      int at = 0;
      for (Token token : tokens) {
        switch (token) {
          case E -> {
            remoteEphemeral = Arrays.copyOfRange(message, at, at + DH_LENGTH);
            at += DH_LENGTH;
            mixEphemeral(remoteEphemeral);
          }
          case S -> {
            int length = DH_LENGTH + (symmetric.hasKey() ? TAG_LENGTH : 0);
            remoteStatic = symmetric.decryptAndHash(Arrays.copyOfRange(message, at, at + length));
            at += length;
          }
          case PSK -> mixPsk();
          default -> mixDh(token);
        }
      }
      byte[] payload = symmetric.decryptAndHash(Arrays.copyOfRange(message, at, message.length));
      messageIndex++;
      return payload;
    } catch (NoiseException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  /** The remote party's static public key, once known (a pre-message or an {@code s} token). */
  public Optional<byte[]> remoteStatic() {
    return Optional.ofNullable(remoteStatic).map(byte[]::clone);
  }

  /** The handshake hash so far; after completion it uniquely identifies the session. */
  public byte[] handshakeHash() {
    return symmetric.handshakeHash();
  }

  /** The transport, never rekeying. See {@link #split(long)}. */
  public NoiseTransport split() {
    return split(0);
  }

  /**
   * Ends the handshake and returns the transport. Both sides must choose the same
   * {@code rekeyInterval}: each direction rekeys (specification section 11.3) before every
   * {@code rekeyInterval}-th message after the first; 0 never rekeys.
   *
   * @throws IllegalStateException if the handshake is not complete, failed, or was split
   */
  public NoiseTransport split(long rekeyInterval) {
    checkUsable();
    if (!isComplete()) {
      throw new IllegalStateException("the handshake is not complete");
    }
    byte[] hash = symmetric.handshakeHash();
    CipherState[] pair = symmetric.split();
    split = true;
    close();
    return initiator
        ? new NoiseTransport(pair[0], pair[1], hash, rekeyInterval)
        : new NoiseTransport(pair[1], pair[0], hash, rekeyInterval);
  }

  /** Destroys the ephemeral key, the PSKs and the symmetric state. Idempotent. */
  @Override
  public void close() {
    if (localEphemeral != null) {
      localEphemeral.close();
    }
    psks.forEach(SecretBytes::destroy);
    psks.clear();
    symmetric.destroy();
  }

  private void checkKeys(HandshakePattern pattern, int pskCount) {
    boolean needsLocalStatic = (initiator ? pattern.initiatorPreMessage()
        : pattern.responderPreMessage()).contains(Token.S) || sends(pattern, Token.S);
    if (needsLocalStatic && localStatic.isEmpty()) {
      throw new IllegalArgumentException(protocol.name() + " needs this side's static key");
    }
    List<Token> remotePre = initiator ? pattern.responderPreMessage()
        : pattern.initiatorPreMessage();
    if (remotePre.contains(Token.S) && remoteStatic == null) {
      throw new IllegalArgumentException(protocol.name() + " needs the remote static key");
    }
    if (pattern.initiatorPreMessage().contains(Token.E)
        || pattern.responderPreMessage().contains(Token.E)) {
      throw new IllegalArgumentException("pre-message ephemeral keys are not supported");
    }
    long needed = pattern.messages().stream().flatMap(List::stream)
        .filter(t -> t == Token.PSK).count();
    if (pskCount != needed) {
      throw new IllegalArgumentException(
          protocol.name() + " needs " + needed + " PSKs, got " + pskCount);
    }
  }

  private boolean sends(HandshakePattern pattern, Token token) {
    for (int i = initiator ? 0 : 1; i < pattern.messages().size(); i += 2) {
      if (pattern.messages().get(i).contains(token)) {
        return true;
      }
    }
    return false;
  }

  private void mixPreMessage(List<Token> tokens, boolean local) {
    for (Token token : tokens) {
      symmetric.mixHash(local ? localStatic.orElseThrow().publicKey() : remoteStatic);
    }
  }

  private void mixEphemeral(byte[] publicKey) {
    symmetric.mixHash(publicKey);
    if (pskMode) {
      symmetric.mixKey(publicKey);
    }
  }

  private void mixPsk() {
    try (SecretBytes psk = psks.removeFirst()) {
      byte[] raw = psk.exposeSecret();
      try {
        symmetric.mixKeyAndHash(raw);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  /** ee, es, se, ss: the first letter is the initiator's key, the second the responder's. */
  private void mixDh(Token token) throws NoiseException {
    boolean initiatorEphemeral = token == Token.EE || token == Token.ES;
    boolean responderEphemeral = token == Token.EE || token == Token.SE;
    boolean localEphemeralKey = initiator ? initiatorEphemeral : responderEphemeral;
    boolean remoteEphemeralKey = initiator ? responderEphemeral : initiatorEphemeral;
    X25519KeyPair local = localEphemeralKey ? localEphemeral : localStatic.orElseThrow();
    byte[] remote = remoteEphemeralKey ? remoteEphemeral : remoteStatic;
    if (local == null || remote == null) {
      throw new IllegalStateException(protocol.name() + ": key for " + token + " not yet known");
    }
    try (SecretBytes shared = local.agree(remote)) {
      byte[] raw = shared.exposeSecret();
      try {
        symmetric.mixKey(raw);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    } catch (CryptoException e) {
      throw new NoiseException("Noise handshake key agreement failed", e);
    }
  }

  /** The bytes a message adds around its payload, given whether a key is already in place. */
  private int overhead(List<Token> tokens) {
    boolean keyed = symmetric.hasKey();
    int total = 0;
    for (Token token : tokens) {
      switch (token) {
        case E -> {
          total += DH_LENGTH;
          keyed |= pskMode;
        }
        case S -> total += DH_LENGTH + (keyed ? TAG_LENGTH : 0);
        default -> keyed = true;
      }
    }
    return total + (keyed ? TAG_LENGTH : 0);
  }

  private void checkUsable() {
    if (failed) {
      throw new IllegalStateException("the handshake failed; start a new one");
    }
    if (split) {
      throw new IllegalStateException("the handshake has already been split");
    }
  }

  private void fail() {
    failed = true;
    close();
  }
}
