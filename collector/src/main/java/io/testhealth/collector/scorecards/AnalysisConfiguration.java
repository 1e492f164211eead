package io.testhealth.collector.scorecards;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;
import java.util.Map;

/**
 * How analysis runs, under {@code testhealth.analysis}.
 *
 * @param maxRunsPerTest  most recent runs of a test that analysis reads (default 200, the flakiness window's cap)
 * @param lookbackDays    how far back tests are read, longer than the window so tests without recent runs show as
 *                        STALE (default 60)
 * @param defaultBranches branches whose runs count as the default branch (default {@code main}, {@code master})
 * @param profiles        pyramid profile per component name ({@code default}, {@code library}, {@code ui-application})
 * @param layerMapping    per component name, rules {@code pattern=layer} matched against suite, suite.name and report
 *                        path, first match wins (globs, or {@code regex:...})
 * @param thresholdsFile  an operator's thresholds file; the shipped one when empty
 * @param refreshDelay    seconds between background catch-ups: reports behind uploads stored by another path than
 *                        the API or behind a quarantine change, and first delay of a failed analysis's retries
 *                        (default 5)
 * @param episodeLookbackDays how far back the start of an open flaky episode is looked for (default 365): a test
 *                        flaky for longer shows that many days, which fails every flake-age threshold anyway
 * @param updateOnUpload  whether an upload brings its component's and team's reports up to date before it is answered
 *                        (default true); off, the background refresher does it within {@code refreshDelay} seconds
 *                        (benchmarks compare the two; tests hold reports back with it)
 */
@ConfigurationProperties("testhealth.analysis")
public record AnalysisConfiguration(@Bindable(defaultValue = "200") int maxRunsPerTest,
                                    @Bindable(defaultValue = "60") int lookbackDays,
                                    @Bindable(defaultValue = "main,master") List<String> defaultBranches,
                                    @Nullable Map<String, String> profiles,
                                    @Nullable Map<String, List<String>> layerMapping,
                                    @Nullable String thresholdsFile,
                                    @Bindable(defaultValue = "5") int refreshDelay,
                                    @Bindable(defaultValue = "365") int episodeLookbackDays,
                                    @Bindable(defaultValue = "true") boolean updateOnUpload) {

    /** The defaults, for use without Micronaut. */
    public static AnalysisConfiguration defaults() {
        return new AnalysisConfiguration(200, 60, List.of("main", "master"), Map.of(), Map.of(), null, 5, 365, true);
    }
}
