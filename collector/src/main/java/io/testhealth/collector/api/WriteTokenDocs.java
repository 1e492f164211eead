package io.testhealth.collector.api;

import io.micronaut.http.HttpHeaders;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a write as needing the bearer token, with the 401 and 403 it answers when the token is missing or wrong.
 *
 * <p>Every write refuses a token the same way (the refusal is {@link WriteTokenFilter}'s, not the controller's), so
 * the answers are written here once and carried to each write as a stereotype, which micronaut-openapi reads like
 * annotations on the method itself. It only documents: the check is {@link io.testhealth.collector.access.TokenGuarded}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@SecurityRequirement(name = WriteErrorDocs.SCHEME)
@ApiResponse(responseCode = "401", description = WriteErrorDocs.UNAUTHORIZED_401,
        headers = @Header(name = HttpHeaders.WWW_AUTHENTICATE, description = WriteErrorDocs.CHALLENGE_HEADER,
                schema = @Schema(type = "string")),
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = WriteErrorDocs.FORBIDDEN_403,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
public @interface WriteTokenDocs {
}
