package io.testhealth.collector.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The numbers of one benchmark run, printed as one table at the end so that a run's output can be pasted into
 * {@code BENCHMARKS.md} as it is. Progress goes to standard error meanwhile.
 */
final class BenchReport {

    private record Row(String section, String metric, String value, String note) {
    }

    private record Table(String title, List<String> header, List<List<String>> rows) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();

    /** Adds a measured number. */
    void add(String section, String metric, String value, String note) {
        rows.add(new Row(section, metric, value, note));
    }

    /** Adds a ratio against its target, marked {@code ok} or {@code BELOW TARGET}. */
    void ratio(String section, String metric, double ratio, double target) {
        add(section, metric, String.format(Locale.ROOT, "%.2f", ratio),
                String.format(Locale.ROOT, "target >= %.2f: %s", target, ratio >= target ? "ok" : "BELOW TARGET"));
    }

    /** Adds a table of its own, printed after the rows (for figures best read side by side). */
    void table(String title, List<String> header, List<List<String>> tableRows) {
        tables.add(new Table(title, List.copyOf(header), List.copyOf(tableRows)));
    }

    void print(PrintStream out) {
        int[] w = {7, 6, 5};
        for (Row r : rows) {
            w[0] = Math.max(w[0], r.section().length());
            w[1] = Math.max(w[1], r.metric().length());
            w[2] = Math.max(w[2], r.value().length());
        }
        String format = "| %-" + w[0] + "s | %-" + w[1] + "s | %" + w[2] + "s | %s%n";
        out.printf(Locale.ROOT, format, "section", "metric", "value", "note");
        out.printf(Locale.ROOT, "|%s|%s|%s|---%n", "-".repeat(w[0] + 2), "-".repeat(w[1] + 2),
                "-".repeat(w[2] + 1) + ":");
        for (Row r : rows) {
            out.printf(Locale.ROOT, format, r.section(), r.metric(), r.value(), r.note());
        }
        for (Table t : tables) {
            out.printf(Locale.ROOT, "%n%s%n%n| %s |%n|%s|%n", t.title(), String.join(" | ", t.header()),
                    "---|".repeat(t.header().size() - 1) + "---");
            t.rows().forEach(row -> out.printf(Locale.ROOT, "| %s |%n", String.join(" | ", row)));
        }
    }

    /** Progress line on standard error, so standard output holds only the table. */
    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String secs(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }
}
