package io.testhealth.collector.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who sends an upload, for the per-client limits ({@link UploadSlots}, {@link UploadRate}): its bearer token when the
 * request carries one (hashed here, never kept as sent), else its remote address.
 *
 * <p>Behind a reverse proxy every client without a token has the proxy's address: give CI jobs tokens there.
 */
final class ClientKey {

    private ClientKey() {
    }

    /** The key of the client that sent {@code request}: {@code token:<sha-256>} or {@code address:<ip>}. */
    static String of(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "token:" + sha256(authorization.substring(7).strip());
        }
        return "address:" + request.getRemoteAddress().getAddress().getHostAddress();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
