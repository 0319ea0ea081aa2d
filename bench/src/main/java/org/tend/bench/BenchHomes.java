package org.tend.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.TendException;
import org.tend.protocol.crypto.Argon2Params;

/** Creating and opening the homes the benchmarks measure. */
final class BenchHomes {
  private static final String PASSPHRASE = "correct horse battery staple";

  private BenchHomes() {}

  /** A home with the cheapest accepted key derivation, for benchmarks that do not unlock. */
  static NodeConfig minimumKdf(Path home) {
    return NodeConfig.forHome(home).withFixedKdf(Argon2Params.MINIMUM);
  }

  static TendNode init(NodeConfig config) throws TendException {
    try (Passphrase passphrase = passphrase()) {
      return TendNode.init(config, passphrase);
    }
  }

  static TendNode open(NodeConfig config) throws TendException {
    try (Passphrase passphrase = passphrase()) {
      return TendNode.open(config, passphrase);
    }
  }

  /** The passphrase as the key derivation sees it (it is ASCII, so NFC changes nothing). */
  static byte[] passphraseBytes() {
    return PASSPHRASE.getBytes(StandardCharsets.UTF_8);
  }

  static Passphrase passphrase() {
    return Passphrase.of(PASSPHRASE.toCharArray());
  }
}
