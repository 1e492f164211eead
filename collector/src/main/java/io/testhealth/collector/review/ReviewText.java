package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
import io.testhealth.collector.review.WeeklyReview.Trend;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How both renderers write numbers, so that the Markdown and the HTML page of a review read the same.
 *
 * <p>Rates are shown in percent and their Δ in percentage points; a Δ carries its sign and an arrow for the
 * direction of the number (not of its goodness, which depends on the metric and is left to the reader's eye).
 */
final class ReviewText {

    /** What a number measures, which decides how it is written. */
    enum Unit { COUNT, RATE, SECONDS }

    static final String NONE = "–";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ReviewText() {
    }

    static String value(@Nullable Double v, Unit unit) {
        if (v == null) {
            return NONE;
        }
        return switch (unit) {
            case COUNT -> String.format(Locale.ROOT, "%.0f", v);
            case RATE -> String.format(Locale.ROOT, "%.1f%%", v * 100);
            case SECONDS -> seconds(v);
        };
    }

    /** {@code +2 ▲}, {@code −1.5 pp ▼}, {@code ±0 ▬}; {@link #NONE} when unknown. */
    static String delta(@Nullable Double d, Unit unit) {
        if (d == null) {
            return NONE;
        }
        double shown = unit == Unit.RATE ? d * 100 : d;
        String magnitude = switch (unit) {
            case COUNT -> String.format(Locale.ROOT, "%.0f", Math.abs(shown));
            case RATE -> String.format(Locale.ROOT, "%.1f pp", Math.abs(shown));
            case SECONDS -> seconds(Math.abs(shown));
        };
        boolean zero = switch (unit) {
            case COUNT -> Math.round(shown) == 0;
            case RATE -> Math.abs(shown) < 0.05;
            case SECONDS -> Math.abs(shown) < 0.5;
        };
        if (zero) {
            return "±0 " + arrow(0);
        }
        return (shown > 0 ? "+" : "−") + magnitude + " " + arrow(shown);
    }

    /** The value with its Δ in brackets. */
    static String withDelta(Trend t, Unit unit) {
        return value(t.value(), unit) + " (" + delta(t.delta(), unit) + ")";
    }

    /** The four weeks, oldest first: {@code 3 → 5 → 4 → 6}. */
    static String trend(List<Double> values, Unit unit) {
        return values.stream().map(v -> value(v, unit)).collect(Collectors.joining(" → "));
    }

    /** A grade or level change: {@code C → B ▲}, or the value alone when it did not change. */
    static String change(@Nullable String before, String now, @Nullable Integer better) {
        if (before == null) {
            return now + " (new)";
        }
        if (before.equals(now)) {
            return now;
        }
        return before + " → " + now + " " + arrow(better == null ? 0 : better);
    }

    /** {@code ▲} up, {@code ▼} down, {@code ▬} unchanged. */
    static String arrow(double direction) {
        return direction > 0 ? "▲" : direction < 0 ? "▼" : "▬";
    }

    /** {@code +1}, {@code −2}, {@code ±0}, {@link #NONE}: steps of a grade or level, positive when better. */
    static String steps(@Nullable Integer steps) {
        if (steps == null) {
            return NONE;
        }
        return steps == 0 ? "±0 ▬" : (steps > 0 ? "+" + steps : "−" + -steps) + " " + arrow(steps);
    }

    static String seconds(double s) {
        long total = Math.round(s);
        if (total < 60) {
            return total + "s";
        }
        if (total < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", total / 60, total % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", total / 3600, total % 3600 / 60);
    }

    static String day(Instant i) {
        return DAY.format(i);
    }

    static String minute(@Nullable Instant i) {
        return i == null ? NONE : MINUTE.format(i);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String number(@Nullable Double v) {
        return v == null ? NONE : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The name part of {@code component:default/payments} or {@code group:default/team-a}. */
    static String shortName(@Nullable String ref) {
        if (ref == null || ref.isBlank()) {
            return NONE;
        }
        int cut = Math.max(ref.lastIndexOf('/'), ref.indexOf(':'));
        return ref.substring(cut + 1);
    }

    static String ownerName(@Nullable String owner) {
        return owner == null || owner.isBlank() ? "(no owner)" : shortName(owner);
    }
}
