package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tests' JSON reader is strict, so a passing `--json` test means valid JSON. */
class JsonReaderTest {
  @Test
  void readsNestedValues() {
    assertEquals(Map.of("a", List.of(new BigDecimal("1"), "x\n\"y\"", true),
        "b", Map.of("c", new BigDecimal("-2.5e3"))),
        JsonReader.parse(" {\"a\":[1,\"x\\n\\\"y\\\"\",true],\"b\":{\"c\":-2.5e3}} "));
    assertEquals(Arrays.asList(null, "é"), JsonReader.parse("[null,\"\\u00e9\"]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "[1] [2]", "01",
      "\"tab\there\"", "{\"a\":1,\"a\":2}", "NaN", "[1 2]"})
  void rejectsWhatIsNotJson(String text) {
    assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(text));
  }
}
