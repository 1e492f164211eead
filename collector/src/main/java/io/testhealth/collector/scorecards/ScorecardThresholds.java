package io.testhealth.collector.scorecards;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The versioned numbers a scorecard is judged by, read from a YAML file (the default is
 * {@code scorecards/thresholds-v1.yml} on the class path; operators may point
 * {@code testhealth.scorecard.thresholds-file} at their own copy).
 *
 * @param version                  named by every scorecard computed with these numbers
 * @param windowDays               the analysis window, in days
 * @param minChecksForSilverAndGold checks with data that Silver and Gold need
 * @param checks                   each check's thresholds
 */
public record ScorecardThresholds(String version, int windowDays, int minChecksForSilverAndGold,
                                  Map<CheckId, Threshold> checks) {

    /** The default file's class-path location. */
    public static final String DEFAULT_RESOURCE = "scorecards/thresholds-v1.yml";

    public ScorecardThresholds {
        Objects.requireNonNull(version, "version");
        checks = Map.copyOf(checks);
        for (CheckId id : CheckId.values()) {
            if (!checks.containsKey(id)) {
                throw new IllegalArgumentException("the thresholds file " + version + " has no check '" + id.id() + "'");
            }
        }
    }

    /**
     * One check's thresholds.
     *
     * @param name          as shown to people
     * @param unit          {@code ratio}, {@code days} or {@code minutes}
     * @param higherIsBetter whether a value passes a level by being at least (else at most) its threshold
     * @param bronze        the Bronze threshold
     * @param silver        the Silver threshold
     * @param gold          the Gold threshold
     */
    public record Threshold(String name, String unit, boolean higherIsBetter, double bronze, double silver, double gold) {

        /** The highest level the value reaches. */
        public Level levelOf(double value) {
            if (meets(value, gold)) {
                return Level.GOLD;
            }
            if (meets(value, silver)) {
                return Level.SILVER;
            }
            return meets(value, bronze) ? Level.BRONZE : Level.NONE;
        }

        /** The threshold of a level ({@link Level#NONE} has none). */
        public double of(Level level) {
            return switch (level) {
                case GOLD -> gold;
                case SILVER -> silver;
                case BRONZE, NONE -> bronze;
            };
        }

        private boolean meets(double value, double threshold) {
            return higherIsBetter ? value >= threshold - 1e-12 : value <= threshold + 1e-12;
        }
    }

    /** The thresholds shipped with the collector. */
    public static ScorecardThresholds defaults() {
        try (InputStream in = ScorecardThresholds.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The thresholds of an operator's file. */
    public static ScorecardThresholds load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scorecard thresholds file " + file, e);
        }
    }

    /** Parses a thresholds document; errors name the file and the entry that is wrong. */
    @SuppressWarnings("unchecked")
    static ScorecardThresholds parse(InputStream in, String source) {
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (doc == null) {
            throw new IllegalArgumentException(source + " is empty");
        }
        Map<String, Object> checks = (Map<String, Object>) require(doc, "checks", source);
        Map<CheckId, Threshold> parsed = new EnumMap<>(CheckId.class);
        for (CheckId id : CheckId.values()) {
            Object entry = checks.get(id.id());
            if (!(entry instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(source + ": checks." + id.id() + " is missing");
            }
            Map<String, Object> c = (Map<String, Object>) entry;
            String where = source + ": checks." + id.id();
            String better = String.valueOf(require(c, "better", where)).toLowerCase(Locale.ROOT);
            if (!better.equals("lower") && !better.equals("higher")) {
                throw new IllegalArgumentException(where + ".better must be 'lower' or 'higher'");
            }
            parsed.put(id, new Threshold(String.valueOf(require(c, "name", where)), String.valueOf(require(c, "unit", where)),
                    better.equals("higher"), number(c, "bronze", where), number(c, "silver", where), number(c, "gold", where)));
        }
        return new ScorecardThresholds(String.valueOf(require(doc, "version", source)),
                (int) number(doc, "window-days", source), (int) number(doc, "min-checks-for-silver-and-gold", source), parsed);
    }

    private static Object require(Map<String, Object> map, String key, String where) {
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        return v;
    }

    private static double number(Map<String, Object> map, String key, String where) {
        Object v = require(map, key, where);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a number, not '" + v + "'");
        }
        return n.doubleValue();
    }
}
