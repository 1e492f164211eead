package io.testhealth.collector.ownership;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where ownership is declared, under {@code testhealth.ownership}; every setting is optional.
 *
 * @param catalogPath     a folder searched (recursively) for Backstage entity files such as {@code catalog-info.yaml}
 * @param catalogApiUrl   the Backstage catalog API, e.g. {@code https://backstage.example.com/api/catalog}
 * @param catalogApiToken a bearer token for the catalog API (a Backstage static token)
 * @param codeownersPath  a CODEOWNERS file whose rules match the test files named in reports
 */
@ConfigurationProperties("testhealth.ownership")
public record OwnershipConfiguration(@Nullable String catalogPath, @Nullable String catalogApiUrl,
                                     @Nullable String catalogApiToken, @Nullable String codeownersPath) {
}
