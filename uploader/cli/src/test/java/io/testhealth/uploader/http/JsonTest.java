package io.testhealth.uploader.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void readsNestedValuesEscapesAndNumbers() {
        Object v = Json.parse("{\"a\":[1,2.5,true,null],\"b\":{\"c\":\"x\\\"y\\u00e9\"}}");
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null), "b", Map.of("c", "x\"yé")), v);
        assertEquals("x\"yé", Json.at(v, "b", "c"));
        assertEquals(null, Json.at(v, "a", "c"));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]x", "\"open", "nul")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }
}
