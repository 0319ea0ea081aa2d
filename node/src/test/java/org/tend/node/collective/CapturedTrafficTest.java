package org.tend.node.collective;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.node.TendNode;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.collective.Role;
import org.tend.node.api.collective.Rules;
import org.tend.node.api.transport.PeerAddress;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.EpochKeys;

/**
 * Captured loopback traffic between members contains no display name, collective name or
 * invite secret in plaintext: every byte between the joiners and the founder passes through a
 * recording relay while the collective forms, grows, grants a role and removes someone.
 */
class CapturedTrafficTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String COLLECTIVE = "ZZMARKER-COLLECTIVE-7731";
  private static final String FOUNDER = "ZZMARKER-FOUNDER-4410";
  private static final String ANA = "ZZMARKER-ANA-2291";
  private static final String BO = "ZZMARKER-BO-5583";
  private static final String REASON = "ZZMARKER-REASON-9034 shared the meeting place";
  private static final String NOTICE = "ZZMARKER-NOTICE-1187 circle moves to the old bakery";
  private static final String REPLY = "ZZMARKER-REPLY-6620 bring blankets";
  private static final String AFTER_REMOVAL = "ZZMARKER-AFTER-3358 new place: the library";

  @TempDir
  Path root;
  private Collective nodes;
  private RecordingRelay relay;

  @AfterEach
  void close() throws IOException {
    if (nodes != null) {
      nodes.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void capturedTrafficHoldsNoNameReasonInviteSecretOrKeyInTheClear() throws Exception {
    nodes = new Collective(root);
    TendNode founder = nodes.node("founder");
    TendNode ana = nodes.node("ana");
    TendNode bo = nodes.node("bo");
    relay = new RecordingRelay(Collective.address(founder));

    CollectiveId id = founder.collectives().create(COLLECTIVE, FOUNDER, Rules.defaults()).id();
    String code = founder.collectives().invite(id, 2, Duration.ofHours(1),
        List.of(relay.address())).code();
    InviteCode invite = InviteCode.decode(code);
    assertEquals(List.of(relay.address()), invite.addresses(), "joiners go through the relay");

    assertEquals(COLLECTIVE, ana.collectives().join(code, ANA).name());
    assertEquals(COLLECTIVE, bo.collectives().join(code, BO).name());
    MemberKey anaKey = ana.collectives().manager().me();
    MemberKey boKey = bo.collectives().manager().me();
    for (TendNode observer : List.of(founder, ana, bo)) {
      await().atMost(WAIT).until(() -> observer.collectives().members(id).size() == 3);
    }

    founder.collectives().grantFacilitator(id, anaKey);
    await().atMost(WAIT).until(() -> bo.collectives().members(id).stream()
        .anyMatch(m -> m.key().equals(anaKey) && m.role() == Role.FACILITATOR));
    await().atMost(WAIT).until(() -> founder.collectives().online(id) == 2);
    founder.replication().board().post(id, NOTICE);
    ana.replication().board().post(id, REPLY);
    await().atMost(WAIT).until(() -> bo.replication().board().list(id).size() == 2);

    assertTrue(founder.collectives().remove(id, boKey, REASON).inEffect());
    await().atMost(WAIT).until(() -> ana.collectives().resolve(Optional.of(id.hex())).epoch() == 1);
    await().atMost(WAIT).until(() -> !Collective.isActiveIn(ana, id, boKey));
    await().atMost(WAIT).until(() -> founder.collectives().online(id) == 1);
    founder.replication().board().post(id, AFTER_REMOVAL);
    await().atMost(WAIT).until(() -> ana.replication().board().list(id).size() == 3);

    Map<String, byte[]> secrets = new LinkedHashMap<>();
    for (String text : List.of(COLLECTIVE, FOUNDER, ANA, BO, REASON, NOTICE, REPLY,
        AFTER_REMOVAL)) {
      secrets.put(text + " (UTF-8)", text.getBytes(StandardCharsets.UTF_8));
      secrets.put(text + " (UTF-16BE)", text.getBytes(StandardCharsets.UTF_16BE));
      secrets.put(text + " (UTF-16LE)", text.getBytes(StandardCharsets.UTF_16LE));
    }
    secrets.put("the marker prefix", "ZZMARKER".getBytes(StandardCharsets.UTF_8));
    secrets.put("the invite code", code.getBytes(StandardCharsets.US_ASCII));
    secrets.put("the invite code without dashes",
        code.replace("-", "").getBytes(StandardCharsets.US_ASCII));
    secrets.put("the invite secret", invite.secret().exposeSecret());
    try (SecretBytes joinKey = invite.joinKey()) {
      secrets.put("the invite's join key", joinKey.exposeSecret());
    }
    Map<Integer, EpochKeys> keys = ana.collectives().manager().keysOf(id);
    assertEquals(2, keys.size(), "Ana holds the keys of epochs 0 and 1");
    keys.forEach((epoch, k) -> {
      secrets.put("epoch " + epoch + " network key", k.getNetworkKey().toByteArray());
      secrets.put("epoch " + epoch + " content key", k.getContentKey().toByteArray());
    });

    List<byte[]> captured = relay.captured();
    long total = captured.stream().mapToLong(s -> s.length).sum();
    assertTrue(total > 2048, "the relay saw real traffic, " + total + " bytes");
    assertTrue(relay.connections() >= 4,
        "two join links and at least two member links, was " + relay.connections());
    List<String> found = new ArrayList<>();
    secrets.forEach((what, bytes) -> {
      if (captured.stream().anyMatch(stream -> contains(stream, bytes))) {
        found.add(what);
      }
    });
    assertEquals(List.of(), found, "in the clear on the wire");

    // The search can fail: bytes sent in the clear through the same relay are found.
    byte[] canary = "ZZMARKER-CANARY-plain".getBytes(StandardCharsets.UTF_8);
    try (Socket raw = new Socket(relay.address().host(), relay.address().port())) {
      raw.getOutputStream().write(canary);
      raw.getOutputStream().flush();
      await().atMost(WAIT).until(() -> relay.captured().stream()
          .anyMatch(stream -> contains(stream, canary)));
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    return org.tend.node.DiskScan.indexOf(haystack, needle) >= 0;
  }

  /**
   * Accepts connections on loopback and forwards each to the target, recording every byte in
   * each direction of each connection as its own stream.
   */
  static final class RecordingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final PeerAddress.Tcp target;
    private final List<ByteArrayOutputStream> streams = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RecordingRelay(PeerAddress.Tcp target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      daemon("relay-accept", this::acceptLoop).start();
    }

    PeerAddress.Tcp address() {
      return new PeerAddress.Tcp(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    int connections() {
      return streams.size() / 2;
    }

    List<byte[]> captured() {
      List<byte[]> out = new ArrayList<>();
      for (ByteArrayOutputStream stream : streams) {
        synchronized (stream) {
          out.add(stream.toByteArray());
        }
      }
      return out;
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream = new Socket(target.host(), target.port());
          sockets.add(client);
          sockets.add(upstream);
          ByteArrayOutputStream up = new ByteArrayOutputStream();
          ByteArrayOutputStream down = new ByteArrayOutputStream();
          streams.add(up);
          streams.add(down);
          daemon("relay-up", () -> pump(client, upstream, up)).start();
          daemon("relay-down", () -> pump(upstream, client, down)).start();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
      byte[] buffer = new byte[8192];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (record) {
            record.write(buffer, 0, n);
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side went away
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    private static Thread daemon(String name, Runnable body) {
      Thread thread = new Thread(body, name);
      thread.setDaemon(true);
      return thread;
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      sockets.forEach(RecordingRelay::closeQuietly);
    }
  }
}
