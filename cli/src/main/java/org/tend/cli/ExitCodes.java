package org.tend.cli;

/** Exit codes, documented in the user guide and `tend --help`. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Anything else that went wrong; the message says what. */
  public static final int FAILURE = 1;
  /** The command line was not understood. */
  public static final int USAGE = 2;
  /** The passphrase does not open the home (or the archive). */
  public static final int WRONG_PASSPHRASE = 3;
  /** No home where one was expected, a home where none should be, or a home in use. */
  public static final int HOME_STATE = 4;
  /** Stored data or an archive failed its integrity check. */
  public static final int DAMAGED = 5;
  /** A command that needs the home's running node (`tend down`) found none. */
  public static final int NOT_RUNNING = 6;
  /**
   * The command line was understood but what it gave was refused: a name too long, a text too
   * large, an id that names nothing. Distinct from {@link #USAGE} so that a script can tell a
   * typo in its own command line from data it passed along.
   */
  public static final int REFUSED_INPUT = 7;

  private ExitCodes() {}
}
