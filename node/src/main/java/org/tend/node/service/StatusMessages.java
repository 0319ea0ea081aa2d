package org.tend.node.service;

import java.nio.file.Path;
import java.time.Instant;
import org.tend.node.api.home.Fingerprint;
import org.tend.node.api.home.HomeStatus;
import org.tend.node.api.home.StoreState;
import org.tend.node.api.service.ControlException;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.service.NetworkStatus;
import org.tend.node.api.service.ServiceStatus;
import org.tend.protocol.control.ControlStatus;
import org.tend.protocol.control.ControlStoreProblem;

/** A node's status as a control message and back. */
final class StatusMessages {
  private StatusMessages() {}

  static ControlStatus toMessage(ServiceStatus status) {
    HomeStatus home = status.home();
    return ControlStatus.newBuilder()
        .setPid(status.pid())
        .setStartedAtEpochMillis(status.startedAt().toEpochMilli())
        .setListenHost(status.listen().host())
        .setListenPort(status.listen().port())
        .setHome(home.home().toString())
        .setFingerprint(home.fingerprint().value())
        .setKdfMemoryMib(home.kdfMemoryMiB())
        .setKdfIterations(home.kdfIterations())
        .setEntries(home.entries())
        .setOpenRepairs(home.openRepairs())
        .setCrisisResources(home.crisisResources())
        .addAllListening(status.network().listening())
        .addAllCollectives(status.network().collectives().stream().map(c ->
            org.tend.protocol.control.ControlCollective.newBuilder().setId(c.id())
                .setName(c.name()).setEpoch(c.epoch()).setActiveMembers(c.activeMembers())
                .setOnline(c.online()).setMyRole(c.myRole()).setMyStatus(c.myStatus())
                .setEvents(c.events()).addAllForks(c.forks()).build())
            .toList())
        .setStoreProblem(switch (status.store().problem()) {
          case NONE -> ControlStoreProblem.CONTROL_STORE_WRITES;
          case DISK_FULL -> ControlStoreProblem.CONTROL_STORE_DISK_FULL;
          case WRITE_ERROR -> ControlStoreProblem.CONTROL_STORE_WRITE_ERROR;
        })
        .setStoreFailingSinceEpochMillis(
            status.store().since().map(Instant::toEpochMilli).orElse(0L))
        .build();
  }

  private static StoreState storeState(ControlStatus message) throws ControlException {
    StoreState.Problem problem = switch (message.getStoreProblem()) {
      case CONTROL_STORE_WRITES -> StoreState.Problem.NONE;
      case CONTROL_STORE_DISK_FULL -> StoreState.Problem.DISK_FULL;
      case CONTROL_STORE_WRITE_ERROR -> StoreState.Problem.WRITE_ERROR;
      default -> throw new ControlException(
          "The running node reported a store state this version does not know.", null);
    };
    return problem == StoreState.Problem.NONE ? StoreState.WRITING
        : StoreState.failing(problem,
            Instant.ofEpochMilli(message.getStoreFailingSinceEpochMillis()));
  }

  static ServiceStatus fromMessage(ControlStatus message) throws ControlException {
    try {
      HomeStatus home = new HomeStatus(Path.of(message.getHome()),
          new Fingerprint(message.getFingerprint()), message.getKdfMemoryMib(),
          message.getKdfIterations(), message.getEntries(), message.getOpenRepairs(),
          message.getCrisisResources());
      return new ServiceStatus(message.getPid(),
          Instant.ofEpochMilli(message.getStartedAtEpochMillis()),
          new ListenAddress(message.getListenHost(), message.getListenPort()), home,
          new NetworkStatus(message.getListeningList(), message.getCollectivesList().stream()
              .map(c -> new NetworkStatus.CollectiveLine(c.getId(), c.getName(), c.getEpoch(),
                  c.getActiveMembers(), c.getOnline(), c.getMyRole(), c.getMyStatus(),
                  c.getEvents(), c.getForksList()))
              .toList()), storeState(message));
    } catch (RuntimeException e) {
      throw new ControlException("The running node sent a status that does not make sense: "
          + e.getMessage(), e);
    }
  }
}
