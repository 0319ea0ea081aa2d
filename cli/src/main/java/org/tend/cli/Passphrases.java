package org.tend.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.TendException;

/** Gets passphrases from a file or a hidden prompt; never from the command line itself. */
final class Passphrases {
  static final int MIN_NEW_CHARS = 8;

  private Passphrases() {}

  /** The file name that means standard input, as for most command-line tools. */
  static final String STANDARD_INPUT = "-";

  static Passphrase existing(Optional<Path> file, String prompt) throws TendException {
    if (file.isPresent()) {
      return isStandardInput(file.get()) ? fromStandardInput() : fromFile(file.get());
    }
    return Passphrase.of(ask(prompt));
  }

  /** A new passphrase: from a file or standard input, or typed twice at a hidden prompt. */
  static Passphrase chosen(Optional<Path> file, String prompt) throws TendException {
    char[] first = file.isEmpty() ? ask(prompt)
        : isStandardInput(file.get()) ? standardInputLine() : readFile(file.get());
    if (first.length < MIN_NEW_CHARS) {
      Arrays.fill(first, '\0');
      throw new TendException("Choose a passphrase of at least " + MIN_NEW_CHARS
          + " characters; several unusual words are easiest to remember.");
    }
    if (file.isEmpty()) {
      char[] again = ask("Type it again: ");
      boolean same = Arrays.equals(first, again);
      Arrays.fill(again, '\0');
      if (!same) {
        Arrays.fill(first, '\0');
        throw new TendException("The two passphrases differ; nothing was changed.");
      }
    }
    return Passphrase.of(first);
  }

  static boolean isStandardInput(Path file) {
    return file.toString().equals(STANDARD_INPUT);
  }

  /**
   * One line from standard input, for a node started by `tend up --detach`: its parent writes
   * the passphrase into the pipe and closes it, so it never appears in a command line or an
   * environment that other processes can read. Standard input stays open for the caller.
   */
  static Passphrase fromStandardInput() throws TendException {
    char[] chars = standardInputLine();
    if (chars.length == 0) {
      throw new TendException("No passphrase came on standard input.");
    }
    return Passphrase.of(chars);
  }

  /**
   * The first line of standard input, read a byte at a time so that what follows (the text of
   * `journal write`, say) stays there for the command.
   */
  private static char[] standardInputLine() throws TendException {
    byte[] line = new byte[Passphrase.MAX_BYTES + 1];
    int length = 0;
    try {
      for (int b = System.in.read(); b != -1 && b != '\n'; b = System.in.read()) {
        if (length == line.length) {
          throw new TendException("The passphrase on standard input is longer than "
              + Passphrase.MAX_BYTES + " bytes.");
        }
        line[length++] = (byte) b;
      }
      java.nio.CharBuffer decoded =
          StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(line, 0, length));
      char[] chars = new char[decoded.remaining()];
      decoded.get(chars);
      Arrays.fill(decoded.array(), '\0');
      return chars;
    } catch (IOException e) {
      throw new TendException("Could not read the passphrase from standard input: "
          + e.getMessage(), e);
    } finally {
      Arrays.fill(line, (byte) 0);
    }
  }

  private static Passphrase fromFile(Path file) throws TendException {
    char[] chars = readFile(file);
    if (chars.length == 0) {
      throw new TendException("The passphrase file " + file + " is empty.");
    }
    return Passphrase.of(chars);
  }

  private static char[] readFile(Path file) throws TendException {
    requirePrivate(file);
    try {
      byte[] bytes = Files.readAllBytes(file);
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      java.nio.CharBuffer decoded =
          StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
      char[] exact = new char[decoded.remaining()];
      decoded.get(exact);
      Arrays.fill(decoded.array(), '\0');
      Arrays.fill(bytes, (byte) 0);
      return exact;
    } catch (IOException e) {
      throw new TendException("Could not read the passphrase file " + file + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Refuses a passphrase file that other users of this computer may read or change: one would
   * learn the passphrase, the other could choose it.
   */
  static void requirePrivate(Path file) throws TendException {
    Set<PosixFilePermission> modes;
    try {
      modes = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // no POSIX modes on this file system: nothing to check
    } catch (IOException e) {
      throw new TendException("Could not read the passphrase file " + file + ": "
          + e.getMessage(), e);
    }
    if (modes.contains(PosixFilePermission.GROUP_READ)
        || modes.contains(PosixFilePermission.GROUP_WRITE)
        || modes.contains(PosixFilePermission.OTHERS_READ)
        || modes.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new TendException("The passphrase file " + file + " can be read or changed by"
          + " other users of this computer (" + PosixFilePermissions.toString(modes) + ")."
          + " Make it private first: chmod 600 " + file);
    }
  }

  private static char[] ask(String prompt) throws TendException {
    Console console = System.console();
    char[] typed;
    if (console != null) {
      typed = console.readPassword("%s", prompt);
    } else {
      typed = TerminalDevice.readHidden(prompt).orElseThrow(() -> new TendException(
          "No terminal to ask for the passphrase on; use --passphrase-file FILE or set"
              + " TEND_PASSPHRASE_FILE."));
    }
    if (typed == null) {
      throw new TendException("No passphrase was given.");
    }
    return typed;
  }
}
