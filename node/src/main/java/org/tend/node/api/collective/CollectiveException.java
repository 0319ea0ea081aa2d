package org.tend.node.api.collective;

import org.tend.node.api.home.TendException;

/**
 * A collective operation was refused: not allowed by the rules or this member's role, an
 * unknown or ambiguous collective or member, or a bad invite. The message says which, in one
 * sentence for the member.
 */
public class CollectiveException extends TendException {
  public CollectiveException(String message) {
    super(message);
  }

  public CollectiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
