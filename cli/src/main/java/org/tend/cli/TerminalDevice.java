package org.tend.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Asks for a hidden line on the controlling terminal when standard input or output is
 * redirected, as in {@code echo text | tend journal write}: the JDK then offers no console, but
 * the member is still at a terminal. Echo is turned off with {@code stty} for the read.
 */
final class TerminalDevice {
  private static final File TTY = new File("/dev/tty");

  private TerminalDevice() {}

  /** Empty when there is no controlling terminal to ask on. */
  static Optional<char[]> readHidden(String prompt) {
    try (FileInputStream in = new FileInputStream(TTY);
        FileOutputStream out = new FileOutputStream(TTY)) {
      // Echo goes off before the prompt shows, so nothing typed after it is ever displayed.
      if (!stty("-echo")) {
        return Optional.empty();
      }
      out.write(prompt.getBytes(StandardCharsets.UTF_8));
      out.flush();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try {
        for (int b = in.read(); b != -1 && b != '\n' && b != '\r'; b = in.read()) {
          line.write(b);
        }
      } finally {
        stty("echo");
        out.write('\n');
      }
      byte[] bytes = line.toByteArray();
      CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
      char[] chars = new char[decoded.remaining()];
      decoded.get(chars);
      Arrays.fill(bytes, (byte) 0);
      Arrays.fill(decoded.array(), '\0');
      return Optional.of(chars);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean stty(String setting) {
    try {
      Process stty = new ProcessBuilder("stty", setting).redirectInput(TTY)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return stty.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
