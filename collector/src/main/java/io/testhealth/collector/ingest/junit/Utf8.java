package io.testhealth.collector.ingest.junit;

/** Counts the UTF-8 size of text without encoding it, so captured output is measured and then forgotten. */
final class Utf8 {

    private Utf8() {
    }

    static long length(char[] chars, int start, int length) {
        long bytes = 0;
        for (int i = start, end = start + length; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
