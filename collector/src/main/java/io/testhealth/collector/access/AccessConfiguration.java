package io.testhealth.collector.access;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The configured tokens, under {@code testhealth.api}; every list is empty by default, which leaves uploads, quarantine
 * changes and reads open (admin requests are never open). Tokens created through the admin API are kept in the store
 * and add to these.
 *
 * <p>{@code application.yml} fills the lists from {@code TESTHEALTH_UPLOAD_TOKENS}, {@code TESTHEALTH_QUARANTINE_TOKENS},
 * {@code TESTHEALTH_READ_TOKENS} and {@code TESTHEALTH_ADMIN_TOKENS}, comma-separated, so a container gets its tokens
 * from its secrets without a configuration file.
 *
 * @param uploadTokens     tokens that may upload to every component (CI jobs)
 * @param quarantineTokens tokens that may quarantine and release tests (the Backstage backend, after its own
 *                         permission check)
 * @param readTokens       tokens that may read the API; once any exist (here or created), reads need one
 * @param adminTokens      tokens that may create and revoke tokens, and change quarantines
 * @param requireTokens    {@code true}: refuse to start while uploads or quarantine changes are open; {@code false}:
 *                         never refuse; empty (the default, also what an unset environment variable gives): refuse
 *                         only in the {@code production} environment. Text rather than a boolean so that "unset" can
 *                         be told from "false".
 */
@ConfigurationProperties("testhealth.api")
public record AccessConfiguration(@Nullable List<String> uploadTokens, @Nullable List<String> quarantineTokens,
                                  @Nullable List<String> readTokens, @Nullable List<String> adminTokens,
                                  @Nullable String requireTokens) {
}
