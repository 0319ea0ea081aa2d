package org.tend.node.api.replication;

import java.util.List;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.PeerAddress;

/** Where members' nodes say they can be reached, as heard through peer exchange. */
public interface AddressBook {
  void heard(CollectiveId collective, MemberKey member, List<PeerAddress.Tcp> addresses);
}
