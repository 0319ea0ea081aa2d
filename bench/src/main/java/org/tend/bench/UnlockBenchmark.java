package org.tend.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.Fingerprint;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.Keystores;
import org.tend.protocol.crypto.Argon2Params;
import org.tend.protocol.crypto.Argon2id;
import org.tend.protocol.crypto.SecretBytes;

/**
 * Opening a home (unlock, open the store, close) against the Argon2id derivation alone with the
 * home's own parameters: the difference is what unlocking costs beyond the deliberate KDF.
 *
 * <p>JMH runs each method in its own JVM, and calibration there may choose different
 * parameters. {@link Report} therefore passes one {@link #home} to both: whichever runs first
 * creates it, so the other reads the same parameters back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UnlockBenchmark {
  /** Calibrated as a member's node is, to about one second on this machine. */
  public static final String CALIBRATED = "calibrated";
  /** {@link Argon2Params#MINIMUM}: only for smoke tests. */
  public static final String MINIMUM = "minimum";

  /** Home to unlock, created if absent and kept; blank for a private home deleted afterwards. */
  @Param("")
  public String home;

  @Param(CALIBRATED)
  public String kdf;

  private Path scratch;
  private NodeConfig config;
  private Argon2Params params;
  private byte[] salt;

  @Setup(Level.Trial)
  public void createHome() throws Exception {
    Path directory;
    if (home.isBlank()) {
      scratch = ScratchDirectory.create("unlock");
      directory = scratch.resolve("home");
    } else {
      directory = Path.of(home);
    }
    config = switch (kdf) {
      case CALIBRATED -> NodeConfig.forHome(directory);
      case MINIMUM -> BenchHomes.minimumKdf(directory);
      default -> throw new IllegalArgumentException("kdf must be calibrated or minimum: " + kdf);
    };
    if (!TendNode.exists(config)) {
      BenchHomes.init(config).close();
    }
    params = Keystores.kdfOf(new HomeFiles(config.home()));
    salt = new byte[16];
    new SplittableRandom(1).nextBytes(salt);
  }

  @TearDown(Level.Trial)
  public void deleteHome() {
    ScratchDirectory.delete(scratch);
  }

  /** The parameters the home was created with; both methods derive with these. */
  public Argon2Params params() {
    return params;
  }

  @Benchmark
  public Fingerprint unlock() throws Exception {
    try (TendNode node = BenchHomes.open(config)) {
      return node.fingerprint();
    }
  }

  @Benchmark
  public int argon2() {
    try (SecretBytes key = Argon2id.derive(BenchHomes.passphraseBytes(), salt, params, 32)) {
      return key.length();
    }
  }
}
