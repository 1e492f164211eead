package io.testhealth.collector.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.testhealth.collector.model.BoundedText;
import io.testhealth.collector.model.Failure;

/**
 * Limits that keep a hostile or broken upload from exhausting the collector. Each can be raised in
 * {@code application.yml} under {@code testhealth.ingest}; the error that a limit causes names its setting.
 *
 * @param maxUploadBytes       largest request body, compressed as sent (default 1 GiB: a 500 MB monorepo report fits)
 * @param maxExpandedBytes     most bytes read out of one upload after decompression, all files together (default 4 GiB)
 * @param maxEntries           most files in one archive or form (default 100,000)
 * @param maxCompressionRatio  largest expansion of one upload over the bytes received, plus 1 MiB, whatever the
 *                             packaging (default 200; real XML compresses 10-30 times, decompression bombs millions)
 * @param maxJsonFileBytes     largest single Allure JSON file, which is read whole (default 64 MiB)
 * @param maxNameChars         longest suite name, test name, invocation, failure type, Allure historyId or label
 *                             value kept; a longer one is cut with a marker ({@link BoundedText}), not refused
 *                             (default 1,000)
 * @param maxMessageChars      longest failure message kept, cut the same way; at most
 *                             {@link Failure#MAX_MESSAGE_CHARS}, which parsers already cut to (default 4,000)
 * @param maxTestCases         most test cases one upload may report, every file together and each retry counted
 *                             (default 1,000,000, some ten times the largest monorepo run: results are streamed to
 *                             the store, but an upload holds its writer, and its component's report is recomputed,
 *                             for a time that grows with them)
 */
@ConfigurationProperties("testhealth.ingest")
public record IngestLimits(
        @Bindable(defaultValue = "1073741824") long maxUploadBytes,
        @Bindable(defaultValue = "4294967296") long maxExpandedBytes,
        @Bindable(defaultValue = "100000") int maxEntries,
        @Bindable(defaultValue = "200") int maxCompressionRatio,
        @Bindable(defaultValue = "67108864") long maxJsonFileBytes,
        @Bindable(defaultValue = "1000") int maxNameChars,
        @Bindable(defaultValue = "4000") int maxMessageChars,
        @Bindable(defaultValue = "1000000") long maxTestCases) {

    public IngestLimits {
        if (maxNameChars < 1) {
            throw new IllegalArgumentException("testhealth.ingest.max-name-chars must be 1 or more, got " + maxNameChars);
        }
        if (maxMessageChars < 1 || maxMessageChars > Failure.MAX_MESSAGE_CHARS) {
            throw new IllegalArgumentException("testhealth.ingest.max-message-chars must be from 1 to "
                    + Failure.MAX_MESSAGE_CHARS + ", got " + maxMessageChars);
        }
        if (maxTestCases < 1) {
            throw new IllegalArgumentException("testhealth.ingest.max-test-cases must be 1 or more, got " + maxTestCases);
        }
    }

    /**
     * Refuses an upload once it has reported {@code count} test cases, one more than {@link #maxTestCases()} allows.
     *
     * @throws IngestException {@link IngestException.Reason#TOO_LARGE} naming the limit and its setting
     */
    public void countTestCase(long count) {
        if (count > maxTestCases) {
            throw new IngestException(IngestException.Reason.TOO_LARGE, "the upload reports more than " + maxTestCases
                    + " test cases (testhealth.ingest.max-test-cases): split it, or ask the operator to raise the limit");
        }
    }

    /**
     * Refuses the {@code count}-th file of one upload when it is one more than {@link #maxEntries()} allows.
     *
     * @param where the archive or form the files are in, for the error body
     * @throws IngestException {@link IngestException.Reason#TOO_LARGE} naming the limit and its setting
     */
    public void countFile(long count, String where) {
        if (count > maxEntries) {
            throw new IngestException(IngestException.Reason.TOO_LARGE, "the upload holds more than " + maxEntries
                    + " files (testhealth.ingest.max-entries): split it, or ask the operator to raise the limit",
                    where, 0, 0, null);
        }
    }

    /**
     * Refuses an upload once {@code bytes} received, counting every part so far, are over {@link #maxUploadBytes()}.
     *
     * @throws IngestException {@link IngestException.Reason#TOO_LARGE} naming the limit and its setting
     */
    public void checkUploadSize(long bytes) {
        if (bytes > maxUploadBytes) {
            throw uploadTooLarge(maxUploadBytes);
        }
    }

    /** The refusal of an upload over {@code maxUploadBytes} as received. */
    static IngestException uploadTooLarge(long maxUploadBytes) {
        return new IngestException(IngestException.Reason.TOO_LARGE, "the upload is larger than the limit of "
                + maxUploadBytes + " bytes (testhealth.ingest.max-upload-bytes): compress it, split it, or ask the"
                + " operator to raise the limit");
    }

    /** The defaults, for use without Micronaut (tests, benchmarks, the demo generator). */
    public static IngestLimits defaults() {
        return new IngestLimits(1L << 30, 4L << 30, 100_000, 200, 64L << 20, 1_000, Failure.MAX_MESSAGE_CHARS, 1_000_000);
    }
}
