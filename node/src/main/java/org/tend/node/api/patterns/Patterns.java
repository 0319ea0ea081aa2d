package org.tend.node.api.patterns;

import java.time.Instant;
import org.tend.node.api.home.TendException;

/** Computes the member's own patterns, locally. */
public interface Patterns {
  PatternReport since(Instant since) throws TendException;
}
