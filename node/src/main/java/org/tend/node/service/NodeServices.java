package org.tend.node.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.tend.node.TendNode;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.service.CommandRunner;
import org.tend.node.api.service.Component;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.NodeClient;
import org.tend.node.api.service.RunningNode;
import org.tend.node.api.service.ServiceConfig;
import org.tend.node.keystore.HomeFiles;

/** Runs an open node as a service, and reaches a home's running node from another process. */
public final class NodeServices {
  /** How long a client waits for each answer; a status reads the whole journal index. */
  public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  private NodeServices() {}

  /**
   * Runs {@code node} as a service and takes ownership of it: the returned node closes it when
   * stopped, and a failed start closes it before throwing. Starts the pid file, then
   * {@code components} in order, then the control channel; {@code log} hears what a member
   * reading the node's log would want to know.
   */
  public static RunningNode start(TendNode node, ServiceConfig config,
      List<Component> components, Consumer<String> log) throws TendException {
    return start(node, config, components, CommandRunner.none(), log);
  }

  /** As above, answering command lines from the control channel with {@code commands}. */
  public static RunningNode start(TendNode node, ServiceConfig config,
      List<Component> components, CommandRunner commands, Consumer<String> log)
      throws TendException {
    return ServiceRunner.start(node, config, components, commands, log);
  }

  /** The running node of {@code home}, or empty when none is running. */
  public static Optional<NodeClient> connect(Path home) throws ControlException {
    return connect(home, CLIENT_TIMEOUT);
  }

  /** As {@link #connect(Path)}, waiting at most {@code timeout} for each answer. */
  public static Optional<NodeClient> connect(Path home, Duration timeout)
      throws ControlException {
    return SocketNodeClient.connect(new HomeFiles(home.toAbsolutePath()), timeout);
  }

  /**
   * For panic: ends the home's running node at once with SIGKILL (its memory holds the master
   * key; a clean stop would only waste the seconds panic is for) and removes its control
   * socket, wherever it was. Does nothing when no node is running.
   */
  public static void kill(Path home, Duration patience) throws StorageException {
    HomeFiles files = new HomeFiles(home.toAbsolutePath());
    OptionalLong pid;
    try {
      Optional<NodeClient> client = SocketNodeClient.connect(files, patience);
      pid = client.isPresent() ? OptionalLong.of(client.get().pid()) : OptionalLong.empty();
    } catch (ControlException hung) {
      // A socket that accepts but never answers: the pid file is the best evidence left.
      pid = files.livingNodePid();
    }
    if (pid.isPresent() && pid.getAsLong() != ProcessHandle.current().pid()) {
      ProcessHandle.of(pid.getAsLong()).ifPresent(process -> killAndWait(process, patience));
    }
    try {
      ControlSocketPath.remove(files);
    } catch (IOException e) {
      throw new StorageException("Could not remove the control socket of " + home + ": "
          + e.getMessage(), e);
    }
  }

  private static void killAndWait(ProcessHandle process, Duration patience) {
    process.destroyForcibly();
    // Panic goes on regardless: the keystore it overwrites next is what makes the home unreadable.
    awaitExit(process.pid(), patience);
  }

  /**
   * Waits until process {@code pid} has exited, for at most {@code patience}; true if it has.
   * A process that has exited but whose parent has not yet collected it still counts as alive
   * to the JDK; on Linux, {@code /proc} tells them apart, so this returns as soon as it is dead
   * and its last thread has gone (and with it every file it held open).
   */
  public static boolean awaitExit(long pid, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !exited(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static boolean exited(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
          StandardCharsets.US_ASCII);
      // "pid (command) S ...": the command may hold spaces and parentheses, the state follows.
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      if (state != 'Z' && state != 'X') {
        return false;
      }
      // A killed process's main thread can be a zombie while its other threads are still
      // tearing down, holding its files (the control socket among them) open a moment longer.
      try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        return tasks.count() <= 1;
      } catch (IOException gone) {
        return true;
      }
    } catch (IOException | RuntimeException e) {
      // No /proc (macOS), or the process is gone: the JDK's answer stands.
      return false;
    }
  }
}
