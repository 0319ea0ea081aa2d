package org.tend.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.transport.Admission;
import org.tend.node.api.transport.Connector;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.api.transport.PeerUnreachableException;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Randomness;

/**
 * A node's network endpoint: listens for members' nodes and connects to them, over TCP or, for
 * tests and the simulator, over in-memory channels with exactly the same pipeline (see
 * {@link TransportPipeline}). Thread-safe; I/O runs on its own daemon threads.
 */
public final class Network implements Connector, AutoCloseable {
  private final TransportPipeline pipeline;
  private final TransportLimits limits;
  private final EventLoopGroup tcp;
  private final EventLoopGroup local;
  private final boolean ownsThreads;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final List<PeerAddress> listening = new CopyOnWriteArrayList<>();

  private Network(Builder b) {
    this.limits = b.limits;
    this.pipeline = new TransportPipeline(new Handshakes(b.identity, b.randomness), b.admission,
        b.listener, b.limits, b.clock, b.nanoTime);
    Threads threads = b.threads != null ? b.threads : new Threads(b.ioThreads, 1);
    this.tcp = threads.tcp;
    this.local = threads.local;
    this.ownsThreads = b.threads == null;
    if (b.firstMessages != null) {
      pipeline.recordFirstMessages(b.firstMessages);
    }
  }

  /**
   * I/O threads for networks. Each network has its own unless given shared ones: the simulator
   * runs hundreds of networks on a few threads. Whoever makes shared threads closes them.
   */
  public static final class Threads implements AutoCloseable {
    private final EventLoopGroup tcp;
    private final EventLoopGroup local;

    private Threads(int tcpThreads, int localThreads) {
      this.tcp = new MultiThreadIoEventLoopGroup(tcpThreads,
          new DefaultThreadFactory("tend-net", true), NioIoHandler.newFactory());
      this.local = new MultiThreadIoEventLoopGroup(localThreads,
          new DefaultThreadFactory("tend-local", true), LocalIoHandler.newFactory());
    }

    /** Threads to share among networks: {@code localThreads} for in-memory channels. */
    public static Threads shared(int localThreads) {
      return new Threads(1, localThreads);
    }

    @Override
    public void close() {
      shutdown(tcp);
      shutdown(local);
    }
  }

  private static void shutdown(EventLoopGroup group) {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Starts configuring a network endpoint for {@code identity}, admitting by {@code admission}. */
  public static Builder builder(NodeIdentity identity, Admission admission) {
    return new Builder(identity, admission);
  }

  /**
   * Listens at {@code address} and returns where it listens (a TCP port 0 becomes the port the
   * system chose).
   *
   * @throws PeerUnreachableException if the address cannot be bound (in use, not local, ...)
   */
  public PeerAddress listen(PeerAddress address) throws PeerUnreachableException {
    ServerBootstrap bootstrap = new ServerBootstrap().childHandler(pipeline.inbound());
    if (address instanceof PeerAddress.Tcp) {
      bootstrap.group(tcp).channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_REUSEADDR, true);
    } else {
      bootstrap.group(local).channel(LocalServerChannel.class);
    }
    ChannelFuture bound = bootstrap.bind(socketAddress(address)).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new PeerUnreachableException(
          "Could not listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
    }
    channels.add(bound.channel());
    PeerAddress actual = peerAddress(bound.channel().localAddress());
    listening.add(actual);
    return actual;
  }

  /** Where this endpoint listens. */
  public List<PeerAddress> listening() {
    return List.copyOf(listening);
  }

