package org.tend.protocol.noise;

/**
 * A Noise message could not be processed: it failed authentication, had the wrong length, or
 * arrived after the session failed. The message never says which secret was wrong.
 */
public final class NoiseException extends Exception {

  public NoiseException(String message) {
    super(message);
  }

  public NoiseException(String message, Throwable cause) {
    super(message, cause);
  }
}
