package io.testhealth.collector.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Takes secrets out of failure messages and stack traces before they are stored: the one rule of what counts as a secret in a report.
 *
 * <p>Test failures quote what they were given: a connection string with its password, a request with its
 * {@code Authorization} header, a cloud key in an assertion. The store is read by every team through the API and
 * Backstage, so such a value must not reach it. What is recognised, each replaced by {@value #REDACTED}:
 * <ul>
 *   <li>the value after a key that names a secret ({@code password=…}, {@code "apiKey": "…"}, {@code client_secret: …}),
 *       the key kept so the message still reads;</li>
 *   <li>the credentials of an {@code Authorization} header or a bare {@code Bearer …}, the scheme kept;</li>
 *   <li>the password of a URL ({@code postgres://user:…@host});</li>
 *   <li>AWS access key ids ({@code AKIA…}, {@code ASIA…}), GitHub tokens ({@code ghp_…}, {@code github_pat_…}), Slack
 *       tokens ({@code xoxb-…}), JSON Web Tokens ({@code eyJ….eyJ….…}) and PEM private keys, whole.</li>
 * </ul>
 * Every pattern has bounded repetitions, so the time is linear in the text's length whatever the text (a message
 * crafted to make a pattern backtrack gains nothing). Operators add patterns of their own (each whole match is
 * replaced) or turn redaction off ({@link #off()}).
 */
public final class Redaction {

    /** What a secret is replaced by. */
    public static final String REDACTED = "[redacted]";

    /** A pattern and what replaces its match ({@code $1}… keep the parts that are not secret). */
    private record Rule(Pattern pattern, Function<MatchResult, String> replacement, List<String> hints) {
        Rule(Pattern pattern, String replacement, String... hints) {
            this(pattern, m -> replacement, List.of(hints));
        }

        /**
         * Whether the pattern can match: the lower-cased text holds one of its hints (literals every match contains),
         * or it has none. Most messages hold no hint at all, and a literal search is far cheaper than the pattern.
         */
        boolean mayMatch(String lowerCased) {
            if (hints.isEmpty()) {
                return true;
            }
            for (String hint : hints) {
                if (lowerCased.contains(hint)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String VALUE = "(\"[^\"\\n]{0,300}\"|'[^'\\n]{0,300}'|[^\\s,;&\"'<>(){}\\[\\]…]{1,300})";

    private static final List<Rule> STANDARD = List.of(
            // PEM private keys, to their end line (or the end of the text when it was cut)
            new Rule(Pattern.compile("-----BEGIN ([A-Z ]{0,30})PRIVATE KEY-----[\\s\\S]{0,10000}?(?:-----END [A-Z ]{0,30}PRIVATE KEY-----|\\z)"),
                    "-----BEGIN $1PRIVATE KEY-----" + REDACTED, "private key-----"),
            // Authorization: Bearer xyz / Basic xyz / token xyz (a header, or a header as a map entry)
            new Rule(Pattern.compile("(?i)((?:proxy-)?authorization[\"']?\\s{0,5}[:=]\\s{0,5}[\"']?)(bearer|basic|token|digest|negotiate)\\s{1,5}[A-Za-z0-9._~+/=-]{1,2000}"),
                    "$1$2 " + REDACTED, "authorization"),
            new Rule(Pattern.compile("(?i)\\b(bearer)\\s{1,5}[A-Za-z0-9._~+/-]{8,2000}=*"), "$1 " + REDACTED, "bearer"),
            // password=…, "api_key": "…", client-secret: …, AWS_SECRET_ACCESS_KEY=…
            // (a quoted value keeps its quotes, so JSON stays JSON)
            new Rule(Pattern.compile("(?i)((?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|session[_-]?token|credentials?)[A-Za-z0-9_-]{0,20}[\"']?\\s{0,5}[=:]\\s{0,5})" + VALUE),
                    m -> {
                        String value = m.group(2);
                        char first = value.charAt(0);
                        String quote = first == '"' || first == '\'' ? String.valueOf(first) : "";
                        return Matcher.quoteReplacement(m.group(1) + quote + REDACTED + quote);
                    }, List.of("pass", "pwd", "secret", "token", "key", "credential")),
            // scheme://user:password@host
            new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{0,20}://[^\\s:/@]{1,200}:)[^\\s@/]{1,300}@"), "$1" + REDACTED + "@", "://"),
            // AWS access key ids
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b"), REDACTED,
                    "akia", "asia", "agpa", "aida", "aroa", "anpa", "anva", "aipa"),
            // GitHub tokens
            new Rule(Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{20,255})\\b"), REDACTED,
                    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            // Slack tokens
            new Rule(Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,255}"), REDACTED, "xox"),
            // JSON Web Tokens: header.payload.signature, the first two base64url JSON objects
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,4000}\\.eyJ[A-Za-z0-9_-]{5,8000}\\.[A-Za-z0-9_-]{0,4000}"), REDACTED, "eyj"));

    private static final Redaction OFF = new Redaction(List.of());
    private static final Redaction STANDARD_ONLY = new Redaction(STANDARD);

    private final List<Rule> rules;

    private Redaction(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The built-in patterns. */
    public static Redaction standard() {
        return STANDARD_ONLY;
    }

    /** No redaction: messages are stored as reported. */
    public static Redaction off() {
        return OFF;
    }

    /**
     * The built-in patterns (unless {@code enabled} is false, which turns every pattern off) and the operator's own.
     *
     * @param extraPatterns Java regular expressions; each whole match is replaced
     * @throws IllegalArgumentException naming the pattern (by position) that does not compile
     */
    public static Redaction of(boolean enabled, List<String> extraPatterns) {
        if (!enabled) {
            return OFF;
        }
        List<Rule> rules = new ArrayList<>(STANDARD);
        List<String> extra = extraPatterns == null ? List.of() : extraPatterns;
        for (int i = 0; i < extra.size(); i++) {
            String p = extra.get(i);
            if (p == null || p.isBlank()) {
                continue;
            }
            try {
                rules.add(new Rule(Pattern.compile(p), REDACTED));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("testhealth.ingest.redaction.extra-patterns[" + i + "] is not a"
                        + " regular expression: " + e.getDescription());
            }
        }
        return new Redaction(rules);
    }

    /** Whether anything is redacted at all. */
    public boolean enabled() {
        return !rules.isEmpty();
    }

    /**
     * The text with every secret replaced; the very same instance when nothing was found, so a caller can tell
     * cheaply whether anything changed.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        String lowerCased = text.toLowerCase(java.util.Locale.ROOT);
        for (Rule rule : rules) {
            if (!rule.mayMatch(lowerCased)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out.equals(text) ? text : out;
    }

    /**
     * A stack trace with every secret replaced, as {@link #redact} would, except in its frame lines ({@code at } after
     * blanks, {@link FailureFingerprint}'s rule): a frame names code, never data, and frames are most of a trace, so
     * they are not searched. The very same instance when nothing was found.
     */
    public String redactTrace(String trace) {
        if (trace == null || trace.isEmpty() || rules.isEmpty()) {
            return trace;
        }
        StringBuilder out = null;
        int kept = 0; // trace[0, kept) is settled: in out when out exists
        int other = -1; // start of the current run of lines that are not frames, or -1
        int pos = 0;
        while (pos < trace.length()) {
            int newline = trace.indexOf('\n', pos);
            int end = newline < 0 ? trace.length() : newline + 1;
            if (isFrame(trace, pos, end)) {
                if (other >= 0) {
                    out = redactRun(trace, other, pos, kept, out);
                    kept = pos;
                    other = -1;
                }
            } else if (other < 0) {
                other = pos;
            }
            pos = end;
        }
        if (other >= 0) {
            out = redactRun(trace, other, trace.length(), kept, out);
            kept = trace.length();
        }
        if (out == null) {
            return trace;
        }
        return out.append(trace, kept, trace.length()).toString();
    }

    /** Redacts {@code trace[from, to)}; the builder holds the text up to {@code from} once anything changed. */
    private StringBuilder redactRun(String trace, int from, int to, int kept, StringBuilder out) {
        String run = trace.substring(from, to);
        String redacted = redact(run);
        if (redacted == run && out == null) {
            return null;
        }
        StringBuilder b = out != null ? out : new StringBuilder(trace.length()).append(trace, 0, kept);
        return b.append(trace, kept, from).append(redacted);
    }

    private static boolean isFrame(String text, int from, int to) {
        int s = from;
        while (s < to && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        return to - s >= 3 && text.startsWith("at ", s);
    }

    @Override
    public String toString() {
        return "Redaction[" + rules.size() + " patterns]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Redaction r && r.rules.size() == rules.size()
                && r.rules.stream().map(x -> x.pattern().pattern()).toList()
                .equals(rules.stream().map(x -> x.pattern().pattern()).toList());
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules.stream().map(x -> x.pattern().pattern()).toList());
    }
}
