package org.tend.node.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.LongSupplier;

/**
 * A token bucket on inbound frames: {@code burst} frames at once, refilled at {@code perSecond}.
 * Frames beyond it are dropped; a peer that has {@code burst} frames dropped within one second
 * is flooding and is disconnected (counting in a row would let a flood at a few times the rate
 * go on for ever, since the bucket refills a token between drops). Time comes from an injected
 * nanosecond source.
 */
final class RateLimiter extends ChannelInboundHandlerAdapter {
  private static final double NANOS_PER_SECOND = 1e9;

  private final int perSecond;
  private final int burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long refilledAt;
  private int droppedThisSecond;
  private long secondStartedAt;
  private long dropped;

  RateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
    if (perSecond <= 0 || burst <= 0) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.refilledAt = nanoTime.getAsLong();
    this.secondStartedAt = refilledAt;
  }

  /** Frames dropped on this connection so far. */
  long dropped() {
    return dropped;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (double) (now - refilledAt) * perSecond / NANOS_PER_SECOND);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      ctx.fireChannelRead(msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    dropped++;
    if (now - secondStartedAt >= NANOS_PER_SECOND) {
      secondStartedAt = now;
      droppedThisSecond = 0;
    }
    if (++droppedThisSecond >= burst) {
      ctx.close();
    }
  }
}
