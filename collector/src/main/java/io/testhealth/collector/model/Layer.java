package io.testhealth.collector.model;

import java.util.Locale;
import java.util.Optional;

/** Level of the test pyramid a test belongs to. */
public enum Layer {
    UNIT, INTEGRATION, E2E;

    /**
     * Reads the names teams use for layers: {@code unit}, {@code integration}/{@code it}/{@code component}/
     * {@code contract}/{@code api}, {@code e2e}/{@code end-to-end}/{@code ui}/{@code system}/{@code acceptance}.
     *
     * @return the layer, or empty when the text names none of them
     */
    public static Optional<Layer> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "unit", "unit-test", "unit-tests", "small" -> Optional.of(UNIT);
            case "integration", "integration-test", "integration-tests", "it", "component", "contract", "api",
                 "medium" -> Optional.of(INTEGRATION);
            case "e2e", "end-to-end", "endtoend", "ui", "system", "acceptance", "large", "journey" -> Optional.of(E2E);
            default -> Optional.empty();
        };
    }
}
