package org.tend.node.api.home;

/**
 * The disk holding the home is full, so the change asked for was not saved. Everything saved
 * before is kept; a running node writes again by itself once enough space is free.
 */
public final class DiskFullException extends StorageException {
  public DiskFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
