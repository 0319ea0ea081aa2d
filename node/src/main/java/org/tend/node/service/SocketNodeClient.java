package org.tend.node.service;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.ControlLimits;
import org.tend.node.api.service.NodeClient;
import org.tend.node.api.service.ServiceStatus;
import org.tend.node.keystore.HomeFiles;
import org.tend.protocol.control.ControlPing;
import org.tend.node.api.service.CommandRunner;
import org.tend.protocol.control.ControlRequest;
import org.tend.protocol.control.ControlResponse;
import org.tend.protocol.control.ControlShutdownRequest;
import org.tend.protocol.control.ControlStatusRequest;

/** A client of one home's control socket; every request is its own connection. */
final class SocketNodeClient implements NodeClient {
  private final Path socket;
  private final Duration timeout;
  private final FrameReader reader = new FrameReader(ControlLimits.DEFAULT.maxFrameBytes(),
      ControlLimits.DEFAULT.maxAnswerBytes());
  private long pid;

  private SocketNodeClient(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  /**
   * Empty when nothing listens: no socket file, or a file nobody accepts on, as a node killed
   * with SIGKILL leaves behind (the next `tend up` removes it).
   */
  static Optional<NodeClient> connect(HomeFiles files, Duration timeout) throws ControlException {
    Optional<Path> socket = ControlSocketPath.find(files);
    if (socket.isEmpty()) {
      return Optional.empty();
    }
    SocketNodeClient client = new SocketNodeClient(socket.get(), timeout);
    Optional<ControlResponse> pong = client.tryExchange(
        ControlRequest.newBuilder().setPing(ControlPing.getDefaultInstance()).build());
    if (pong.isEmpty()) {
      return Optional.empty();
    }
    client.pid = expect(pong.get(), ControlResponse.KindCase.PONG).getPong().getPid();
    return Optional.of(client);
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public ServiceStatus status() throws ControlException {
    ControlResponse response = exchange(ControlRequest.newBuilder()
        .setStatus(ControlStatusRequest.getDefaultInstance()).build());
    return StatusMessages.fromMessage(expect(response, ControlResponse.KindCase.STATUS)
        .getStatus());
  }

  @Override
  public void shutdown() throws ControlException {
    expect(exchange(ControlRequest.newBuilder()
        .setShutdown(ControlShutdownRequest.getDefaultInstance()).build()),
        ControlResponse.KindCase.OK);
  }

  @Override
  public CommandRunner.CommandResult run(CommandRunner.CommandCall call)
      throws ControlException {
    var run = org.tend.protocol.control.ControlRunCommand.newBuilder().addAllArgs(call.args())
        .setInput(com.google.protobuf.ByteString.copyFromUtf8(call.input()));
    call.passphrase().ifPresent(p -> {
      byte[] raw = p.secret().exposeSecret();
      run.setPassphrase(com.google.protobuf.ByteString.copyFrom(raw));
      java.util.Arrays.fill(raw, (byte) 0);
    });
    ControlResponse response = expect(exchange(ControlRequest.newBuilder().setRun(run).build()),
        ControlResponse.KindCase.RESULT);
    var result = response.getResult();
    return new CommandRunner.CommandResult(result.getExitCode(), result.getOut(),
        result.getErr());
  }

  private ControlResponse exchange(ControlRequest request) throws ControlException {
    return tryExchange(request).orElseThrow(() -> new ControlException(
        "The running node stopped before it answered."));
  }

  private Optional<ControlResponse> tryExchange(ControlRequest request)
      throws ControlException {
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    } catch (IOException e) {
      throw new ControlException("Could not open a control connection: " + e.getMessage(), e);
    }
    try (channel) {
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (ConnectException refused) {
        return Optional.empty();
      } catch (SocketException gone) {
        // The file went away between finding and connecting: the node has just stopped.
        return Optional.empty();
      }
      try (DeadlineChannel timed = new DeadlineChannel(channel, timeout)) {
        FrameWriter.write(timed, request, ControlLimits.DEFAULT.maxFrameBytes());
        // Each chunk gets the whole timeout, as the node gives each the same to go out.
        return Optional.of(ControlResponse.parseFrom(
            reader.read(timed, () -> timed.restartDeadline(timeout))));
      }
    } catch (InterruptedByTimeoutException e) {
      throw new ControlException("The running node did not answer within "
          + timeout.toSeconds() + " s.", e);
    } catch (FrameException e) {
      if (e.isCutShort()) {
        throw new ControlException("The running node closed the connection before its answer"
            + " was complete: " + e.getMessage(), e);
      }
      throw new ControlException("The running node's answer was not understood: "
          + e.getMessage(), e);
    } catch (InvalidProtocolBufferException e) {
      throw new ControlException("The running node's answer was not understood: "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new ControlException("Lost the connection to the running node: " + e.getMessage(),
          e);
    }
  }

  private static ControlResponse expect(ControlResponse response, ControlResponse.KindCase kind)
      throws ControlException {
    if (response.getKindCase() == kind) {
      return response;
    }
    if (response.hasError()) {
      throw new ControlException(response.getError().getMessage());
    }
    throw new ControlException("The running node answered " + response.getKindCase()
        + " where " + kind + " was expected.");
  }
}
