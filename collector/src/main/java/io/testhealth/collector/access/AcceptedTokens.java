package io.testhealth.collector.access;

import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokens one setting lists, checked in constant time.
 *
 * <p>Only the SHA-256 of each token is kept, and a presented token is compared by its SHA-256 with
 * {@link MessageDigest#isEqual}: the comparison takes the same time whatever the presented token's length or how
 * many leading characters it shares with a configured one, and every configured token is compared, so the time
 * does not tell which of them matched either. Several tokens are accepted at once so that a token can be rotated
 * without a moment in which CI jobs are refused: add the new one, move the jobs over, remove the old one.
 */
public final class AcceptedTokens {

    /** Shortest token accepted at startup: anything shorter can be guessed, and is most likely a placeholder. */
    public static final int MIN_LENGTH = 16;

    private final List<byte[]> digests;

    private AcceptedTokens(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * Reads a setting's tokens. Each entry may itself be a comma-separated list (that is how an environment
     * variable gives several); blanks around and between tokens are dropped, so an empty setting means no tokens.
     *
     * @throws ConfigurationException when a token is shorter than {@value #MIN_LENGTH} characters or holds a
     *                                character that cannot be sent in an HTTP header; the message names the setting
     *                                and the token's position, never the token
     */
    public static AcceptedTokens read(String setting, List<String> entries) {
        List<byte[]> digests = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            for (String token : entry == null ? new String[0] : entry.split(",")) {
                String t = token.strip();
                if (t.isEmpty()) {
                    continue;
                }
                int position = digests.size() + 1;
                if (t.length() < MIN_LENGTH) {
                    throw new ConfigurationException(setting + ": token " + position + " has " + t.length()
                            + " characters, fewer than the " + MIN_LENGTH + " a token needs; generate one with"
                            + " `openssl rand -hex 32`, or leave the setting empty to keep these writes open");
                }
                if (!t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    throw new ConfigurationException(setting + ": token " + position + " holds a space or a character"
                            + " that is not printable ASCII, so no client could send it in an Authorization header");
                }
                digests.add(sha256(t));
            }
        }
        return new AcceptedTokens(digests);
    }

    /** No tokens: the writes are open to anyone who reaches the collector. */
    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** How many tokens are accepted (two while one is being rotated). */
    public int size() {
        return digests.size();
    }

    /** Whether {@code presented} is one of the tokens; always {@code false} when there are none. */
    public boolean accepts(String presented) {
        byte[] candidate = sha256(presented);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    /** The lower-case hex SHA-256 of each token, in the order of the setting. */
    public List<String> hexDigests() {
        return digests.stream().map(AcceptedTokens::hex).toList();
    }

    /** The lower-case hex SHA-256 of a token's UTF-8 bytes: how every token is known. */
    public static String hexSha256(String token) {
        return hex(sha256(token));
    }

    private static String hex(byte[] digest) {
        return java.util.HexFormat.of().formatHex(digest);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
