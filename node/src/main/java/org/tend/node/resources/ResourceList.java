package org.tend.node.resources;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.tend.node.api.home.TendException;
import org.tend.node.api.resources.CrisisResource;
import org.tend.node.api.resources.CrisisResources;
import org.tend.node.store.RecordBox;
import org.tend.protocol.proto.CrisisResourceRecord;

/** Crisis resources as sealed records. */
final class ResourceList implements CrisisResources {
  private final RecordBox<CrisisResourceRecord> records;
  private final Clock clock;

  ResourceList(RecordBox<CrisisResourceRecord> records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  @Override
  public CrisisResource add(String name, String contact, String note) throws TendException {
    String id = records.newId();
    CrisisResource resource = new CrisisResource(id, name.strip(), contact.strip(), note.strip(),
        Instant.ofEpochMilli(clock.millis()));
    records.put(id, CrisisResourceRecord.newBuilder()
        .setFormat(1)
        .setName(resource.name())
        .setContact(resource.contact())
        .setNote(resource.note())
        .setAddedAtMillis(resource.addedAt().toEpochMilli())
        .build());
    return resource;
  }

  @Override
  public List<CrisisResource> list() throws TendException {
    return records.all().stream()
        .map(s -> new CrisisResource(s.id(), s.message().getName(), s.message().getContact(),
            s.message().getNote(), Instant.ofEpochMilli(s.message().getAddedAtMillis())))
        .sorted(Comparator.comparing(CrisisResource::addedAt))
        .toList();
  }

  @Override
  public CrisisResource remove(String idPrefix) throws TendException {
    String id = records.resolve(idPrefix).orElseThrow(() -> new TendException(
        "No single crisis resource matches '" + idPrefix + "'; `tend resources list` shows ids."));
    CrisisResource removed = list().stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow();
    records.delete(id);
    return removed;
  }
}
