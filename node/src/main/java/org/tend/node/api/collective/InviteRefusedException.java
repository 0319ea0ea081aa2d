package org.tend.node.api.collective;

/** An invite code was mistyped, forged, expired, already used, or withdrawn. */
public final class InviteRefusedException extends CollectiveException {
  public InviteRefusedException(String message) {
    super(message);
  }

  public InviteRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
