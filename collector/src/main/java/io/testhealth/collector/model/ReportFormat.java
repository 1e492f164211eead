package io.testhealth.collector.model;

import java.util.Locale;

/** Report formats the collector reads. */
public enum ReportFormat {
    /** JUnit XML in any of its dialects (Surefire, Gradle, pytest, Jest, go-junit-report...). */
    JUNIT,
    /** Allure 2 {@code *-result.json} files. */
    ALLURE,
    /** OpenTelemetry test spans, received over OTLP (HTTP with protobuf or JSON, or gRPC). */
    OTLP,
    /** Test spans in Zipkin's v2 JSON. */
    ZIPKIN;

    /** Whether results in this format come from test spans rather than a report file. */
    public boolean isTrace() {
        return this == OTLP || this == ZIPKIN;
    }

    /** Lower-case name, as the API writes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
