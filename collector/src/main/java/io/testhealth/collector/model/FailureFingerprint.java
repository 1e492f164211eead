package io.testhealth.collector.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one rule that decides whether two failures share a cause.
 *
 * <p>Messages carry run-specific noise (ports, ids, timestamps, object addresses, UUIDs), so they are normalised
 * before hashing: every word made only of hexadecimal characters that contains a digit (optionally after
 * {@code 0x}) becomes {@code #}, and runs of white space become one space. The first three stack frames
 * ({@code at ...} lines), normalised the same way, are included because the same message thrown from different
 * places is usually a different cause. The result is 16 hex characters of SHA-256.
 *
 * <p>Written as a single pass over the text rather than with regular expressions: it runs for every failing test
 * case of every upload.
 */
public final class FailureFingerprint {

    /** Stack frames that take part in the fingerprint, from the top. */
    public static final int FRAMES = 3;
    private static final int MAX_TRACE_SCAN = 16 * 1024;

    private FailureFingerprint() {
    }

    /** Fingerprint of a failure; all arguments may be null or empty. */
    public static String of(String type, String message, String trace) {
        StringBuilder key = new StringBuilder(256);
        key.append(type == null ? "" : type.strip()).append('\n');
        if (message != null) {
            appendNormalised(key, message, 0, Math.min(message.length(), Failure.MAX_MESSAGE_CHARS), key.length());
        }
        key.append('\n');
        if (trace != null) {
            appendFrames(key, trace);
        }
        return Recent.STATE.get().fingerprint(key.toString());
    }

    /** The message with run-specific noise replaced, as used for grouping. */
    public static String normalise(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        int length = Math.min(message.length(), Failure.MAX_MESSAGE_CHARS);
        StringBuilder out = new StringBuilder(length);
        appendNormalised(out, message, 0, length, 0);
        return out.toString();
    }

    private static void appendFrames(StringBuilder key, String trace) {
        int frames = 0;
        int end = Math.min(trace.length(), MAX_TRACE_SCAN);
        int pos = 0;
        while (pos < end && frames < FRAMES) {
            int newline = trace.indexOf('\n', pos);
            int lineEnd = newline < 0 || newline > end ? end : newline;
            int s = pos;
            while (s < lineEnd && Character.isWhitespace(trace.charAt(s))) {
                s++;
            }
            if (trace.startsWith("at ", s)) {
                appendNormalised(key, trace, s, lineEnd, key.length());
                key.append('\n');
                frames++;
            }
            pos = lineEnd + 1;
        }
    }

    /**
     * Appends {@code text[from, to)} with hex-and-digit words replaced by {@code #} and white space collapsed: a run
     * of white space becomes one space between words, and none before the first word (at {@code base}) or after the
     * last, so what is appended is stripped already.
     */
    private static void appendNormalised(StringBuilder out, String text, int from, int to, int base) {
        int i = from;
        boolean space = false;
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
                continue;
            }
            if (space && out.length() > base) {
                out.append(' ');
            }
            space = false;
            if (!isWordChar(c)) {
                out.append(c);
                i++;
                continue;
            }
            int wordEnd = i;
            while (wordEnd < to && isWordChar(text.charAt(wordEnd))) {
                wordEnd++;
            }
            if (isNoise(text, i, wordEnd)) {
                out.append('#');
            } else {
                out.append(text, i, wordEnd);
            }
            i = wordEnd;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A word of hex characters with at least one digit: a number, an address, a hash or a UUID part. */
    private static boolean isNoise(String text, int from, int to) {
        int i = from;
        if (to - from > 2 && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')) {
            i += 2;
        }
        boolean digit = false;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return digit;
    }

    /** First non-blank line of a stack trace, used as the message when a report gives none. */
    static String firstLine(String trace) {
        return trace.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /**
     * A thread's most recent fingerprints. A report's failures repeat: one broken dependency fails a whole class with
     * the same message from the same frames, retries fail like their first attempt, and line numbers normalise away;
     * so a key equal to a recent one takes its fingerprint instead of a new digest. The cache is direct-mapped by the
     * key's hash and small, so it costs a few kilobytes per thread.
     */
    private static final class Recent {
        static final ThreadLocal<Recent> STATE = ThreadLocal.withInitial(Recent::new);
        private static final int SLOTS = 64;

        private final String[] keys = new String[SLOTS];
        private final String[] fingerprints = new String[SLOTS];

        String fingerprint(String key) {
            int hash = key.hashCode();
            int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
            if (key.equals(keys[slot])) {
                return fingerprints[slot];
            }
            String fingerprint = HexFormat.of().formatHex(Sha256.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 8);
            keys[slot] = key;
            fingerprints[slot] = fingerprint;
            return fingerprint;
        }
    }

    /** SHA-256 with one digest per thread: {@link MessageDigest#getInstance} is a costly provider look-up. */
    static final class Sha256 {
        private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every JDK", e);
            }
        });

        private Sha256() {
        }

        static byte[] digest(byte[] input) {
            MessageDigest d = DIGEST.get();
            d.reset();
            return d.digest(input);
        }
    }
}
