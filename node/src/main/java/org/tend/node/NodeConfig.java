package org.tend.node;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.tend.node.store.StoreOptions;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.Randomness;

/**
 * Everything a node is wired with. Clock and randomness are injected so tests and simulations
 * are reproducible.
 *
 * @param kdfTarget how long the passphrase derivation should take when calibrated at init
 * @param fixedKdf parameters to use instead of calibrating (tests; never below the minimum)
 */
public record NodeConfig(Path home, Clock clock, Randomness randomness, Duration kdfTarget,
    Optional<Argon2Params> fixedKdf, StoreOptions storeOptions) {

  public static final Duration DEFAULT_KDF_TARGET = Duration.ofSeconds(1);

  public NodeConfig {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(randomness, "randomness");
    fixedKdf.ifPresent(kdf -> {
      if (!kdf.isAtLeast(Argon2Params.MINIMUM)) {
        throw new IllegalArgumentException("Argon2id parameters below the minimum: " + kdf);
      }
    });
  }

  /** The configuration a member's node runs with. */
  public static NodeConfig forHome(Path home) {
    return new NodeConfig(home.toAbsolutePath(), Clock.systemUTC(), Randomness.secure(),
        DEFAULT_KDF_TARGET, Optional.empty(), StoreOptions.defaults());
  }

  public NodeConfig withFixedKdf(Argon2Params kdf) {
    return new NodeConfig(home, clock, randomness, kdfTarget, Optional.of(kdf), storeOptions);
  }

  public NodeConfig withClock(Clock other) {
    return new NodeConfig(home, other, randomness, kdfTarget, fixedKdf, storeOptions);
  }
}
