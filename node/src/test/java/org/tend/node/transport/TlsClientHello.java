package org.tend.node.transport;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/** The first bytes a JDK TLS 1.3 client sends: a real ClientHello record. */
final class TlsClientHello {
  private TlsClientHello() {
  }

  static byte[] bytes() throws Exception {
    SSLEngine engine = SSLContext.getDefault().createSSLEngine("tend.example", 443);
    engine.setUseClientMode(true);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] hello = new byte[out.remaining()];
    out.get(hello);
    if (hello[0] != 0x16) {
      throw new IllegalStateException("not a TLS handshake record");
    }
    return hello;
  }
}
