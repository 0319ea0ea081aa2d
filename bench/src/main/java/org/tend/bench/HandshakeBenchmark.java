package org.tend.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.transport.Network;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;

/**
 * A new connection between two members' nodes over loopback TCP, through the whole Netty
 * pipeline (gate, Noise_XXpsk0 handshake, authorisation, welcome), against a JDK TLS 1.3
 * handshake with client authentication (RSA-2048 certificates, no session resumption) over
 * loopback sockets. Both sides of each run in this JVM, as both sides of each handshake cost
 * the machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBenchmark {

  /** Two Tend nodes, one listening on loopback. */
  @State(Scope.Benchmark)
  public static class Nodes {
    Network server;
    Network client;
    PeerAddress at;
    NetworkKey key;
    MemberKey serverKey;

    @Setup(Level.Trial)
    public void start() throws Exception {
      Randomness random = Randomness.secure();
      NodeIdentity serverIdentity = NodeIdentity.generate(random);
      NodeIdentity clientIdentity = NodeIdentity.generate(random);
      CollectiveId collective = CollectiveId.of(random.bytes(CollectiveId.LENGTH));
      key = new NetworkKey(collective, 0, SecretBytes.random(random, 32));
      serverKey = MemberKey.of(serverIdentity.signing().publicKey());
      Set<MemberKey> members = Set.of(serverKey,
          MemberKey.of(clientIdentity.signing().publicKey()));
      Admission admission = new Admission() {
        @Override
        public List<NetworkKey> networkKeys() {
          return List.of(key);
        }

        @Override
        public boolean isMember(CollectiveId c, MemberKey member) {
          return c.equals(collective) && members.contains(member);
        }
      };
      // Many connections from one address in quick succession: lift the per-address cap.
      TransportLimits limits = new TransportLimits(1 << 20, 10_000, 200, 400,
          java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5),
          java.time.Duration.ofMinutes(10));
      SteppingClock clock = new SteppingClock();
      server = Network.builder(serverIdentity, admission).limits(limits).clock(clock).start();
      client = Network.builder(clientIdentity, admission).limits(limits).clock(clock).start();
      at = server.listen(new PeerAddress.Tcp("127.0.0.1", 0));
    }

    @TearDown(Level.Trial)
    public void stop() {
      client.close();
      server.close();
    }
  }

  /** A TLS 1.3 server accepting on loopback, and a client context, both with certificates. */
  @State(Scope.Benchmark)
  public static class Tls {
    SSLContext serverContext;
    SSLContext clientContext;
    SSLServerSocket listener;
    ExecutorService acceptor;
    ExecutorService workers;
    Path scratch;

    @Setup(Level.Trial)
    public void start() throws Exception {
      scratch = ScratchDirectory.create("tls");
      KeyStore serverKeys = SelfSigned.keyStore(scratch, "server");
      KeyStore clientKeys = SelfSigned.keyStore(scratch, "client");
      serverContext = context(serverKeys, clientKeys);
      clientContext = context(clientKeys, serverKeys);
      listener = (SSLServerSocket) serverContext.getServerSocketFactory()
          .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      listener.setEnabledProtocols(new String[] {"TLSv1.3"});
      listener.setNeedClientAuth(true);
      acceptor = Executors.newSingleThreadExecutor();
      workers = Executors.newFixedThreadPool(2);
      acceptor.submit(this::serve);
    }

    /** Accepts on one thread and handshakes on others, as a real server would. */
    private void serve() {
      while (!listener.isClosed()) {
        try {
          SSLSocket socket = (SSLSocket) listener.accept();
          workers.submit(() -> answer(socket));
        } catch (IOException e) {
          // the listener closed, or one accept failed; the loop decides
        }
      }
    }

    private static void answer(SSLSocket socket) {
      try (socket) {
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        socket.getOutputStream().write(1); // the client waits for this: both sides done
        socket.getOutputStream().flush();
        socket.getSession().invalidate();
      } catch (IOException e) {
        // the client went away; nothing to clean up beyond the socket
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      listener.close();
      acceptor.shutdownNow();
      workers.shutdownNow();
      ScratchDirectory.delete(scratch);
    }

    private static SSLContext context(KeyStore own, KeyStore trusted) throws Exception {
      KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
      keys.init(own, SelfSigned.PASSWORD);
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      context.getClientSessionContext().setSessionCacheSize(1);
      context.getServerSessionContext().setSessionCacheSize(1);
      return context;
    }
  }

  /** Connect, complete the handshake and authorisation on both sides, close. */
  @Benchmark
  public PeerLink noiseConnect(Nodes nodes) throws Exception {
    PeerLink link = nodes.client.connect(nodes.at, nodes.key, nodes.serverKey).get(10, TimeUnit.SECONDS);
    link.close();
    return link;
  }

  /** Connect, complete a mutually authenticated TLS 1.3 handshake on both sides, close. */
  @Benchmark
  public int tlsConnect(Tls tls) throws Exception {
    try (SSLSocket socket = (SSLSocket) tls.clientContext.getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), tls.listener.getLocalPort())) {
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setTcpNoDelay(true);
      socket.startHandshake();
      InputStream in = socket.getInputStream();
      int done = in.read();
      socket.getSession().invalidate(); // no resumption: every handshake is a full one
      return done;
    }
  }
}
