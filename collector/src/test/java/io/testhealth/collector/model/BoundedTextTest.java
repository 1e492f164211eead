package io.testhealth.collector.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedTextTest {

    @Test
    void textsWithinTheLimitAreKeptAsTheyAre() {
        assertAll(
                () -> assertEquals("abc", BoundedText.cut("abc", 3)),
                () -> assertEquals("", BoundedText.cut("", 1)),
                () -> assertNull(BoundedText.cut(null, 5)),
                () -> assertFalse(BoundedText.isCut("abc")),
                () -> assertThrows(IllegalArgumentException.class, () -> BoundedText.cut("abc", 0)));
    }

    @Test
    void aLongerTextKeepsItsBeginningAndSaysHowMuchWasDroppedAndOfWhat() throws Exception {
        String text = "0123456789";
        // 10 characters, 4 kept, 6 dropped; the hash is the first 4 bytes of SHA-256("0123456789")
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 4);
        assertEquals("0123…[cut 6 chars #" + hash + "]", BoundedText.cut(text, 4));
        assertTrue(BoundedText.isCut(BoundedText.cut(text, 4)));
    }

    @Test
    void twoLongTextsWithOneBeginningStayApart() {
        assertNotEquals(BoundedText.cut("shared-beginning-A", 6), BoundedText.cut("shared-beginning-B", 6));
    }

    @Test
    void cuttingAgainCountsFromTheOriginalText() {
        String original = "x".repeat(50);
        String once = BoundedText.cut(original, 20);   // 30 dropped
        String twice = BoundedText.cut(once, 5);        // 15 more of the 20 kept: 45 dropped in all
        String hash = once.substring(once.indexOf('#') + 1, once.length() - 1);
        assertEquals("xxxxx…[cut 45 chars #" + hash + "]", twice);
        assertEquals(twice, BoundedText.cut(original, 5), "cutting in two steps or one gives the same text");
        assertEquals(once, BoundedText.cut(once, 20), "a cut text whose kept part fits is left alone");
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "ab\uD83D\uDE00cd"; // a, b, an emoji (two chars), c, d
        String cut = BoundedText.cut(text, 3);  // the 3rd char is the pair's first half: keep 2
        assertTrue(cut.startsWith("ab…[cut 4 chars #"), cut);
    }
}
