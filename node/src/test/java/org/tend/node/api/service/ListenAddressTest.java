package org.tend.node.api.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** `--listen HOST:PORT` as the member types it. */
class ListenAddressTest {
  @Test
  void theDefaultIsEveryInterfaceOnPort7428() {
    assertEquals(new ListenAddress("0.0.0.0", 7428), ListenAddress.DEFAULT);
    assertEquals(ListenAddress.DEFAULT, ListenAddress.parse(ListenAddress.DEFAULT_TEXT));
  }

  @ParameterizedTest
  @CsvSource({"0.0.0.0:7428, 0.0.0.0, 7428", "localhost:1, localhost, 1",
      "node.example.org:65535, node.example.org, 65535", "'[::1]:7428', ::1, 7428",
      "'[::]:9000', ::, 9000", "192.168.1.20:7428, 192.168.1.20, 7428"})
  void readsHostAndPortAndShowsThemTheSameWay(String text, String host, int port) {
    ListenAddress address = ListenAddress.parse(text);

    assertEquals(new ListenAddress(host, port), address);
    assertEquals(text, address.toString());
  }

  @Test
  void acceptsTheHighestPortAndRejectsOnePastIt() {
    assertEquals(65535, ListenAddress.parse("localhost:65535").port());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ListenAddress.parse("localhost:65536"));
    assertEquals("the port must be 1 to 65535, not 65536", e.getMessage());
  }

  @Test
  void acceptsTheLowestPortAndRejectsZero() {
    assertEquals(1, ListenAddress.parse("localhost:1").port());

    assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("localhost:0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "7428", "localhost", "localhost:", ":7428", "localhost:port",
      "localhost:-1", "localhost:123456", "local host:7428", "::1:7428", "[::1]", "[::1]7428",
      "[]:7428", "a/b:7428"})
  void rejectsWhatIsNotHostColonPortSayingWhatIsExpected(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ListenAddress.parse(text));

    assertTrue(e.getMessage().contains("HOST:PORT") || e.getMessage().contains("port")
        || e.getMessage().contains("host"), e::getMessage);
  }

  @Test
  void anIpv6AddressWithoutBracketsGetsAHint() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ListenAddress.parse("::1:7428"));

    assertTrue(e.getMessage().contains("put an IPv6 address in brackets"), e::getMessage);
  }
}
