package org.tend.node.api.home;

import java.nio.file.Path;

/** A home already exists where a new one was to be created; it was left untouched. */
public final class HomeExistsException extends TendException {
  public HomeExistsException(Path home) {
    super("A Tend home already exists at " + home + "; it was left untouched.");
  }
}
