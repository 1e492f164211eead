package io.testhealth.collector.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.testhealth.collector.model.Redaction;

import java.util.List;

/**
 * How failure messages and stack traces are redacted before they are stored ({@link Redaction}), under
 * {@code testhealth.ingest.redaction}.
 *
 * @param enabled       {@code false} stores messages as reported (default {@code true})
 * @param extraPatterns more Java regular expressions whose whole matches are replaced, for secrets of the operator's
 *                      own shape (an internal token prefix, a customer id); a pattern that does not compile stops the
 *                      collector at start, naming it
 */
@ConfigurationProperties("testhealth.ingest.redaction")
public record RedactionSettings(@Bindable(defaultValue = "true") boolean enabled, @Nullable List<String> extraPatterns) {

    /** The redaction these settings describe. */
    public Redaction redaction() {
        return Redaction.of(enabled, extraPatterns);
    }
}
