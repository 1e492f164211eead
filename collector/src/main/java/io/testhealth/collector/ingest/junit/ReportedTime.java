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

    /** Powers of ten that a {@code double} holds exactly: dividing by one of them rounds once, as parsing does. */
    private static final double[] EXACT_POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** The largest integer below which every {@code long} converts to {@code double} exactly. */
    private static final long EXACT_MANTISSA = 1L << 53;

    /**
     * Reads the way nearly every report writes a time, plain digits with at most one dot ({@code 0.042},
     * {@code 12}), straight from characters, giving the same value as {@link #seconds(String)} on the same text.
     *
     * <p>The value is the digits as an integer divided by a power of ten; when both are exact in a {@code double}
     * the division rounds once, to the double nearest the decimal, which is what {@link Double#parseDouble} returns
     * (Clinger's fast path). Anything else (a comma, a unit, an exponent, a sign, more than 15 or so significant
     * digits, an implausible value) is left to {@link #seconds(String)}.
     *
     * @return seconds, or {@code NaN} when the text is not in this form or not a plausible test time
     */
    static double plainSeconds(char[] text, int from, int to) {
        long digits = 0;
        int fractionDigits = 0;
        boolean dot = false;
        boolean anyDigit = false;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (digits >= EXACT_MANTISSA) {
                    return Double.NaN;
                }
                anyDigit = true;
                if (dot) {
                    fractionDigits++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (!anyDigit || fractionDigits >= EXACT_POWERS_OF_TEN.length) {
            return Double.NaN;
        }
        double seconds = digits / EXACT_POWERS_OF_TEN[fractionDigits];
        return PlausibleTime.testSeconds(seconds) ? seconds : Double.NaN;
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
