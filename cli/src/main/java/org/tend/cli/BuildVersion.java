package org.tend.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What `tend --version` says: the release and the commit it was built from, so that a member
 * asking for help can name exactly which Tend they run.
 */
public final class BuildVersion implements IVersionProvider {
  private static final String RESOURCE = "build.properties";

  @Override
  public String[] getVersion() throws IOException {
    Properties build = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        build.load(in);
      }
    }
    return new String[] {describe(build)};
  }

  /** The version line for what the build wrote into build.properties. */
  static String describe(Properties build) {
    String version = known(build.getProperty("version"), "unknown version")
        .replace("-SNAPSHOT", " (development)");
    String commit = known(build.getProperty("commit"), "");
    if (commit.isEmpty()) {
      return "Tend " + version + ", built outside a git checkout";
    }
    String date = known(build.getProperty("commit.date"), "");
    return "Tend " + version + ", commit " + commit + (date.isEmpty() ? "" : " of " + date);
  }

  /** A property Maven filled in, or {@code otherwise} where it left the placeholder. */
  private static String known(String value, String otherwise) {
    return value == null || value.isBlank() || value.startsWith("${") ? otherwise : value.strip();
  }
}
