package io.testhealth.collector.store;

import java.time.Instant;
import java.util.List;

/** The tokens created through the admin API; the collector keeps the active ones in memory ({@code access.WriteAccess}). */
public interface AccessTokenStore {

    /**
     * Keeps a new token.
     *
     * @throws StoreException when the database refuses it (an id or digest already kept)
     */
    void saveToken(StoredToken token);

    /** Marks the active token {@code id} revoked at {@code at}; {@code false} when there is no such active token. */
    boolean revokeToken(String id, Instant at);

    /** Every token not revoked, oldest first. */
    List<StoredToken> activeTokens();
}
