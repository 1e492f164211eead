package io.testhealth.collector.ingest;

/** Receives what a {@link ReportParser} reads, one element at a time, in document order. */
public interface ResultSink {

    /** One test case or Allure result. */
    void accept(ReportedTestCase testCase);

    /**
     * Marks the end of a scope within which retries of one test are written (a top-level JUnit test suite):
     * results buffered for grouping may be released.
     */
    void endOfScope();

    /**
     * Notes something doubtful that was read anyway. Notes of one kind are counted and reported once.
     *
     * @param kind    a stable key for the kind of doubt, also the sentence reported to the client
     * @param example where it happened first (a test or file name)
     */
    void doubt(String kind, String example);
}
