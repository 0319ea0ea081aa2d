package org.tend.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.NodeConfig;
import org.tend.node.TestHomes;
import org.tend.node.api.home.HomeInUseException;
import org.tend.node.api.home.StorageException;
import org.tend.node.api.home.TendException;
import org.tend.node.api.service.Component;
import org.tend.node.api.service.ListenAddress;
import org.tend.node.api.service.RunningNode;
import org.tend.node.api.service.ServiceConfig;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.HomeLock;

/** Starting and stopping a node as a service: its files, their permissions, its components. */
class NodeServiceTest {
  @TempDir
  Path dir;
  final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void theSocketAndPidFileAreOwnerOnlyAndTheHomeIsMadePrivate() throws Exception {
    Path home = dir.resolve("home");
    NodeConfig config = TestHomes.config(home);
    TestHomes.init(config).close();
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

    RunningNode running = start(config, List.of());
    try {
      assertEquals(home.resolve("control.sock"), running.controlSocket());
      assertEquals("rwx------", permissions(home));
      assertEquals("rw-------", permissions(running.controlSocket()));
      assertEquals("rw-------", permissions(home.resolve("node.pid")));
      assertEquals(ProcessHandle.current().pid() + "\n",
          Files.readString(home.resolve("node.pid"), StandardCharsets.US_ASCII));
    } finally {
      running.stop();
    }
  }

  @Test
  void aSocketLeftByAnAbruptStopMeansNotRunningAndTheNextStartReplacesIt() throws Exception {
    Path home = dir.resolve("home");
    NodeConfig config = TestHomes.config(home);
    TestHomes.init(config).close();
    // What SIGKILL leaves: a socket file nobody accepts on, and a pid file naming a dead process.
    try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      killed.bind(UnixDomainSocketAddress.of(home.resolve("control.sock")));
    }
    Files.writeString(home.resolve("node.pid"), Integer.MAX_VALUE + "\n");
    assertTrue(Files.exists(home.resolve("control.sock")));

