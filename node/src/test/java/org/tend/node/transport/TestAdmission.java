package org.tend.node.transport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.NetworkKey;

/** An admission whose keys and members a test sets directly. */
final class TestAdmission implements Admission {
  private final List<NetworkKey> keys = new CopyOnWriteArrayList<>();
  private final Map<CollectiveId, Set<MemberKey>> members = new ConcurrentHashMap<>();

  TestAdmission accept(NetworkKey key) {
    keys.add(key);
    return this;
  }

  TestAdmission member(CollectiveId collective, MemberKey member) {
    members.computeIfAbsent(collective, c -> ConcurrentHashMap.newKeySet()).add(member);
    return this;
  }

  void remove(CollectiveId collective, MemberKey member) {
    members.getOrDefault(collective, Set.of()).remove(member);
  }

  @Override
  public List<NetworkKey> networkKeys() {
    return List.copyOf(keys);
  }

  @Override
  public boolean isMember(CollectiveId collective, MemberKey member) {
    return members.getOrDefault(collective, Set.of()).contains(member);
  }
}
