package io.testhealth.collector.scorecards;

/** Scorecard levels, lowest first; {@link #NONE} is below Bronze. */
public enum Level {
    NONE, BRONZE, SILVER, GOLD;

    /** The level's name as shown: {@code Gold}, or {@code none}. */
    public String label() {
        return this == NONE ? "none" : name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
