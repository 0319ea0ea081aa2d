package org.tend.node.simulation;

import java.util.Locale;

/** What a hostile member's node does to the collective. */
public enum Behaviour {
  /** Sends document frames full of junk documents it signed, and bursts of events. */
  FLOOD,
  /** Strips the content from the events of others it passes on. */
  STRIP,
  /** Never passes on others' events. */
  WITHHOLD,
  /** Sends the first handshake messages it received to other nodes, again. */
  REPLAY,
  /** Signs two different events at one place in its log, one for each half of its links. */
  FORK,
  /** Publishes a fork resolution for a log that never forked. */
  FORGE,
  /** Announces peer-exchange addresses where no member listens. */
  BOGUS;

  public static Behaviour parse(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT));
  }
}
