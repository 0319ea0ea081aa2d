package org.tend.node.api.resources;

import java.util.List;
import org.tend.node.api.home.TendException;

/** The member's own list of crisis resources, kept encrypted like the journal. */
public interface CrisisResources {

  CrisisResource add(String name, String contact, String note) throws TendException;

  /** Oldest first, so the member's first choice stays on top. */
  List<CrisisResource> list() throws TendException;

  /** Removes the resource whose id starts with {@code idPrefix}; returns what was removed. */
  CrisisResource remove(String idPrefix) throws TendException;
}
