package org.tend.node.crash;

import java.nio.file.Path;
import org.tend.node.ParentWatch;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;

/**
 * Child process: prints {@code started}, then changes a home's passphrase from the first to the
 * second argument passphrase and back, forever, printing {@code changed <n> ok} after each
 * change returns.
 *
 * <p>Arguments: home, current passphrase, other passphrase.
 */
public final class PassphraseFlipper {
  private PassphraseFlipper() {}

  public static void main(String[] args) throws Exception {
    ParentWatch.start();
    Path home = Path.of(args[0]);
    String current = args[1];
    String other = args[2];
    System.out.println("started");
    System.out.flush();
    ParentWatch.checkOutput();
    for (int n = 1; n < 10_000; n++) {
      TendNode.changePassphrase(TestHomes.config(home), TestHomes.passphrase(current),
          TestHomes.passphrase(other));
      String now = other;
      other = current;
      current = now;
      System.out.println("changed " + n + " ok");
      System.out.flush();
      ParentWatch.checkOutput();
    }
  }
}
