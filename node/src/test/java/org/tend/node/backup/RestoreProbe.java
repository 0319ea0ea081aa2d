package org.tend.node.backup;

import java.nio.file.Path;
import org.tend.node.ParentWatch;
import org.tend.node.TendNode;
import org.tend.node.TestHomes;
import org.tend.node.api.home.TendException;

/**
 * Child process: restores an archive and prints {@code restored} or {@code refused <exception>},
 * so a test can give up on a restore that never ends without leaving a busy thread behind.
 *
 * <p>Arguments: archive, target home.
 */
public final class RestoreProbe {
  private RestoreProbe() {}

  public static void main(String[] args) {
    ParentWatch.start();
    try {
      TendNode.restore(TestHomes.config(Path.of(args[1])), Path.of(args[0]),
          TestHomes.passphrase());
      System.out.println("restored");
    } catch (TendException e) {
      System.out.println("refused " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    System.out.flush();
  }
}
