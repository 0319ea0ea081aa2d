package org.tend.node.service;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.service.Component;
import org.tend.node.api.service.ControlLimits;
import org.tend.node.keystore.HomeFiles;
import org.tend.protocol.control.ControlErrorCode;
import org.tend.protocol.control.ControlRequest;
import org.tend.protocol.control.ControlResponse;

/**
 * The node's end of the control channel: a Unix domain socket only the member's OS user can
 * open. One thread accepts; a small pool serves each connection's single request and answer,
 * the request within {@link ControlLimits#exchangeTimeout()} and each chunk of the answer
 * within it again, so a slow or silent client holds a thread for a bounded time and never the
 * others.
 */
final class ControlServer implements Component {
  private static final int BACKLOG = 16;

  private final HomeFiles files;
  private final Path runtimeDirectory;
  private final ControlLimits limits;
  private final ControlHandler handler;
  private final Consumer<String> log;
  private final FrameReader reader;
  private Path socket;
  private ServerSocketChannel server;
  private UserPrincipal owner;
  private ThreadPoolExecutor pool;
  private Thread acceptor;

  ControlServer(HomeFiles files, Path runtimeDirectory, ControlLimits limits,
      ControlHandler handler, Consumer<String> log) {
    this.files = files;
    this.runtimeDirectory = runtimeDirectory;
    this.limits = limits;
    this.handler = handler;
    this.log = log;
    this.reader = new FrameReader(limits.maxFrameBytes());
  }

  @Override
  public void start() throws StorageException {
    socket = ControlSocketPath.choose(files, runtimeDirectory);
    try {
      // The home lock is held: any socket or record here was left by a node that was killed.
      ControlSocketPath.remove(files);
      if (ControlSocketPath.isFallback(files, socket)) {
        OwnerOnly.privateDirectory(socket.getParent(), OwnerOnly.currentUser(files.home()));
        ControlSocketPath.record(files, socket);
      }
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      // A socket file a killed node left at the fallback path, not covered by the record.
      Files.deleteIfExists(socket);
      // Bound inside a directory only the owner can enter, so nobody else can reach it even
      // in the moment before its own permissions are narrowed.
      server.bind(UnixDomainSocketAddress.of(socket), BACKLOG);
      OwnerOnly.restrictFile(socket);
      owner = Files.getOwner(socket);
    } catch (StorageException e) {
      abandon();
      throw e;
    } catch (IOException e) {
      abandon();
      throw new StorageException("Could not open the control socket at " + socket + ": "
          + e.getMessage(), e);
    }
    AtomicInteger threads = new AtomicInteger();
    pool = new ThreadPoolExecutor(limits.handlerThreads(), limits.handlerThreads(), 0,
        TimeUnit.SECONDS, limits.queuedConnections() == 0 ? new SynchronousQueue<>()
            : new ArrayBlockingQueue<>(limits.queuedConnections()),
        task -> daemon(task, "tend-control-" + threads.incrementAndGet()));
    acceptor = daemon(this::acceptLoop, "tend-control-accept");
    acceptor.start();
  }

  Path socket() {
    return socket;
  }

  @Override
  public void stop() {
    closeServer();
    if (acceptor != null) {
      joinQuietly(acceptor);
    }
    if (pool != null) {
      pool.shutdown();
      try {
        // Every exchange ends by its deadline; waiting lets answers in flight reach clients.
        long patience = limits.exchangeTimeout().toMillis() * 2;
        if (!pool.awaitTermination(patience, TimeUnit.MILLISECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    removeQuietly();
  }

  /** Undoes a start that failed half way; stop() is only called after a whole start. */
  private void abandon() {
    closeServer();
    removeQuietly();
  }

  private void removeQuietly() {
    try {
      ControlSocketPath.remove(files);
    } catch (IOException e) {
      log.accept("could not remove the control socket " + socket + ": " + e.getMessage());
    }
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        // Out of file descriptors, for instance: back off instead of spinning.
        log.accept("control channel: " + e.getMessage());
        if (!pauseAfterFailure()) {
          return;
        }
        continue;
      }
      try {
        pool.execute(() -> serve(client));
      } catch (RejectedExecutionException busy) {
        closeQuietly(client);
      }
    }
  }

  private void serve(SocketChannel client) {
    FrameWriter.Progress answer = null;
    try (DeadlineChannel channel = new DeadlineChannel(client, limits.exchangeTimeout())) {
      if (!fromOwner(client)) {
        log.accept("control channel: refused a connection from another user");
        return;
      }
      ControlRequest request = null;
      ControlResponse response;
      try {
        request = ControlRequest.parseFrom(reader.read(channel));
        response = bounded(handler.answer(request));
      } catch (FrameException e) {
        log.accept("control channel: " + e.getMessage());
        response = ControlHandler.error(e.code(), e.getMessage());
      } catch (InvalidProtocolBufferException e) {
        response = ControlHandler.error(ControlErrorCode.CONTROL_ERROR_MALFORMED,
            "That is not a control request.");
      }
      // Each chunk has the whole timeout: a client that stops reading frees this thread
      // within it, and one that keeps reading gets an answer of any allowed size.
      answer = new FrameWriter.Progress() {
        @Override
        void beforeChunk() {
          channel.restartDeadline(limits.exchangeTimeout());
        }
      };
      FrameWriter.write(channel, response, limits.maxFrameBytes(), answer);
      if (request != null) {
        handler.afterAnswer(request);
      }
    } catch (InterruptedByTimeoutException e) {
      log.accept("control channel: closed a connection that took longer than "
          + limits.exchangeTimeout().toMillis() + " ms" + (answer == null ? ""
              : " to take the next part of its answer, after " + answer.sent() + " of "
                  + answer.total() + " bytes"));
    } catch (IOException e) {
      if (answer != null) {
        log.accept("control channel: the client went away after " + answer.sent() + " of "
            + answer.total() + " bytes of its answer: " + e.getMessage());
      }
      // Else the client went away before asking; nothing to answer.
    }
  }

  /** An answer the client will accept, or an error saying why it cannot have it. */
  private ControlResponse bounded(ControlResponse response) {
    int size = response.getSerializedSize();
    if (size <= limits.maxAnswerBytes()) {
      return response;
    }
    log.accept("control channel: an answer of " + size + " bytes is over the limit of "
        + limits.maxAnswerBytes() + " bytes; sent an error instead");
    return ControlHandler.error(ControlErrorCode.CONTROL_ERROR_TOO_LARGE, "The answer is "
        + size + " bytes, over the control channel's limit of " + limits.maxAnswerBytes()
        + " bytes; stop the node (`tend down`) and run the command again.");
  }

  /** The socket's permissions already keep other users out; this checks the peer as well. */
  private boolean fromOwner(SocketChannel client) {
    try {
      UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
      return peer.user().equals(owner);
    } catch (UnsupportedOperationException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean pauseAfterFailure() {
    try {
      Thread.sleep(100);
      return server.isOpen();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void closeServer() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException ignored) {
        // Closing is all that was wanted.
      }
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Refused anyway.
    }
  }
}