    assertEquals(Optional.empty(), NodeServices.connect(home));
    RunningNode running = start(config, List.of());
    try {
      assertEquals(ProcessHandle.current().pid(),
          NodeServices.connect(home).orElseThrow().status().pid());
    } finally {
      running.stop();
    }
  }

  @Test
  void aSecondOpenWhileTheNodeRunsNamesTheNodeAndTendDown() throws Exception {
    Path home = dir.resolve("home");
    NodeConfig config = TestHomes.config(home);
    TestHomes.init(config).close();
    RunningNode running = start(config, List.of());
    try {
      HomeInUseException e = assertThrows(HomeInUseException.class,
          () -> TestHomes.open(config));

      assertEquals("Tend is already running for " + home.toAbsolutePath() + " (pid "
          + ProcessHandle.current().pid() + "); `tend down` stops it.", e.getMessage());
    } finally {
      running.stop();
    }
  }

  @Test
  void aHomeTooLongForASocketAddressGetsAPrivateDirectoryNamedInTheHome() throws Exception {
    Path home = dir.resolve("a".repeat(60)).resolve("b".repeat(60)).resolve("home");
    Path runtime = Files.createDirectory(dir.resolve("run"));
    NodeConfig config = TestHomes.config(home);
    TestHomes.init(config).close();
    assertFalse(ControlSocketPath.fits(home.resolve("control.sock")));

    RunningNode running = start(config, runtime, List.of());
    Path socket = running.controlSocket();
    try {
      assertEquals(runtime, socket.getParent().getParent());
      assertTrue(socket.getParent().getFileName().toString().matches("tend-[0-9a-f]{16}"),
          socket::toString);
      assertEquals("rwx------", permissions(socket.getParent()));
      assertEquals("rw-------", permissions(socket));
      assertEquals(socket + "\n", Files.readString(home.resolve("control.path")));
      assertFalse(Files.exists(home.resolve("control.sock")));
      assertEquals(1, NodeServices.connect(home).map(c -> 1).orElse(0));
      assertEquals(home.toAbsolutePath(),
          NodeServices.connect(home).orElseThrow().status().home().home());
    } finally {
      running.stop();
    }
    assertFalse(Files.exists(socket.getParent()), "the private directory is removed");
    assertFalse(Files.exists(home.resolve("control.path")), "and so is its record");
    assertEquals(Optional.empty(), NodeServices.connect(home));
  }

  @Test
  void refusesASocketDirectoryThatOthersCanOpenAndLeavesTheHomeFree() throws Exception {
    Path home = dir.resolve("c".repeat(60)).resolve("d".repeat(60)).resolve("home");
    Path runtime = Files.createDirectory(dir.resolve("run"));
    NodeConfig config = TestHomes.config(home);
    TestHomes.init(config).close();
    Path squatted = ControlSocketPath.choose(new HomeFiles(home), runtime).getParent();
    Files.createDirectory(squatted, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.setPosixFilePermissions(squatted, PosixFilePermissions.fromString("rwxrwxrwx"));

    StorageException e = assertThrows(StorageException.class,
        () -> start(config, runtime, List.of()));

    assertTrue(e.getMessage().contains("not a directory that only you can open"), e::getMessage);
    assertFalse(Files.exists(home.resolve("node.pid")));
    TestHomes.open(config).close();
  }

  @Test
  void componentsStartInOrderAndStopInReverseWhileTheHomeIsStillLocked() throws Exception {
    Path home = dir.resolve("home");
    NodeConfig config = TestHomes.config(home);
    TestHomes.init(config).close();
    HomeFiles files = new HomeFiles(home.toAbsolutePath());

    RunningNode running = start(config, List.of(recording("first", files),
        recording("second", files)));
    assertEquals(List.of("start first", "start second"), events);
    running.stop();

    assertEquals(List.of("start first", "start second",
        "stop second: socket gone, home locked", "stop first: socket gone, home locked"),
        events);
    TestHomes.open(config).close();
  }

  @Test
  void aComponentThatFailsToStartStopsThoseBeforeItAndClosesTheNode() throws Exception {
    Path home = dir.resolve("home");
    NodeConfig config = TestHomes.config(home);
    TestHomes.init(config).close();
    HomeFiles files = new HomeFiles(home.toAbsolutePath());
    Component failing = new Component() {
      @Override
      public void start() throws TendException {
        throw new TendException("Port 7428 is taken.");
      }

      @Override
      public void stop() {
        events.add("stop failing");
      }
    };

    TendException e = assertThrows(TendException.class,
        () -> start(config, List.of(recording("first", files), failing)));

    assertEquals("Port 7428 is taken.", e.getMessage());
    assertEquals(List.of("start first", "stop first: socket gone, home locked"), events);
    assertFalse(Files.exists(home.resolve("node.pid")));
    assertFalse(Files.exists(home.resolve("control.sock")));
    TestHomes.open(config).close();
  }

  private RunningNode start(NodeConfig config, List<Component> components) throws Exception {
    return start(config, dir.resolve("unused-runtime"), components);
  }

  private RunningNode start(NodeConfig config, Path runtime, List<Component> components)
      throws Exception {
    return NodeServices.start(TestHomes.open(config),
        ServiceConfig.forListen(ListenAddress.DEFAULT).withRuntimeDirectory(runtime),
        components, events::add);
  }

  private Component recording(String name, HomeFiles files) {
    return new Component() {
      @Override
      public void start() {
        events.add("start " + name);
      }

      @Override
      public void stop() {
        boolean socketGone = !Files.exists(files.controlSocket());
        boolean locked;
        try {
          HomeLock.acquire(files).close();
          locked = false;
        } catch (TendException e) {
          locked = true;
        }
        events.add("stop " + name + ": " + (socketGone ? "socket gone" : "socket open") + ", "
            + (locked ? "home locked" : "home free"));
      }
    };
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
