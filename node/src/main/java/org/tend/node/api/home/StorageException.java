package org.tend.node.api.home;

/** The local store failed an operation (disk full, I/O error); names the store and operation. */
public class StorageException extends TendException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
