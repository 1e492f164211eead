package io.testhealth.collector.ingest.junit;

import io.testhealth.collector.model.PlausibleTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** How JUnit XML writes times and timestamps, and how we read them. */
final class ReportedTime {

    private ReportedTime() {
    }

    /**
     * Reads a {@code time} attribute in seconds.
     *
     * <p>A comma is a thousands separator when a dot is present ({@code 1,234.5}, old locale-formatted Surefire),
     * otherwise a decimal separator ({@code 0,25}). Missing, empty, negative, infinite and unreadable values are
     * unknown, not zero, and so are times beyond {@link PlausibleTime#MAX_TEST_SECONDS} ({@code 1e300}).
     *
     * @return seconds, or {@code null} when unknown
     */
    static Double seconds(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.indexOf(',') >= 0) {
            t = t.indexOf('.') >= 0 ? t.replace(",", "") : t.replace(',', '.');
        }
        if (t.endsWith("s") && !t.endsWith("ms")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(t);
            return PlausibleTime.testSeconds(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Reads a {@code timestamp} attribute. Timestamps without a zone are taken as UTC, since CI machines mostly
     * run in UTC and the report gives nothing better.
     *
     * @return the instant, or {@code null} when missing, unreadable or not a {@link PlausibleTime}
     */
    static Instant timestamp(String text) {
        Instant t = anyTimestamp(text);
        return t == null || !PlausibleTime.inReport(t) ? null : t;
    }

    private static Instant anyTimestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }
}
