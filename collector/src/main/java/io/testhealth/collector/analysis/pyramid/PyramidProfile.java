package io.testhealth.collector.analysis.pyramid;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A target pyramid: the share of tests a component should have in each layer.
 *
 * <p>Targets differ by kind of software ({@code metrics.md} section 5): a library has no user journeys to test end to
 * end, a UI application has more of them than a back-end service.
 *
 * @param name        the profile's name, as configured per component
 * @param unit        target share of unit tests
 * @param integration target share of integration tests
 * @param e2e         target share of e2e tests; the three add up to 1
 */
public record PyramidProfile(String name, double unit, double integration, double e2e) {

    /** The default target, 70/20/10. */
    public static final PyramidProfile DEFAULT = new PyramidProfile("default", 0.70, 0.20, 0.10);
    /** A library: 90/10/0, since it has no deployed journeys. */
    public static final PyramidProfile LIBRARY = new PyramidProfile("library", 0.90, 0.10, 0.0);
    /** A UI application: 60/25/15, since more of its behaviour is only visible through the UI. */
    public static final PyramidProfile UI_APPLICATION = new PyramidProfile("ui-application", 0.60, 0.25, 0.15);

    private static final List<PyramidProfile> BUILT_IN = List.of(DEFAULT, LIBRARY, UI_APPLICATION);

    public PyramidProfile {
        Objects.requireNonNull(name, "name");
        if (unit < 0 || integration < 0 || e2e < 0 || Math.abs(unit + integration + e2e - 1) > 1e-9) {
            throw new IllegalArgumentException("profile " + name + ": shares are non-negative and add up to 1, got "
                    + unit + "/" + integration + "/" + e2e);
        }
    }

    /** A built-in profile by name ({@code default}, {@code library}, {@code ui-application}). */
    public static Optional<PyramidProfile> builtIn(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return BUILT_IN.stream().filter(p -> p.name.equals(n)).findFirst();
    }
}
