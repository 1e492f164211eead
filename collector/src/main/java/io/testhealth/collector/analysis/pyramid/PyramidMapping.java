package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The explicit layer mapping of the configuration: per component, ordered patterns that put tests in a layer.
 *
 * <p>This is the strongest signal of {@code metrics.md} section 5 because it is the team's own statement, written
 * where they can review it. Each rule is tried in order against the test's suite ({@code com.acme.CheckoutIT}), its
 * suite and name joined by a dot ({@code com.acme.CheckoutIT.paysByCard}) and the report file of each of its runs
 * ({@code payments/target/failsafe-reports/TEST-com.acme.CheckoutIT.xml}); the first rule that matches any of them
 * decides.
 *
 * <p>A pattern is a glob unless it starts with {@code regex:} (a {@link Pattern} that must match the whole text); a
 * leading {@code glob:} is allowed. In a glob, {@code **} matches any text, {@code *} any text without a {@code /},
 * {@code ?} one character other than {@code /}; everything else is literal. So {@code com.acme.*IT} covers classes in
 * sub-packages too, and {@code **}{@code /e2e/**} any file under an {@code e2e} folder.
 *
 * @param rulesByComponent ordered rules per component reference (any spelling {@link ComponentRef#parse} accepts)
 */
public record PyramidMapping(Map<String, List<Rule>> rulesByComponent) {

    private static final PyramidMapping NONE = new PyramidMapping(Map.of());

    public PyramidMapping {
        Map<String, List<Rule>> normalised = new LinkedHashMap<>();
        Objects.requireNonNull(rulesByComponent, "rulesByComponent").forEach(
                (component, rules) -> normalised.put(key(component), List.copyOf(rules)));
        rulesByComponent = Map.copyOf(normalised);
    }

    /** No mapping configured. */
    public static PyramidMapping none() {
        return NONE;
    }

    /** The rules of a component, in order; empty when it has none. */
    public List<Rule> rulesFor(String component) {
        return rulesByComponent.getOrDefault(key(component), List.of());
    }

    private static String key(String component) {
        try {
            return ComponentRef.parse(component).toString();
        } catch (IllegalArgumentException e) {
            return component;
        }
    }

    /**
     * One mapping rule: a pattern and the layer it puts matching tests in.
     *
     * @param pattern a glob, or {@code regex:} followed by a regular expression
     * @param layer   the layer
     */
    public record Rule(String pattern, Layer layer) {
        public Rule {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(layer, "layer");
            compile(pattern);
        }

        /** Whether the pattern matches the whole text. */
        public boolean matches(String text) {
            return text != null && compile(pattern).matcher(text).matches();
        }

        /** The pattern as a regular expression; an invalid one fails when the rule is made, not when it is used. */
        static Pattern compile(String pattern) {
            try {
                if (pattern.startsWith("regex:")) {
                    return Pattern.compile(pattern.substring("regex:".length()));
                }
                return Pattern.compile(globToRegex(pattern.startsWith("glob:") ? pattern.substring(5) : pattern));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid layer mapping pattern '" + pattern + "': " + e.getDescription(), e);
            }
        }

        private static String globToRegex(String glob) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else if (c == '*') {
                    re.append("[^/]*");
                } else if (c == '?') {
                    re.append("[^/]");
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return re.toString();
        }
    }

    /** The first rule of the component that matches one of the texts, if any. */
    Optional<Rule> firstMatch(String component, List<String> texts) {
        for (Rule rule : rulesFor(component)) {
            Pattern compiled = Rule.compile(rule.pattern());
            for (String t : texts) {
                if (t != null && compiled.matcher(t).matches()) {
                    return Optional.of(rule);
                }
            }
        }
        return Optional.empty();
    }
}
