package org.tend.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after the command's name. */
public final class GlobalOptions {
  @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "The Tend home to use (default: $TEND_HOME, else $XDG_DATA_HOME/tend,"
          + " else ~/.local/share/tend).")
  Path home;

  @Option(names = "--passphrase-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Read the passphrase from the first line of FILE instead of asking"
          + " (default: $TEND_PASSPHRASE_FILE); - reads the first line of standard input."
          + " Keep FILE readable only by you.")
  Path passphraseFile;

  public Path home() {
    if (home != null) {
      return home.toAbsolutePath();
    }
    String env = System.getenv("TEND_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("tend").toAbsolutePath();
  }

  public Optional<Path> passphraseFile() {
    if (passphraseFile != null) {
      return Optional.of(passphraseFile);
    }
    String env = System.getenv("TEND_PASSPHRASE_FILE");
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(Path.of(env));
  }
}
