package io.testhealth.collector.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from a report cut to a length limit, with a marker that says so: the one rule for names, messages and
 * other strings that a report may make arbitrarily long.
 *
 * <p>A cut text keeps its first {@code maxChars} characters and ends in {@code …[cut N chars #h]}, where {@code N} is
 * how many characters were dropped and {@code h} eight hexadecimal digits of the SHA-256 of the whole text. The hash
 * keeps two long names that share their beginning apart (they stay two tests), and the same long name in every run
 * the same test.
 */
public final class BoundedText {

    /** What every cut text contains right after the characters kept. */
    public static final String MARKER = "…[cut ";
    private static final Pattern CUT = Pattern.compile(Pattern.quote(MARKER) + "(\\d+) chars #([0-9a-f]{8})]$");

    private BoundedText() {
    }

    /**
     * The text itself when it has at most {@code maxChars} characters, else its beginning and the marker.
     *
     * @param maxChars 1 or more
     */
    public static String cut(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("a length limit is 1 or more, got " + maxChars);
        }
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        // A text cut before (a parser's limit, then a lower one here) is cut again from what was kept, and its marker
        // keeps counting from the original: the count and the hash are those of the text as reported.
        Matcher earlier = CUT.matcher(text);
        String kept = text;
        long droppedBefore = 0;
        String hash;
        if (earlier.find()) {
            kept = text.substring(0, earlier.start());
            droppedBefore = Long.parseLong(earlier.group(1));
            hash = earlier.group(2);
            if (kept.length() <= maxChars) {
                return text;
            }
        } else {
            hash = shortHash(text);
        }
        // never split a surrogate pair: the kept part stays valid UTF-16
        int keep = Character.isHighSurrogate(kept.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return kept.substring(0, keep) + MARKER + (droppedBefore + kept.length() - keep) + " chars #" + hash + "]";
    }

    /**
     * A text read piece by piece and kept only up to its first characters, as {@link #cut} would have cut it: the
     * characters kept, then the marker with the count of those dropped. The hash is that of the characters kept, as
     * the whole text was never held; such a text (a stack trace) is shown, never compared.
     *
     * @param kept    the first characters of the text
     * @param dropped how many characters followed them; 0 returns {@code kept} itself
     */
    public static String cutWhileRead(String kept, long dropped) {
        if (dropped < 1) {
            return kept;
        }
        int keep = !kept.isEmpty() && Character.isHighSurrogate(kept.charAt(kept.length() - 1)) ? kept.length() - 1
                : kept.length();
        return kept.substring(0, keep) + MARKER + (dropped + kept.length() - keep) + " chars #"
                + shortHash(kept) + "]";
    }

    /** Whether {@code text} was cut by {@link #cut}. */
    public static boolean isCut(String text) {
        return text != null && text.contains(MARKER);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
