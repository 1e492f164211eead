package io.testhealth.collector.scorecards;

import java.nio.charset.StandardCharsets;

/**
 * JSON text written with every character beyond ASCII as a {@code \\uXXXX} escape, which any JSON reader (and
 * PostgreSQL's {@code jsonb}) reads back as the same text.
 *
 * <p>Why: a report is saved after every upload, and one em dash in an explanation or one non-Latin test name made
 * the whole text a UTF-16 string. Decoding it from the serializer's bytes and encoding it again for the database
 * driver then went character by character, and took more than half of the CPU of a trace export in the trace
 * benchmark. ASCII text is copied in bulk both ways.
 */
final class AsciiJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private AsciiJson() {
    }

    /**
     * The same JSON with non-ASCII characters escaped.
     *
     * @param utf8 JSON as UTF-8, as a serializer writes it (multi-byte sequences only occur inside strings there)
     * @return ASCII-only text; the input decoded as it is when it is not well-formed UTF-8
     */
    static String of(byte[] utf8) {
        int i = 0;
        while (i < utf8.length && utf8[i] >= 0) {
            i++;
        }
        if (i == utf8.length) {
            return new String(utf8, StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[utf8.length + (utf8.length >> 3) + 16];
        System.arraycopy(utf8, 0, out, 0, i);
        int o = i;
        while (i < utf8.length) {
            int b = utf8[i];
            if (b >= 0) {
                if (o == out.length) {
                    out = grow(out, 1);
                }
                out[o++] = (byte) b;
                i++;
                continue;
            }
            int length;
            int cp;
            if ((b & 0xE0) == 0xC0) {
                length = 2;
                cp = b & 0x1F;
            } else if ((b & 0xF0) == 0xE0) {
                length = 3;
                cp = b & 0x0F;
            } else if ((b & 0xF8) == 0xF0) {
                length = 4;
                cp = b & 0x07;
            } else {
                return new String(utf8, StandardCharsets.UTF_8);
            }
            if (i + length > utf8.length) {
                return new String(utf8, StandardCharsets.UTF_8);
            }
            for (int k = 1; k < length; k++) {
                int next = utf8[i + k];
                if ((next & 0xC0) != 0x80) {
                    return new String(utf8, StandardCharsets.UTF_8);
                }
                cp = (cp << 6) | (next & 0x3F);
            }
            i += length;
            if (out.length - o < 12) {
                out = grow(out, 12);
            }
            if (cp >= 0x10000) {
                o = escape(out, o, Character.highSurrogate(cp));
                o = escape(out, o, Character.lowSurrogate(cp));
            } else {
                o = escape(out, o, (char) cp);
            }
        }
        return new String(out, 0, o, StandardCharsets.ISO_8859_1);
    }

    private static int escape(byte[] out, int o, char c) {
        out[o++] = '\\';
        out[o++] = 'u';
        out[o++] = HEX[(c >> 12) & 0xF];
        out[o++] = HEX[(c >> 8) & 0xF];
        out[o++] = HEX[(c >> 4) & 0xF];
        out[o++] = HEX[c & 0xF];
        return o;
    }

    private static byte[] grow(byte[] out, int atLeast) {
        return java.util.Arrays.copyOf(out, out.length + Math.max(atLeast, out.length >> 1));
    }
}
