package org.tend.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.tend.node.TendNode;
import org.tend.node.api.collective.LanSettings;
import org.tend.node.api.home.TendException;
import org.tend.node.api.service.Component;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.TransportLimits;

/** The running node's network: listens for members and keeps dialling those it knows. */
final class NetworkComponent implements Component {
  /** How often a node retries members it is not connected to. */
  static final Duration DIAL_INTERVAL = Duration.ofSeconds(10);

  private final TendNode node;
  private final ListenAddress listen;
  private final boolean lan;
  private final Consumer<String> log;

  NetworkComponent(TendNode node, ListenAddress listen, boolean lan, Consumer<String> log) {
    this.node = node;
    this.listen = listen;
    this.lan = lan;
    this.log = log;
  }

  @Override
  public void start() throws TendException {
    Optional<PeerAddress> bound = node.startNetwork(
        Optional.of(new PeerAddress.Tcp(listen.host(), listen.port())),
        TransportLimits.defaults(), DIAL_INTERVAL);
    bound.ifPresent(at -> log.accept("listening for members on " + at));
    if (lan) {
      try {
        int port = node.startLan(LanSettings.defaults());
        log.accept("LAN beacon on UDP port " + port + " (members on this network find you)");
      } catch (TendException e) {
        log.accept("no LAN beacon: " + e.getMessage() + " The node runs without it.");
      }
    }
  }

  @Override
  public void stop() {
    node.stopNetwork();
  }
}
