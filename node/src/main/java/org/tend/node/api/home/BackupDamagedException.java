package org.tend.node.api.home;

import java.nio.file.Path;

/** A backup archive failed its integrity check; nothing was restored. */
public final class BackupDamagedException extends TendException {
  public BackupDamagedException(Path archive) {
    super("The backup " + archive + " is damaged or was altered (it failed its integrity"
        + " check); nothing was restored.");
  }
}
