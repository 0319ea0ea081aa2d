package org.tend.node;

/**
 * Ends a child JVM when its parent goes away (its standard input closes, or nobody reads its
 * output any more), so a crashed test run never leaves a writer running in a temporary
 * directory.
 */
public final class ParentWatch {
  private ParentWatch() {}

  /** Halts when the parent stopped reading what {@code System.out} was given. */
  public static void checkOutput() {
    if (System.out.checkError()) {
      Runtime.getRuntime().halt(4);
    }
  }

  public static void start() {
    Thread watch = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // Nothing is ever sent; only the end of the stream matters.
        }
      } catch (java.io.IOException e) {
        // Treat a broken stream like a closed one.
      }
      Runtime.getRuntime().halt(3);
    }, "parent-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
