package org.tend.node.service;

import org.tend.node.api.home.TendException;
import org.tend.protocol.control.ControlError;
import org.tend.protocol.control.ControlErrorCode;
import org.tend.protocol.control.ControlOk;
import org.tend.protocol.control.ControlPong;
import org.tend.protocol.control.ControlRequest;
import org.tend.protocol.control.ControlResponse;

/** Answers control requests for one running node. */
final class ControlHandler {
  private final ServiceRunner node;

  ControlHandler(ServiceRunner node) {
    this.node = node;
  }

  ControlResponse answer(ControlRequest request) {
    return switch (request.getKindCase()) {
      case PING -> ControlResponse.newBuilder()
          .setPong(ControlPong.newBuilder().setPid(node.pid())).build();
      case STATUS -> status();
      case SHUTDOWN -> ControlResponse.newBuilder().setOk(ControlOk.getDefaultInstance()).build();
      case RUN -> run(request.getRun());
      case KIND_NOT_SET -> error(ControlErrorCode.CONTROL_ERROR_UNSUPPORTED,
          "This node does not know that request; is `tend` newer than the running node?");
    };
  }

  /** Runs once the answer is written, so a client that asked to shut down hears "ok" first. */
  void afterAnswer(ControlRequest request) {
    if (request.hasShutdown()) {
      node.stopSoon("a shutdown request on the control channel");
    }
  }

  private ControlResponse status() {
    if (node.isStopping()) {
      return error(ControlErrorCode.CONTROL_ERROR_STOPPING, "Tend is stopping.");
    }
    try {
      return ControlResponse.newBuilder()
          .setStatus(StatusMessages.toMessage(node.status())).build();
    } catch (TendException e) {
      return error(node.isStopping() ? ControlErrorCode.CONTROL_ERROR_STOPPING
          : ControlErrorCode.CONTROL_ERROR_FAILED, e.getMessage());
    }
  }

  private ControlResponse run(org.tend.protocol.control.ControlRunCommand run) {
    if (node.isStopping()) {
      return error(ControlErrorCode.CONTROL_ERROR_STOPPING, "Tend is stopping.");
    }
    java.util.Optional<org.tend.node.api.home.Passphrase> passphrase = run.getPassphrase().isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(org.tend.node.api.home.Passphrase.fromUtf8(
            run.getPassphrase().toByteArray()));
    var result = node.runCommand(new org.tend.node.api.service.CommandRunner.CommandCall(
        run.getArgsList(), passphrase, run.getInput().toStringUtf8()));
    return ControlResponse.newBuilder().setResult(
        org.tend.protocol.control.ControlCommandResult.newBuilder()
            .setExitCode(result.exitCode()).setOut(result.out()).setErr(result.err())).build();
  }

  static ControlResponse error(ControlErrorCode code, String message) {
    return ControlResponse.newBuilder()
        .setError(ControlError.newBuilder().setCode(code).setMessage(message)).build();
  }
}
