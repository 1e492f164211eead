package io.testhealth.collector.retention;

import io.testhealth.collector.scorecards.AnalysisConfiguration;

import java.time.Duration;
import java.time.Instant;

/**
 * How many days of raw history are kept: the configured days, or more when the analyses read further back.
 *
 * <p>A report reads its component's runs of the last {@code max(lookback-days, window)} days
 * ({@code testhealth.analysis.lookback-days}, 60; the scorecard window, 28), and for a test that is flaky now, runs as
 * far back as {@code episode-lookback-days} (365) to find when its flaky episode began (the flake-age check). Deleting
 * runs the analyses still read would change verdicts and flake ages from one day to the next for no other reason
 * than the deletion, so the period is never shorter than the furthest of these: a shorter setting is raised to it, and
 * the collector says so at start ({@link RetentionJob}). With the defaults that is 365 days, set by the episode
 * lookback; {@code episode-lookback-days: 90} lets 90 days be kept (flake ages then stop counting at 90 days, which
 * fails every flake-age threshold, at most 60 days, all the same).
 *
 * <p>Weekly trends of past weeks are recomputed from the history as of each week's end, so they reach back a further
 * 26 weeks at most; they are not counted here: weeks whose reads reach past the period are computed from what is left,
 * while the daily scorecards ({@code scorecard_days}) stay for good.
 *
 * @param days       days kept
 * @param configured days configured ({@code testhealth.retention.results-days})
 * @param readDays   days the analyses read back
 * @param reader     the setting that decides {@code readDays}
 */
public record RetentionPeriod(int days, int configured, int readDays, String reader) {

    /** The period for the configured days and the analyses' reach. */
    public static RetentionPeriod of(int configuredDays, AnalysisConfiguration analysis, int windowDays) {
        int readDays = windowDays;
        String reader = "the scorecard window";
        if (analysis.lookbackDays() > readDays) {
            readDays = analysis.lookbackDays();
            reader = "testhealth.analysis.lookback-days";
        }
        if (analysis.episodeLookbackDays() > readDays) {
            readDays = analysis.episodeLookbackDays();
            reader = "testhealth.analysis.episode-lookback-days";
        }
        return new RetentionPeriod(Math.max(configuredDays, readDays), configuredDays, readDays, reader);
    }

    /** Whether the configured days were raised to what the analyses read. */
    public boolean raised() {
        return days > configured;
    }

    /** The moment before which job runs have expired, as of {@code now}. */
    public Instant cut(Instant now) {
        return now.minus(Duration.ofDays(days));
    }
}
