package org.tend.node.api.home;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a salvage saved from a damaged home and what it could not read.
 *
 * @param archive the archive written, which the normal restore opens
 * @param saved records saved, by kind (the store's column name, such as {@code entries})
 * @param losses table files with records that could not be read
 * @param notes other damage, in sentences for the member
 */
public record SalvageReport(Path archive, Map<String, Long> saved, List<Loss> losses,
    List<String> notes) {
  public SalvageReport {
    saved = Map.copyOf(saved);
    losses = List.copyOf(losses);
    notes = List.copyOf(notes);
  }

  /**
   * @param kind the kind of the lost records, when the store still says which
   * @param records how many, or -1 when the file could not be read at all
   */
  public record Loss(String file, Optional<String> kind, long records) {}

  public long savedTotal() {
    return saved.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Whether everything the store held was read. */
  public boolean complete() {
    return losses.isEmpty() && notes.isEmpty();
  }
}
