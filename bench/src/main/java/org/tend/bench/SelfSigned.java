package org.tend.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/**
 * A PKCS#12 key store with one self-signed RSA-2048 certificate, made by the JDK's own
 * {@code keytool} (the JDK has no public API for building certificates). RSA, because the JDK's
 * TLS handshakes are fastest with it: its ECDSA P-256 signatures cost more than RSA's, so an
 * ECDSA baseline would flatter Tend (measured: 84 handshakes/s with P-256 certificates).
 */
final class SelfSigned {
  static final char[] PASSWORD = "benchmark".toCharArray();

  private SelfSigned() {
  }

  static KeyStore keyStore(Path directory, String name) throws Exception {
    Path file = directory.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name,
        "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
        "-dname", "CN=" + name, "-validity", "2", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
