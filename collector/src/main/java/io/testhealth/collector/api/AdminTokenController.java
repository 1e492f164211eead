package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.testhealth.collector.access.TokenAdministration;
import io.testhealth.collector.access.TokenGuarded;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.store.StoredToken;

import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/admin/tokens}: creates, lists and revokes access tokens; every request needs an admin token
 * ({@code testhealth.api.admin-tokens}, or one created here). The token itself is in the answer to its creation only;
 * lists and messages name tokens by id.
 */
@Controller("/api/v1/admin")
@ExecuteOn(ApiExecutors.READS)
public final class AdminTokenController {

    private final TokenAdministration tokens;

    AdminTokenController(TokenAdministration tokens) {
        this.tokens = tokens;
    }

    /** What to create: a role, and for an upload token optionally a team or components it is limited to. */
    @Serdeable
    public record TokenRequest(@Nullable String role, @Nullable String team, @Nullable List<String> components,
                               @Nullable String label) {
    }

    /** A token without its secret. */
    @Serdeable
    public record TokenView(String id, String role, String team, List<String> components, String label,
                            Instant createdAt) {
        static TokenView of(StoredToken t) {
            return new TokenView(t.id(), t.role(), t.team(), t.components(), t.label(), t.createdAt());
        }
    }

    /** A created token: {@code token} is the secret, shown only in this answer. */
    @Serdeable
    public record CreatedToken(String id, String token, String role, String team, List<String> components, String label,
                               Instant createdAt) {
    }

    /** Creates a token; 201 with the token, 400 {@code invalid-request} naming what is wrong. */
    @WriteTokenDocs
    @TokenGuarded(WriteScope.ADMIN)
    @Post(uri = "/tokens", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<CreatedToken> create(@Body TokenRequest request) {
        try {
            TokenAdministration.Issued issued = tokens.create(request.role(), request.team(), request.components(),
                    request.label());
            StoredToken t = issued.stored();
            return HttpResponse.status(HttpStatus.CREATED).body(new CreatedToken(t.id(), issued.token(), t.role(),
                    t.team(), t.components(), t.label(), t.createdAt()));
        } catch (TokenAdministration.InvalidTokenRequest e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** The created tokens that are not revoked, oldest first. */
    @WriteTokenDocs
    @TokenGuarded(WriteScope.ADMIN)
    @Get(uri = "/tokens", produces = MediaType.APPLICATION_JSON)
    public List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    /** Revokes a created token: refused from the next request on. 404 {@code not-found} for an unknown id. */
    @WriteTokenDocs
    @TokenGuarded(WriteScope.ADMIN)
    @Delete("/tokens/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void revoke(@PathVariable String id) {
        if (!tokens.revoke(id)) {
            throw new NotFoundException(NotFoundException.NOT_FOUND, "no active token has the id " + id
                    + " (configured tokens are removed from the configuration, not here)");
        }
    }
}
