package io.testhealth.collector.scorecards;

import io.micronaut.json.JsonMapper;
import io.testhealth.collector.scorecards.HealthReport.TestRow;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as the JSON text the store keeps, reusing the text of every test row equal to a row written in the
 * same subject's previous save.
 *
 * <p>Why: a report is saved after each upload, and its test rows are most of it (about 640 bytes a test, 0.8 MB for
 * a component of 1,280 tests). An upload changes the rows of the tests it ran (and of tests whose state the clock
 * moved); the others are equal to the ones written last time. Writing only those keeps the cost of the text close to
 * the size of the upload instead of the size of the component. The text is the same JSON a serializer writes for the
 * whole report (the rows are serialized by the same mapper), in ASCII ({@link AsciiJson}).
 *
 * <p>The rows' text of recently saved subjects is kept up to {@code maxKeptChars} characters in all (1 byte each),
 * the least recently saved subject dropped first; a subject not kept is written whole.
 */
final class ReportText {

    /** A row no report has: its place in the summary's text is where the rows go. */
    private static final TestRow PLACEHOLDER = new TestRow("\u0000rows", "", "", null, null, false, "", List.of(),
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, null, null, null, "", false, null, List.of());

    private final JsonMapper json;
    private final long maxKeptChars;
    /** The rows' text of the last save, by subject, least recently saved first; guarded by this. */
    private final LinkedHashMap<String, Rows> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long keptChars;
    private long reused;
    private long written;

    private record Rows(Map<TestRow, String> text, long chars) {
    }

    ReportText(JsonMapper json, long maxKeptChars) {
        this.json = json;
        this.maxKeptChars = maxKeptChars;
    }

    /** The report as JSON; callers write one subject at a time (the subject's recompute lock). */
    String write(HealthReport report) throws IOException {
        Rows before = take(report.subject());
        String summary = AsciiJson.of(json.writeValueAsBytes(report.withTests(List.of(PLACEHOLDER))));
        String placeholder = "[" + AsciiJson.of(json.writeValueAsBytes(PLACEHOLDER)) + "]";
        int at = summary.indexOf(placeholder);
        if (at < 0 || summary.indexOf(placeholder, at + placeholder.length()) >= 0) {
            return AsciiJson.of(json.writeValueAsBytes(report)); // not where it was expected: the whole, as before
        }
        Map<TestRow, String> text = new HashMap<>(report.tests().size() * 2);
        long chars = 0;
        StringBuilder out = new StringBuilder(summary.length() + (int) Math.min(Integer.MAX_VALUE / 2,
                expectedRowChars(before, report.tests().size())));
        out.append(summary, 0, at).append('[');
        boolean first = true;
        for (TestRow row : report.tests()) {
            String rowText = before == null ? null : before.text().get(row);
            if (rowText == null) {
                rowText = AsciiJson.of(json.writeValueAsBytes(row));
                written++;
            } else {
                reused++;
            }
            text.put(row, rowText);
            chars += rowText.length();
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(rowText);
        }
        out.append(']').append(summary, at + placeholder.length(), summary.length());
        keep(report.subject(), new Rows(text, chars));
        return out.toString();
    }

    /**
     * Room for the rows' text, commas included. Why exact matters: the text of a large component is hundreds of
     * kilobytes, and a builder that outgrows its array copies all of it into one twice the size, both arrays large
     * enough for the garbage collector to place each in regions of its own.
     */
    private static long expectedRowChars(Rows before, int rows) {
        if (before == null || before.text().isEmpty()) {
            return 640L * rows + rows;
        }
        int known = before.text().size();
        long perRow = before.chars() / known + 1;
        return before.chars() + perRow * Math.max(0, rows - known) + rows + 1024;
    }

    /** Rows written from their own serialization and rows whose earlier text was reused, so far. */
    synchronized long[] counts() {
        return new long[] {written, reused};
    }

    /** Forgets a subject's rows (its report was deleted). */
    synchronized void forget(String subject) {
        Rows gone = kept.remove(subject);
        if (gone != null) {
            keptChars -= gone.chars();
        }
    }

    private synchronized Rows take(String subject) {
        Rows rows = kept.remove(subject);
        if (rows != null) {
            keptChars -= rows.chars();
        }
        return rows;
    }

    private synchronized void keep(String subject, Rows rows) {
        if (rows.chars() > maxKeptChars) {
            return;
        }
        kept.put(subject, rows);
        keptChars += rows.chars();
        for (Iterator<Map.Entry<String, Rows>> it = kept.entrySet().iterator(); keptChars > maxKeptChars && it.hasNext(); ) {
            Map.Entry<String, Rows> eldest = it.next();
            if (!eldest.getKey().equals(subject)) {
                keptChars -= eldest.getValue().chars();
                it.remove();
            }
        }
    }
}
