package org.tend.protocol.noise;

/**
 * The two CipherStates of a finished handshake: one to send, one to receive, each with its own
 * counter, so messages must be decrypted in the order they were encrypted (as over TCP). An
 * authentication failure ends the session: every later call throws, since a stream that
 * carried one forged or damaged message cannot be trusted further. Not thread-safe; use one
 * thread per direction at most.
 */
public final class NoiseTransport implements AutoCloseable {
  /** Largest plaintext of one transport message: the Noise maximum less the tag. */
  public static final int MAX_PLAINTEXT = HandshakeState.MAX_MESSAGE_LENGTH - HandshakeState.TAG_LENGTH;

  private final CipherState send;
  private final CipherState receive;
  private final byte[] handshakeHash;
  private final long rekeyInterval;
  private boolean failed;

  NoiseTransport(CipherState send, CipherState receive, byte[] handshakeHash, long rekeyInterval) {
    if (rekeyInterval < 0) {
      throw new IllegalArgumentException("rekey interval must not be negative: " + rekeyInterval);
    }
    this.send = send;
    this.receive = receive;
    this.handshakeHash = handshakeHash;
    this.rekeyInterval = rekeyInterval;
  }

  /**
   * Encrypts one transport message (empty associated data, as the specification's transport
   * phase uses).
   *
   * @throws IllegalArgumentException if {@code plaintext} exceeds {@link #MAX_PLAINTEXT}
   * @throws NoiseException if the send counter is exhausted
   */
  public byte[] encrypt(byte[] plaintext) throws NoiseException {
    checkUsable();
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("transport plaintext too large: " + plaintext.length);
    }
    rekeyIfDue(send);
    return send.encryptWithAd(new byte[0], plaintext);
  }

  /**
   * Decrypts the next transport message.
   *
   * @throws NoiseException if it fails authentication or is too long; the session is then over
   */
  public byte[] decrypt(byte[] ciphertext) throws NoiseException {
    checkUsable();
    try {
      if (ciphertext.length > HandshakeState.MAX_MESSAGE_LENGTH) {
        throw new NoiseException("Noise message too long: " + ciphertext.length + " bytes");
      }
      rekeyIfDue(receive);
      return receive.decryptWithAd(new byte[0], ciphertext);
    } catch (NoiseException e) {
      failed = true;
      close();
      throw e;
    }
  }

  /** The handshake hash, which names this session (for channel binding). */
  public byte[] handshakeHash() {
    return handshakeHash.clone();
  }

  /** Destroys both keys. Idempotent. */
  @Override
  public void close() {
    send.destroy();
    receive.destroy();
  }

  private void rekeyIfDue(CipherState state) {
    long n = state.nonce();
    if (rekeyInterval > 0 && n > 0 && n % rekeyInterval == 0) {
      state.rekey();
    }
  }

  private void checkUsable() {
    if (failed) {
      throw new IllegalStateException("the session failed authentication and is closed");
    }
    if (!send.hasKey()) {
      throw new IllegalStateException("the session is closed");
    }
  }
}
