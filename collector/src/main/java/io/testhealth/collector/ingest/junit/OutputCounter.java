package io.testhealth.collector.ingest.junit;

/** Something captured output is counted against: a test case, or one of its attempts. */
interface OutputCounter {
    void addOut(long bytes);

    void addErr(long bytes);
}
