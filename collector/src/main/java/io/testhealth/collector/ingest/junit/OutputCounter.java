package io.testhealth.collector.ingest.junit;

/**
 * Captured output counted against a test case or one of its attempts: only its UTF-8 size is kept, so megabytes of
 * {@code system-out} cost nothing but the counting.
 */
abstract class OutputCounter {
    private long out;
    private long err;

    final void addOut(long bytes) {
        out += bytes;
    }

    final void addErr(long bytes) {
        err += bytes;
    }

    final long out() {
        return out;
    }

    final long err() {
        return err;
    }
}
