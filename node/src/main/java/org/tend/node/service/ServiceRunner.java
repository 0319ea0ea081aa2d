package org.tend.node.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.tend.node.TendNode;
import org.tend.node.api.home.DiskFullException;
import org.tend.node.api.home.HomeStatus;
import org.tend.node.api.home.TendException;
import org.tend.node.api.service.CommandRunner;
import org.tend.node.api.service.Component;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.RunningNode;
import org.tend.node.api.service.ServiceConfig;
import org.tend.node.api.service.ServiceStatus;
import org.tend.node.keystore.HomeFiles;

/**
 * One open node and its components: the pid file first, then the caller's components, then
 * the control channel, so the channel answers only once everything else is up, and closes
 * first when stopping. The node itself (store, keys, lock) closes after every component.
 */
final class ServiceRunner implements RunningNode {
  private final TendNode node;
  private final ServiceConfig config;
  private final Consumer<String> log;
  private final long pid = ProcessHandle.current().pid();
  private final List<Component> components = new ArrayList<>();
  private final List<Component> started = new ArrayList<>();
  private final ControlServer control;
  private final Object nodeAccess = new Object();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Instant startedAt;
  private final CommandRunner commands;

  private ServiceRunner(TendNode node, ServiceConfig config, List<Component> extra,
      CommandRunner commands, Consumer<String> log) {
    this.commands = commands;
    this.node = node;
    this.config = config;
    this.log = log;
    this.startedAt = node.config().clock().instant();
    HomeFiles files = new HomeFiles(node.config().home());
    this.control = new ControlServer(files, config.runtimeDirectory(), config.control(),
        new ControlHandler(this), log);
    components.add(new PidFile(files, pid, log));
    components.addAll(extra);
    components.add(control);
  }

  static ServiceRunner start(TendNode node, ServiceConfig config, List<Component> extra,
      CommandRunner commands, Consumer<String> log) throws TendException {
    ServiceRunner runner = new ServiceRunner(node, config, List.copyOf(extra), commands, log);
    try {
      if (!node.storeState().writes()) {
        // Opened read-only on a disk with no byte free: such a node would answer members and
        // commands but could never save, not even once space is freed.
        throw new DiskFullException("The disk holding the home is full, so the node could not"
            + " open its journal for writing and did not start. Free some space on that disk"
            + " and run `tend up` again.", null);
      }
      OwnerOnly.restrictDirectory(node.config().home()).ifPresent(was -> log.accept(
          "made the home " + node.config().home() + " private to you (it was " + was + ")"));
      for (Component component : runner.components) {
        component.start();
        runner.started.add(component);
      }
    } catch (TendException | RuntimeException e) {
      runner.stop();
      throw e;
    }
    return runner;
  }

  /** One command at a time: commands share the node with the network, not with each other. */
  CommandRunner.CommandResult runCommand(CommandRunner.CommandCall call) {
    try {
      synchronized (commands) {
        return commands.run(call);
      }
    } finally {
      call.passphrase().ifPresent(org.tend.node.api.home.Passphrase::close);
    }
  }

  long pid() {
    return pid;
  }

  boolean isStopping() {
    return stopping.get();
  }

  @Override
  public ServiceStatus status() throws TendException {
    HomeStatus home;
    synchronized (nodeAccess) {
      if (stopping.get()) {
        throw new ControlException("Tend is stopping.");
      }
      home = node.status();
    }
    return new ServiceStatus(pid, startedAt, config.listen(), home, node.networkStatus(),
        node.storeState());
  }

  @Override
  public Path controlSocket() {
    return control.socket();
  }

  @Override
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Stops on a thread of its own, so the control thread that asked can finish its answer. */
  void stopSoon(String why) {
    log.accept("stopping: " + why);
    new Thread(this::stop, "tend-stop").start();
  }

  @Override
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      awaitUninterruptibly();
      return;
    }
    try {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).stop();
        } catch (RuntimeException e) {
          log.accept("a component failed to stop: " + e);
        }
      }
      // Waits for a status answer still reading the store.
      synchronized (nodeAccess) {
        node.close();
      }
    } finally {
      stopped.countDown();
    }
  }

  private void awaitUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
