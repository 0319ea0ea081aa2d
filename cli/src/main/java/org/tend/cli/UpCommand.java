package org.tend.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.tend.cli.output.TerminalText;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.service.RunningNode;
import org.tend.node.api.service.ServiceConfig;
import org.tend.node.service.NodeServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Run your node until stopped (in the background with --detach).",
        "It unlocks your home once and keeps it open, answering `tend status` and `tend down`"
            + " over a socket only your OS user can open. In the foreground it runs until"
            + " Ctrl-C; with --detach it returns once the node answers, and the node writes to"
            + " <home>/node.log."})
final class UpCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--detach",
      description = "Run in the background and return once the node answers.")
  boolean detach;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = ListenAddress.DEFAULT_TEXT,
      converter = ListenConverter.class,
      description = {"Where your collective's peers reach this node (default: ${DEFAULT-VALUE},"
          + " every interface). Put IPv6 addresses in brackets: [::]:7428."})
  ListenAddress listen;

  @Option(names = "--lan",
      description = {"Also find other members on this local network (a meeting's Wi-Fi, say):"
          + " the node broadcasts where it listens every 30 s on UDP port 17177, sealed so only"
          + " members can read it, and dials members it hears. Off by default: anyone on the"
          + " network can see that something broadcasts there."})
  boolean lan;

  /** How a detached node gets its passphrase from the command that started it. */
  @Option(names = "--passphrase-stdin", hidden = true)
  boolean passphraseFromStandardInput;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    NodeConfig config = session.config();
    if (!TendNode.exists(config)) {
      throw new HomeNotFoundException(config.home());
    }
    session.refuseIfNodeRunning();
    if (detach) {
      return DetachedStart.run(session, listen, lan);
    }
    TendNode node;
    if (passphraseFromStandardInput) {
      try (Passphrase passphrase = Passphrases.fromStandardInput()) {
        node = TendNode.open(config, passphrase);
      }
    } else {
      node = session.open();
    }
    Consumer<String> log = log(session.err());
    RunningNode running = NodeServices.start(node, ServiceConfig.forListen(listen),
        List.of(new NetworkComponent(node, listen, lan, log)), call -> Main.runInside(node, call),
        log);
    // Ctrl-C and SIGTERM end the JVM once its hooks finish: the hook stops the node cleanly
    // and says so itself, since this thread may not get to run again.
    // Unlocking's Argon2id memory is garbage now: collect it so the heap shrinks and an idle
    // node stays small.
    System.gc();
    Runnable stopped = once(() -> session.out().println("Tend has stopped."));
    Thread hook = new Thread(() -> {
      running.stop();
      stopped.run();
    }, "tend-stop-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    session.out().printf("Tend is running for %s (pid %d), listening on %s. Press Ctrl-C or run"
        + " `tend down` to stop.%n", config.home(), ProcessHandle.current().pid(),
        String.join(", ", node.listening().stream().map(Object::toString).toList()));
    running.awaitStopped();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // The JVM is already shutting down: the hook has done its work.
    }
    stopped.run();
    return ExitCodes.OK;
  }

  /** Runs {@code action} the first time only; a second caller waits until it has finished. */
  private static Runnable once(Runnable action) {
    return new Runnable() {
      private boolean done;

      @Override
      public synchronized void run() {
        if (!done) {
          done = true;
          action.run();
        }
      }
    };
  }

  private static Consumer<String> log(PrintWriter err) {
    return line -> err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " "
        + TerminalText.line(line));
  }

  /** Turns a wrong `--listen` into a usage error that says what is expected. */
  static final class ListenConverter implements ITypeConverter<ListenAddress> {
    @Override
    public ListenAddress convert(String value) {
      try {
        return ListenAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
