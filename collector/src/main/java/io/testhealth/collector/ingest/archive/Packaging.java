package io.testhealth.collector.ingest.archive;

import java.nio.charset.StandardCharsets;

/** How the bytes of an upload are packaged, told from their first bytes (never from a file name or header). */
enum Packaging {
    ZIP, GZIP, TAR, PLAIN;

    /** Recognises zip, gzip and tar by their magic numbers; everything else is a plain file. */
    static Packaging of(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return ZIP;
        }
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return TAR;
        }
        return PLAIN;
    }
}
