package io.testhealth.collector.access;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The write tokens, under {@code testhealth.api}; both lists are empty by default, which leaves the writes open.
 *
 * <p>{@code application.yml} fills them from {@code TESTHEALTH_UPLOAD_TOKENS} and {@code TESTHEALTH_QUARANTINE_TOKENS},
 * comma-separated, so a container gets its tokens from its secrets without a configuration file.
 *
 * @param uploadTokens     tokens that may {@code POST /api/v1/uploads} (CI jobs)
 * @param quarantineTokens tokens that may quarantine and release tests (the Backstage backend, after its own
 *                         permission check)
 */
@ConfigurationProperties("testhealth.api")
public record AccessConfiguration(@Nullable List<String> uploadTokens, @Nullable List<String> quarantineTokens) {
}
