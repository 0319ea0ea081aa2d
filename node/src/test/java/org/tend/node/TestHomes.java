package org.tend.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.tend.node.api.home.Passphrase;
import org.tend.node.keystore.HomeFiles;
import org.tend.protocol.crypto.Argon2Params;

/** Configurations and passphrases for homes under a test's temporary directory. */
public final class TestHomes {
  /** The passphrase most tests create their home with. */
  public static final String PASSPHRASE = "correct horse battery staple";

  private TestHomes() {}

  /** A member's configuration, but with the cheapest Argon2id the node accepts (~0.2 s). */
  public static NodeConfig config(Path home) {
    return NodeConfig.forHome(home).withFixedKdf(Argon2Params.MINIMUM);
  }

  /** A fresh passphrase object (the node may zero what it is given). */
  public static Passphrase passphrase(String words) {
    return Passphrase.of(words.toCharArray());
  }

  public static Passphrase passphrase() {
    return passphrase(PASSPHRASE);
  }

  public static TendNode init(NodeConfig config) throws Exception {
    return TendNode.init(config, passphrase());
  }

  public static TendNode open(NodeConfig config) throws Exception {
    return TendNode.open(config, passphrase());
  }

  /** Copies a closed home, file by file, to a path that does not exist yet. */
  public static void copyHome(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : all.toList()) {
        Files.copy(source, to.resolve(from.relativize(source).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  /** The RocksDB directory inside a home. */
  public static Path storeOf(Path home) {
    return new HomeFiles(home.toAbsolutePath()).store();
  }

  /** The keystore file inside a home. */
  public static Path keystoreOf(Path home) {
    return new HomeFiles(home.toAbsolutePath()).keystore();
  }
}
