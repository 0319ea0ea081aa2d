package org.tend.node.service;

import java.io.IOException;
import org.tend.protocol.control.ControlErrorCode;

/** Bytes on the control channel that are not one acceptable frame; the code says how. */
final class FrameException extends IOException {
  private final ControlErrorCode code;

  FrameException(ControlErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  ControlErrorCode code() {
    return code;
  }
}
