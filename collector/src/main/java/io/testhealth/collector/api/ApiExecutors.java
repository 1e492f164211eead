package io.testhealth.collector.api;

/**
 * The names of the executors the API's blocking work runs on ({@code micronaut.executors.*} in application.yml), one
 * per kind of work so that one kind cannot starve another: uploads being parsed and stored do not keep scorecards
 * from being read, and many readers do not keep CI jobs from uploading.
 */
public final class ApiExecutors {

    /** Parsing and storing uploads, and copying form parts into the spool folder. */
    public static final String UPLOADS = "uploads";

    /** The read API: scorecards, tests, trends, weekly reports. */
    public static final String READS = "reads";

    private ApiExecutors() {
    }
}
