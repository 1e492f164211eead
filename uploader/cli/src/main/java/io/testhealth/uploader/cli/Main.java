package io.testhealth.uploader.cli;

import io.testhealth.uploader.http.CollectorClient;
import io.testhealth.uploader.http.RetryPolicy;
import io.testhealth.uploader.quarantine.QuarantineFormat;
import io.testhealth.uploader.quarantine.QuarantineList;
import io.testhealth.uploader.quarantine.QuarantinedTest;
import io.testhealth.uploader.upload.Console;
import io.testhealth.uploader.upload.RunMetadata;
import io.testhealth.uploader.upload.Uploader;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code upload} (the default) and {@code quarantine}. Exit status 0 when done, or when the
 * collector could not take the upload and {@code --strict} is not given; 1 when {@code --strict} makes that a failure;
 * 2 for a usage error.
 */
public final class Main {

    /** The patterns used when none is given: Maven, Gradle and Allure's usual places. */
    public static final List<String> DEFAULT_PATTERNS = List.of("**/surefire-reports/*.xml",
            "**/failsafe-reports/*.xml", "**/build/test-results/**/*.xml", "allure-results/");

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command with {@code env} as the environment; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Console console = Console.of(out, err);
        Arguments a;
        try {
            a = Arguments.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("test-health-uploader: " + e.getMessage());
            err.println("Run with --help for the options.");
            return USAGE;
        }
        if (a.help()) {
            out.print(Arguments.HELP);
            return OK;
        }
        try {
            return a.command().equals("quarantine") ? quarantine(a, console, out) : upload(a, env, console);
        } catch (IllegalArgumentException e) {
            err.println("test-health-uploader: " + e.getMessage());
            return USAGE;
        }
    }

    private static int upload(Arguments a, Map<String, String> env, Console console) {
        Uploader.Options o = new Uploader.Options(a.collector(), a.token(), a.dir(),
                a.patterns().isEmpty() ? DEFAULT_PATTERNS : a.patterns(), a.metadata(), a.uploadId(), a.strict(),
                a.dryRun(), a.retry(), a.timeout(), a.pageUrl());
        return Uploader.upload(o, env, console).failsBuild() ? FAILED : OK;
    }

    private static int quarantine(Arguments a, Console console, PrintStream out) {
        String component = a.metadata().component();
        if (component == null) {
            throw new IllegalArgumentException("quarantine needs --component (or TESTHEALTH_COMPONENT)");
        }
        CollectorClient client = new CollectorClient(a.collector(), a.token(), a.retry(), a.timeout());
        List<QuarantinedTest> tests;
        try {
            tests = QuarantineList.fetch(client, component);
        } catch (CollectorClient.Unavailable e) {
            console.warn("no quarantine list from " + a.collector() + ": " + e.getMessage());
            console.warn(a.strict() ? "--strict: this fails the build" : "every test runs (--strict would fail instead)");
            write(a, "", out);
            return a.strict() ? FAILED : OK;
        }
        write(a, a.format().render(tests), out);
        return OK;
    }

    private static void write(Arguments a, String text, PrintStream out) {
        if (a.output() == null) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Path parent = a.output().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(a.output(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + a.output() + ": " + e.getMessage());
        }
    }

    /** The parsed command line. */
    record Arguments(String command, boolean help, URI collector, String token, Path dir, List<String> patterns,
                     RunMetadata metadata, String uploadId, boolean strict, boolean dryRun, RetryPolicy retry,
                     Duration timeout, String pageUrl, QuarantineFormat format, Path output) {

        static final String HELP = """
                Usage: test-health-uploader [upload] [options] [patterns...]
                       test-health-uploader quarantine --component NAME [--format text|surefire|gradle|pytest] [--output FILE]

                upload (the default) packs the test reports that the patterns name (globs relative to --dir, or
                folders such as allure-results/), fills the run's metadata from the CI system's environment (GitHub
                Actions, GitLab CI, Jenkins, Buildkite, CircleCI, Azure Pipelines) and sends them to the collector.
                Without patterns: **/surefire-reports/*.xml **/failsafe-reports/*.xml **/build/test-results/**/*.xml allure-results/

                  --url URL            the collector (or TESTHEALTH_URL)
                  --token TOKEN        a write token (or TESTHEALTH_UPLOAD_TOKEN); needed only by a locked-down collector
                  --component NAME     the component (or TESTHEALTH_COMPONENT; default: the repository's name)
                  --team, --repository, --branch, --commit, --pipeline, --job, --attempt, --environment,
                  --layer unit|integration|e2e, --run-url, --started-at, --finished-at
                                       override what the CI system's environment says
                  --upload-id ID       the idempotency key (default: a hash of the reports and the metadata)
                  --dir DIR            the folder the patterns are relative to (default: the current one)
                  --dry-run            print the detected metadata and the files, send nothing
                  --strict             fail (exit 1) when the upload does not get through; by default a collector
                                       that is down or refuses the upload is a warning and the build goes on
                  --retries N          sendings at most (default 5); network errors, 5xx, 408 and 429 are sent again
                  --retry-delay SECS   the first wait, doubled each time up to 15 s (default 2)
                  --timeout SECS       for one sending, answer included (default 300)
                  --page-url TEMPLATE  the component's page, {namespace} and {name} filled in (or TESTHEALTH_PAGE_URL)
                  --format, --output   quarantine only: the form of the list, and a file to write it to
                  --help
                """;

        static Arguments parse(String[] args, Map<String, String> env) {
            List<String> rest = new ArrayList<>(List.of(args));
            String command = "upload";
            if (!rest.isEmpty() && (rest.get(0).equals("upload") || rest.get(0).equals("quarantine"))) {
                command = rest.remove(0);
            }
            boolean help = false;
            boolean strict = false;
            boolean dryRun = false;
            String url = env.get("TESTHEALTH_URL");
            String token = env.get("TESTHEALTH_UPLOAD_TOKEN");
            String pageUrl = env.get("TESTHEALTH_PAGE_URL");
            String uploadId = null;
            Path dir = Path.of(".");
            int retries = 5;
            double retryDelay = 2;
            double timeout = 300;
            QuarantineFormat format = QuarantineFormat.TEXT;
            Path output = null;
            RunMetadata m = RunMetadata.EMPTY.with("component", env.get("TESTHEALTH_COMPONENT"));
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < rest.size(); i++) {
                String arg = rest.get(i);
                String name = arg;
                String value = null;
                if (arg.startsWith("--") && arg.contains("=")) {
                    name = arg.substring(0, arg.indexOf('='));
                    value = arg.substring(arg.indexOf('=') + 1);
                }
                switch (name) {
                    case "--help", "-h" -> help = true;
                    case "--strict" -> strict = true;
                    case "--dry-run" -> dryRun = true;
                    default -> {
                        if (!name.startsWith("--")) {
                            patterns.add(arg);
                            continue;
                        }
                        if (value == null) {
                            if (i + 1 >= rest.size()) {
                                throw new IllegalArgumentException(name + " needs a value");
                            }
                            value = rest.get(++i);
                        }
                        switch (name) {
                            case "--url" -> url = value;
                            case "--token" -> token = value;
                            case "--upload-id" -> uploadId = value;
                            case "--dir" -> dir = Path.of(value);
                            case "--page-url" -> pageUrl = value;
                            case "--retries" -> retries = (int) number(name, value);
                            case "--retry-delay" -> retryDelay = number(name, value);
                            case "--timeout" -> timeout = number(name, value);
                            case "--format" -> format = QuarantineFormat.parse(value);
                            case "--output" -> output = Path.of(value);
                            case "--run-url" -> m = m.with("runUrl", value);
                            case "--started-at" -> m = m.with("startedAt", value);
                            case "--finished-at" -> m = m.with("finishedAt", value);
                            default -> {
                                String param = name.substring(2);
                                if (!RunMetadata.PARAMETERS.contains(param)) {
                                    throw new IllegalArgumentException("unknown option " + name);
                                }
                                m = m.with(param, value);
                            }
                        }
                    }
                }
            }
            if (help) {
                return new Arguments(command, true, null, null, dir, patterns, m, uploadId, strict, dryRun, null, null, pageUrl, format, output);
            }
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("no collector: give --url or set TESTHEALTH_URL");
            }
            URI collector;
            try {
                collector = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--url is not a URL: " + url);
            }
            if (collector.getScheme() == null || !(collector.getScheme().equals("http") || collector.getScheme().equals("https"))
                    || collector.getHost() == null) {
                throw new IllegalArgumentException("--url must be an http or https address, got " + url);
            }
            if (uploadId != null && (uploadId.isBlank() || uploadId.length() > 200)) {
                throw new IllegalArgumentException("--upload-id must have 1 to 200 characters");
            }
            Duration first = Duration.ofMillis((long) (retryDelay * 1000));
            RetryPolicy retry = new RetryPolicy(retries, first, first.compareTo(Duration.ofSeconds(15)) > 0 ? first : Duration.ofSeconds(15));
            if (timeout <= 0) {
                throw new IllegalArgumentException("--timeout must be positive");
            }
            return new Arguments(command, false, collector, token, dir, patterns, m, uploadId, strict, dryRun, retry,
                    Duration.ofMillis((long) (timeout * 1000)), pageUrl, format, output);
        }

        private static double number(String name, String value) {
            try {
                double d = Double.parseDouble(value);
                if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number of 0 or more, got '" + value + "'");
            }
        }
    }
}
