package org.tend.cli.collective;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tend.cli.ExitCodes;
import org.tend.cli.Session;
import org.tend.cli.output.Json;
import org.tend.cli.output.TerminalText;
import org.tend.cli.output.Times;
import org.tend.node.api.collective.CollectiveSummary;
import org.tend.node.api.collective.PeerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "peers", mixinStandardHelpOptions = true,
    description = {"Show, for each other member, whether your node is connected to theirs now,"
        + " when it last was, the address and where it came from, and the round-trip time."})
public final class PeersCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  CollectiveOption which;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Session session = Session.of(spec);
    return session.withNode(Session.Needs.NETWORK, node -> {
      CollectiveSummary c = which.resolve(node);
      List<PeerStatus> peers = node.collectives().peers(c.id());
      if (json) {
        session.out().println(Json.render(peers.stream().map(p -> {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("name", p.member().displayName());
          out.put("fingerprint", p.member().fingerprint().value());
          out.put("connected", p.connected());
          out.put("lastSeen", p.lastSeen().map(Object::toString).orElse(null));
          out.put("address", p.address().orElse(null));
          out.put("addressSource", p.addressSource().orElse(null));
          out.put("roundTripMillis", p.roundTrip().map(Duration::toMillis).orElse(null));
          return out;
        }).toList()));
        return ExitCodes.OK;
      }
      session.out().printf("%s: %d of %d other members connected%n", TerminalText.line(c.name()),
          peers.stream().filter(PeerStatus::connected).count(), peers.size());
      for (PeerStatus p : peers) {
        String state = p.connected() ? "connected"
            : p.lastSeen().map(t -> "last seen " + Times.show(t)).orElse("not reachable");
        String where = p.address().map(a -> TerminalText.line(a) + " ("
                + TerminalText.line(p.addressSource().orElse("?")) + ")")
            .orElse("no address known");
        String rtt = p.connected() ? p.roundTrip().map(d -> ", " + d.toMillis() + " ms")
            .orElse("") : "";
        session.out().printf("  %-16s %s, %s%s%n", TerminalText.line(p.member().displayName()),
            state, where, rtt);
      }
      return ExitCodes.OK;
    });
  }
}
