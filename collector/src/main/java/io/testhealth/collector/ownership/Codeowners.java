package io.testhealth.collector.ownership;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CODEOWNERS file: patterns in the gitignore style and their owners; the last matching line wins, as on GitHub
 * and GitLab.
 */
public final class Codeowners {

    /** One line: a pattern and the owners it names (possibly none, which unassigns). */
    private record Rule(Pattern pattern, List<String> owners) {
    }

    private static final Codeowners EMPTY = new Codeowners(List.of());

    private final List<Rule> rules;

    private Codeowners(List<Rule> rules) {
        this.rules = rules;
    }

    /** No rules: nobody owns anything. */
    public static Codeowners empty() {
        return EMPTY;
    }

    /** Reads a CODEOWNERS file. */
    public static Codeowners read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    /** Parses CODEOWNERS lines; comments, blank lines and GitLab section headers are skipped. */
    public static Codeowners parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("[") || line.startsWith("^[")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            List<String> owners = Arrays.stream(parts).skip(1).takeWhile(p -> !p.startsWith("#")).toList();
            rules.add(new Rule(toRegex(parts[0]), owners));
        }
        return new Codeowners(List.copyOf(rules));
    }

    /** The owners of a path (relative to the repository root), by the last matching rule. */
    public Optional<List<String>> ownersOf(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.startsWith("./") ? 2 : 1);
        }
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).pattern().matcher(p).matches()) {
                return Optional.of(rules.get(i).owners());
            }
        }
        return Optional.empty();
    }

    /**
     * A gitignore-style pattern as a regular expression: a leading {@code /} anchors at the root, a pattern without a
     * slash matches at any depth, a trailing {@code /} or a directory name covers everything below it, {@code *}
     * stays within one path segment and {@code **} crosses segments.
     */
    static Pattern toRegex(String glob) {
        boolean anchored = glob.startsWith("/") || glob.substring(0, Math.max(0, glob.length() - 1)).contains("/");
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        if (g.endsWith("/")) {
            g = g + "**";
        }
        StringBuilder re = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
                if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
                    i++;
                    re.append("/?");
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        re.append("(?:/.*)?$");
        return Pattern.compile(re.toString());
    }
}
