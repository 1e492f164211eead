package io.testhealth.collector.scorecards;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsciiJsonTest {

    @Test
    void asciiTextIsKeptAsItIs() {
        String json = "{\"grade\":\"B\",\"why\":\"failed then passed\"}";
        assertEquals(json, AsciiJson.of(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void charactersBeyondAsciiBecomeEscapesOfTheirUtf16Units() {
        // e-acute U+00E9 (2 bytes), em dash U+2014 (3 bytes), grinning face U+1F600 (4 bytes: surrogates D83D DE00)
        String json = "{\"name\":\"caf\u00e9 \u2014 \uD83D\uDE00\"}";
        String ascii = AsciiJson.of(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"name\":\"caf\\u00e9 \\u2014 \\ud83d\\ude00\"}", ascii);
        assertTrue(ascii.chars().allMatch(c -> c < 128));
    }

    @Test
    void aJsonReaderReadsTheEscapedTextAsTheOriginal() throws Exception {
        StringBuilder long_ = new StringBuilder("{\"tests\":[");
        for (int i = 0; i < 2_000; i++) {
            long_.append(i == 0 ? "" : ",").append("\"\u30C6\u30B9\u30C8 ").append(i).append(" \u2265 \u00d7\"");
        }
        String json = long_.append("]}").toString();
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(mapper.readTree(json), mapper.readTree(AsciiJson.of(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void textThatIsNotUtf8IsDecodedAsItIs() {
        byte[] truncated = {'"', (byte) 0xE2, (byte) 0x80};
        assertEquals(new String(truncated, StandardCharsets.UTF_8), AsciiJson.of(truncated));
    }
}
