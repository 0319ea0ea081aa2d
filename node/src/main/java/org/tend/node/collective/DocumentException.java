package org.tend.node.collective;

/** A membership document is malformed or its signature does not verify; it is ignored. */
final class DocumentException extends Exception {
  DocumentException(String message) {
    super(message);
  }
}
