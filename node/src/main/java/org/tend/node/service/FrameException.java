package org.tend.node.service;

import java.io.IOException;
import org.tend.protocol.control.ControlErrorCode;

/** Bytes on the control channel that are not one acceptable message; the code says how. */
final class FrameException extends IOException {
  private final ControlErrorCode code;
  private final boolean cutShort;

  FrameException(ControlErrorCode code, String message) {
    this(code, message, false);
  }

  private FrameException(ControlErrorCode code, String message, boolean cutShort) {
    super(message);
    this.code = code;
    this.cutShort = cutShort;
  }

  /** The stream ended inside a message: the peer closed or went away mid-way. */
  static FrameException cutShort(String message) {
    return new FrameException(ControlErrorCode.CONTROL_ERROR_MALFORMED, message, true);
  }

  ControlErrorCode code() {
    return code;
  }

  boolean isCutShort() {
    return cutShort;
  }
}
