package org.tend.cli.collective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tend.cli.ExitCodes;
import org.tend.cli.Session;
import org.tend.cli.output.Json;
import org.tend.cli.output.QrText;
import org.tend.cli.output.TerminalText;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.IssuedInvite;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.transport.PeerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "invite", mixinStandardHelpOptions = true,
    description = "Invite someone into a collective.",
    subcommands = InviteCommand.Create.class)
public final class InviteCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Make an invite code: the collective, how to reach your node, and a secret"
          + " that lets its holder join. Give it in person or over a channel you trust;"
          + " it works until used up or expired, and only while your node runs."})
  static final class Create implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectiveOption which;

    @Option(names = "--uses", paramLabel = "N", defaultValue = "1",
        description = "How many people may join with it (1-100, default ${DEFAULT-VALUE}).")
    int uses;

    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "24h",
        description = "How long it works: 30m, 24h, 7d (at most 30d; default ${DEFAULT-VALUE}).")
    String expires;

    @Option(names = "--qr", description = "Also draw it as a QR code, for a phone to scan.")
    boolean qr;

    @Option(names = "--address", paramLabel = "HOST:PORT",
        description = "Where the joiner reaches your node (repeatable; default: the running"
            + " node's listening address, or this machine's addresses when it listens on all).")
    List<String> addresses = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      var validFor = CollectiveText.duration(expires);
      if (uses < 1 || uses > 100) {
        throw new IllegalArgumentException("--uses is 1 to 100, not " + uses + ".");
      }
      if (validFor.isNegative() || validFor.isZero()
          || validFor.compareTo(java.time.Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException("--expires is at most 30d, not '" + expires + "'.");
      }
      List<PeerAddress.Tcp> given = new ArrayList<>();
      for (String text : addresses) {
        ListenAddress parsed = ListenAddress.parse(text);
        given.add(new PeerAddress.Tcp(parsed.host(), parsed.port()));
      }
      Session session = Session.of(spec);
      Session.Needs needs = given.isEmpty() ? Session.Needs.NETWORK : Session.Needs.HOME;
      return session.withNode(needs, node -> {
        CollectiveSummary c = which.resolve(node);
        List<PeerAddress.Tcp> reach = given.isEmpty() ? reachable(node) : given;
        IssuedInvite invite = node.collectives().invite(c.id(), uses, validFor, reach);
        if (json) {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("code", invite.code());
          out.put("collective", c.id().hex());
          out.put("uses", invite.uses());
          out.put("expiresAt", invite.expiresAt().toString());
          out.put("addresses", reach.stream().map(Object::toString).toList());
          session.out().println(Json.render(out));
          return ExitCodes.OK;
        }
        session.out().printf("Invite to %s (%d %s, until %s), reaching your node at %s:%n%n",
            TerminalText.line(c.name()), invite.uses(), invite.uses() == 1 ? "use" : "uses",
            CollectiveText.MINUTE.format(invite.expiresAt()),
            TerminalText.line(String.join(", ", reach.stream().map(Object::toString).toList())));
        session.out().println("  " + invite.code());
        session.out().println();
        if (qr) {
          session.out().println(QrText.render(invite.code()));
        }
        session.out().println("Anyone holding this code can join until it is used up or"
            + " expires: hand it over in person or over a channel you trust.");
        session.out().println("When you meet, compare fingerprints (`tend members`). Yours: "
            + node.fingerprint().value());
        return ExitCodes.OK;
      });
    }

    /** Where the running node can be reached. */
    private static List<PeerAddress.Tcp> reachable(TendNode node) {
      List<PeerAddress.Tcp> out = node.reachableAddresses();
      if (out.isEmpty()) {
        throw new IllegalArgumentException("The running node does not listen anywhere; say"
            + " where to reach it with --address HOST:PORT.");
      }
      return out;
    }
  }
}
