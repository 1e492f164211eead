package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.regex.Pattern;

/** How the read API names components, teams and windows in its paths and parameters. */
final class Subjects {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,3})d");
    private static final Pattern COUNT = Pattern.compile("\\d{1,3}");

    private Subjects() {
    }

    /** {@code component:namespace/name} from a path name and the {@code namespace} parameter. */
    static String component(String name, @Nullable String namespace) {
        return "component:" + namespace(namespace) + "/" + checked(name);
    }

    /** {@code group:namespace/name} from a path name and the {@code namespace} parameter. */
    static String team(String name, @Nullable String namespace) {
        return "group:" + namespace(namespace) + "/" + checked(name);
    }

    /** Days of a window written {@code 28d}; {@code fallback} when absent. */
    static int windowDays(@Nullable String window, int fallback) {
        if (window == null || window.isBlank()) {
            return fallback;
        }
        var m = WINDOW.matcher(window.strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 365) {
            throw new BadRequestException("window must be a number of days from 1d to 365d, like 28d; got '" + window + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    /** A number of weeks from 1 to {@code max}; {@code fallback} when absent. */
    static int weeks(@Nullable String weeks, int fallback, int max) {
        if (weeks == null || weeks.isBlank()) {
            return fallback;
        }
        String w = weeks.strip();
        int n = COUNT.matcher(w).matches() ? Integer.parseInt(w) : 0;
        if (n < 1 || n > max) {
            throw new BadRequestException("weeks must be a number from 1 to " + max + "; got '" + weeks + "'");
        }
        return n;
    }

    /** The {@code namespace} parameter checked and lower-cased, or {@code null} when absent (meaning every namespace). */
    @Nullable
    static String namespaceFilter(@Nullable String namespace) {
        return namespace == null || namespace.isBlank() ? null : checked(namespace);
    }

    private static String namespace(@Nullable String namespace) {
        return namespace == null || namespace.isBlank() ? "default" : checked(namespace);
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new BadRequestException("'" + name + "' is not a valid entity name: use letters, digits, '.', '_' and '-'");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
