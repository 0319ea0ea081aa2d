package org.tend.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tend.node.NodeConfig;
import org.tend.node.TendNode;
import org.tend.node.api.home.Passphrase;
import org.tend.protocol.crypto.Argon2Params;

/**
 * A home made for tests, with the cheapest Argon2id the node accepts so each command opens it
 * in a fraction of a second instead of the calibrated second `tend init` would choose. Only
 * {@code InitCommandTest} pays for calibration.
 */
public record TestHome(Path home, Path passphraseFile) {
  public static final String PASSPHRASE = "correct horse battery staple";

  /** Creates a home at {@code dir/name} and a passphrase file beside it. */
  public static TestHome create(Path dir, String name) throws Exception {
    Path home = dir.resolve(name);
    TendNode.init(config(home), Passphrase.of(PASSPHRASE.toCharArray())).close();
    return new TestHome(home, passphraseFile(dir));
  }

  /** A home that is not there (yet), with the same passphrase file. */
  public static TestHome absent(Path dir, String name) throws IOException {
    return new TestHome(dir.resolve(name), passphraseFile(dir));
  }

  public static NodeConfig config(Path home) {
    return NodeConfig.forHome(home).withFixedKdf(Argon2Params.MINIMUM);
  }

  public static Path passphraseFile(Path dir) throws IOException {
    Path file = dir.resolve("passphrase");
    if (!Files.exists(file)) {
      writePassphraseFile(file, PASSPHRASE + "\n");
    }
    return file;
  }

  /** Writes a passphrase file readable by its owner only, as Tend requires. */
  public static Path writePassphraseFile(Path file, String contents) throws IOException {
    Files.writeString(file, contents, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-------"));
    return file;
  }

  /** The command followed by {@code --home} and {@code --passphrase-file} for this home. */
  public String[] args(String... command) {
    List<String> all = new ArrayList<>(Arrays.asList(command));
    all.addAll(List.of("--home", home.toString(), "--passphrase-file", passphraseFile.toString()));
    return all.toArray(String[]::new);
  }

  /** Runs the command in this JVM against this home. */
  public CliResult tend(String... command) {
    return InProcess.tend(args(command));
  }

  public TendNode open() throws Exception {
    return TendNode.open(config(home), Passphrase.of(PASSPHRASE.toCharArray()));
  }
}
