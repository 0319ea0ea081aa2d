package org.tend.node.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has received nothing for the idle timeout. Members' nodes ping
 * well within it (see {@link PeerSessionHandler}), so only dead or silent peers are cut.
 */
final class IdleCloser extends IdleStateHandler {
  IdleCloser(Duration idleTimeout) {
    super(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
    ctx.close();
  }
}
