package io.testhealth.collector.ingest.junit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-seconds fast path: the values that Java's own literals give, or "not plain" for everything else. */
final class ReportedTimeTest {

    private static double plain(String text) {
        char[] padded = ("<" + text + ">").toCharArray();
        return ReportedTime.plainSeconds(padded, 1, padded.length - 1);
    }

    @Test
    void readsPlainSecondsAsTheNearestDouble() {
        assertAll(
                () -> assertEquals(0.042, plain("0.042")),
                () -> assertEquals(12.0, plain("12")),
                () -> assertEquals(0.5, plain(".5")),
                () -> assertEquals(5.0, plain("5.")),
                () -> assertEquals(0.0, plain("0.000")),
                () -> assertEquals(3.14159265358979, plain("3.14159265358979")),
                () -> assertEquals(86_400.0, plain("86400"), "a day is still plausible"),
                () -> assertEquals(1e-22, plain("0.0000000000000000000001"), "22 decimals: the last exact power of ten"));
    }

    @Test
    void leavesEverythingElseToTheGeneralReader() {
        for (String text : new String[] {"", ".", "1,5", "1,234.5", "-1", "+1", "1e3", "1.5s", "NaN", "Infinity",
                "1.5d", "0x10", "1.2.3", " 1", "86400.001", "0.9007199254740993", "0.00000000000000000000001"}) {
            assertTrue(Double.isNaN(plain(text)), () -> "\"" + text + "\" is not plain seconds");
        }
    }
}
