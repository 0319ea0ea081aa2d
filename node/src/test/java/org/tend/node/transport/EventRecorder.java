package org.tend.node.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Put last in a test pipeline: remembers every user event and whether the channel became active
 * as far as this point, and passes everything on unchanged.
 */
final class EventRecorder extends ChannelInboundHandlerAdapter {
  final List<Object> events = new CopyOnWriteArrayList<>();
  volatile boolean sawActive;

  <T> List<T> eventsOf(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    sawActive = true;
    super.channelActive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    events.add(event);
    super.userEventTriggered(ctx, event);
  }
}
