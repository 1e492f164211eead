package io.testhealth.collector.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one rule that decides whether two failures share a cause.
 *
 * <p>Messages carry run-specific noise (ports, ids, timestamps, object addresses, temporary paths), so they
 * are normalised before hashing: numbers, hex and UUIDs become {@code #}. The first three stack frames
 * ({@code at ...} lines) are included because the same message thrown from different places is usually a
 * different cause. The result is 16 hex characters of SHA-256.
 */
public final class FailureFingerprint {

    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b(0x)?[0-9a-fA-F]*[0-9][0-9a-fA-F]*\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int FRAMES = 3;

    private FailureFingerprint() {
    }

    /** Fingerprint of a failure; all arguments may be null or empty. */
    public static String of(String type, String message, String trace) {
        StringBuilder key = new StringBuilder();
        key.append(type == null ? "" : type.strip()).append('\n');
        key.append(normalise(message)).append('\n');
        if (trace != null) {
            int frames = 0;
            for (String line : trace.lines().limit(200).toList()) {
                String l = line.strip();
                if (l.startsWith("at ")) {
                    key.append(HEX.matcher(l).replaceAll("#")).append('\n');
                    if (++frames == FRAMES) {
                        break;
                    }
                }
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The message with run-specific noise replaced, as used for grouping. */
    public static String normalise(String message) {
        if (message == null) {
            return "";
        }
        String m = message.length() > Failure.MAX_MESSAGE_CHARS ? message.substring(0, Failure.MAX_MESSAGE_CHARS) : message;
        m = UUID.matcher(m).replaceAll("#");
        m = HEX.matcher(m).replaceAll("#");
        return SPACES.matcher(m).replaceAll(" ").strip();
    }

    /** First non-blank line of a stack trace, used as the message when a report gives none. */
    static String firstLine(String trace) {
        return trace.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
