package org.tend.node.api.home;

/**
 * The local store failed its integrity check (a damaged or missing file, a write-ahead log that
 * cannot be replayed in full): the node refuses to go on rather than lose saved data silently.
 */
public final class StoreDamagedException extends StorageException {
  public StoreDamagedException(String message, Throwable cause) {
    super(message, cause);
  }
}