  /**
   * Connects to the node of {@code responder} for the collective of {@code key}. Completes with
   * the link once both sides are authenticated, or fails with {@link PeerUnreachableException}.
   */
  @Override
  public CompletableFuture<PeerLink> connect(PeerAddress address, NetworkKey key,
      MemberKey responder) {
    Objects.requireNonNull(responder, "responder");
    if (key.onlyPeer().isPresent() && !key.onlyPeer().get().equals(responder)) {
      throw new IllegalArgumentException("this key may reach only " + key.onlyPeer().get());
    }
    CompletableFuture<PeerLink> established = new CompletableFuture<>();
    Bootstrap bootstrap = new Bootstrap().handler(pipeline.outbound(key, responder, established))
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) limits.handshakeTimeout().toMillis());
    if (address instanceof PeerAddress.Tcp) {
      bootstrap.group(tcp).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
    } else {
      bootstrap.group(local).channel(LocalChannel.class);
    }
    bootstrap.connect(socketAddress(address)).addListener((ChannelFuture f) -> {
      if (f.isSuccess()) {
        channels.add(f.channel());
      } else {
        established.completeExceptionally(new PeerUnreachableException(
            "Could not reach " + address + ": " + f.cause().getMessage(), f.cause()));
      }
    });
    return established;
  }

  /**
   * Sends {@code bytes} on a bare connection to {@code address}, as anyone who can reach it
   * could, and completes with how many bytes came back before the other end closed it or
   * {@code wait} passed. Nothing of this node goes with it: for the simulator's replaying
   * member, which sends first handshake messages it recorded.
   */
  public CompletableFuture<Integer> sendRaw(PeerAddress address, byte[] bytes,
      java.time.Duration wait) {
    CompletableFuture<Integer> answered = new CompletableFuture<>();
    java.util.concurrent.atomic.AtomicInteger back = new java.util.concurrent.atomic.AtomicInteger();
    Bootstrap bootstrap = new Bootstrap().handler(new io.netty.channel.ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof io.netty.buffer.ByteBuf in) {
          back.addAndGet(in.readableBytes());
        }
        io.netty.util.ReferenceCountUtil.release(msg);
      }

      @Override
      public void channelInactive(io.netty.channel.ChannelHandlerContext ctx) {
        answered.complete(back.get());
      }
    });
    if (address instanceof PeerAddress.Tcp) {
      bootstrap.group(tcp).channel(NioSocketChannel.class);
    } else {
      bootstrap.group(local).channel(LocalChannel.class);
    }
    bootstrap.connect(socketAddress(address)).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        answered.complete(0);
        return;
      }
      channels.add(f.channel());
      f.channel().writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(bytes));
      f.channel().eventLoop().schedule(() -> {
        f.channel().close();
      }, wait.toMillis(), TimeUnit.MILLISECONDS);
    });
    return answered;
  }

  /** Closes every connection and listener and stops the I/O threads. */
  @Override
  public void close() {
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (ownsThreads) {
      shutdown(tcp);
      shutdown(local);
    }
  }

  private static SocketAddress socketAddress(PeerAddress address) {
    if (address instanceof PeerAddress.Tcp t) {
      return new InetSocketAddress(t.host(), t.port());
    }
    return new LocalAddress(((PeerAddress.InMemory) address).name());
  }

  private static PeerAddress peerAddress(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return new PeerAddress.Tcp(inet.getAddress().getHostAddress(), inet.getPort());
    }
    return new PeerAddress.InMemory(((LocalAddress) address).id());
  }

  /** Configures a {@link Network}; every setting but identity and admission has a default. */
  public static final class Builder {
    private final NodeIdentity identity;
    private final Admission admission;
    private PeerListener listener = new PeerListener() { };
    private TransportLimits limits = TransportLimits.defaults();
    private Clock clock = Clock.systemUTC();
    private Randomness randomness = Randomness.secure();
    private LongSupplier nanoTime = System::nanoTime;
    private int ioThreads = 2;
    private Threads threads;
    private java.util.function.Consumer<byte[]> firstMessages;

    private Builder(NodeIdentity identity, Admission admission) {
      this.identity = Objects.requireNonNull(identity, "identity");
      this.admission = Objects.requireNonNull(admission, "admission");
    }

    public Builder listener(PeerListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    public Builder limits(TransportLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /** The wall clock for handshake timestamps. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder randomness(Randomness value) {
      this.randomness = Objects.requireNonNull(value, "randomness");
      return this;
    }

    /** The monotonic time source for rate limits and round-trip times. */
    public Builder nanoTime(LongSupplier value) {
      this.nanoTime = Objects.requireNonNull(value, "nanoTime");
      return this;
    }

    public Builder ioThreads(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("ioThreads must be positive: " + value);
      }
      this.ioThreads = value;
      return this;
    }

    /** Runs on shared threads, which outlive this network. */
    public Builder threads(Threads value) {
      this.threads = Objects.requireNonNull(value, "threads");
      return this;
    }

    /**
     * Hands the first handshake message of every inbound connection, as it arrived, to
     * {@code sink}: what a node modified to replay them would keep. For the simulator only.
     */
    public Builder recordFirstMessages(java.util.function.Consumer<byte[]> sink) {
      this.firstMessages = Objects.requireNonNull(sink, "sink");
      return this;
    }

    public Network start() {
      return new Network(this);
    }
  }
}
