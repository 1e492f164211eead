package io.testhealth.collector.demo;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Generates the demo history as the reports CI jobs would upload, deterministically from a seed.
 *
 * <p>Each component has a unit job (Surefire XML, with Surefire's {@code flakyFailure} retries), an integration job
 * (Failsafe XML under {@code target/failsafe-reports/}) and, for services with a UI, an E2E job (Allure results in a
 * zip, with Playwright-style retries sharing a {@code historyId}). Planted stories, so that every analysis has
 * something to find: tests that fail at random; a regression that fails from one commit on and is fixed four days
 * later; a test that fails only on one environment; a day on which the database of the integration environment was
 * down (most integration tests fail at once); suites that get slower half-way through.
 */
public final class DemoHistoryGenerator {

    /**
     * One upload of the demo history: metadata and the body as a CI job would send it. With {@code spans}, the body is
     * an OTLP/JSON export request ({@code POST /v1/traces}) and the metadata is what its spans say.
     */
    public record DemoUpload(UploadMetadata metadata, String fileName, byte[] body, boolean spans) {
        DemoUpload(UploadMetadata metadata, String fileName, byte[] body) {
            this(metadata, fileName, body, false);
        }
    }

    /**
     * A demo component. {@code flakiness} scales how often its planted flaky tests fail (1 = as written, 0 = never),
     * so that the demo shows components from Gold to F.
     */
    private record Component(String name, String team, int unitTests, int integrationTests, int e2eTests,
                             double flakiness, boolean windowsBug) {
    }

    private static final List<Component> COMPONENTS = List.of(
            new Component("payments", "team-checkout", 180, 40, 12, 1.0, false),
            new Component("checkout-web", "team-checkout", 90, 20, 25, 0.6, true),
            new Component("inventory", "team-fulfilment", 220, 60, 0, 0.3, false),
            new Component("shipping", "team-fulfilment", 60, 70, 8, 0.5, true),
            new Component("identity", "team-platform", 150, 30, 6, 0.1, false),
            new Component("notifications", "team-platform", 40, 35, 0, 0.0, false));

    private static final String[] FAILURE_MESSAGES = {
            "java.net.SocketTimeoutException: Read timed out after 5000 ms",
            "org.opentest4j.AssertionFailedError: expected: <200> but was: <503>",
            "java.util.ConcurrentModificationException",
            "org.awaitility.core.ConditionTimeoutException: Condition was not fulfilled within 10 seconds",
            "java.net.ConnectException: Connection refused: localhost/127.0.0.1:5432"};

    private final long seed;
    private final int days;
    private final Instant end;

    /**
     * @param seed fixes every random choice, so the same history comes out each time
     * @param days how many days of history, ending at {@code end}
     * @param end  the moment the history ends (usually now)
     */
    public DemoHistoryGenerator(long seed, int days, Instant end) {
        this.seed = seed;
        this.days = days;
        this.end = end;
    }

    /** Generates every upload in time order and hands each to {@code sink}. */
    public void generate(Consumer<DemoUpload> sink) {
        Random random = new Random(seed);
        Instant start = end.minus(Duration.ofDays(days));
        int pipeline = 1000;
        List<DemoTraces.IntegrationRun> traced = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            Instant dayStart = start.plus(Duration.ofDays(day));
            boolean weekend = dayStart.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue() >= 6;
            for (Component c : COMPONENTS) {
                int pipelines = weekend ? 1 : 3;
                for (int p = 0; p < pipelines; p++) {
                    pipeline++;
                    Instant at = dayStart.plus(Duration.ofHours(8 + p * 3L)).plus(Duration.ofMinutes(random.nextInt(60)));
                    String commit = commitOf(c.name(), day, p);
                    Run run = new Run(c, day, pipeline, commit, at, random);
                    sink.accept(run.unitUpload());
                    sink.accept(run.integrationUpload());
                    if (DemoTraces.traced(c.name(), day, days)) {
                        traced.add(run.integrationRun());
                    }
                    if (c.e2eTests() > 0) {
                        sink.accept(run.e2eUpload());
                    }
                    if (run.failedSomething && random.nextInt(4) == 0) {
                        // a developer presses "re-run" on the same commit: attempt 2 of the unit job
                        Run rerun = new Run(c, day, pipeline, commit, at.plus(Duration.ofMinutes(20)), random);
                        sink.accept(rerun.withAttempt(2).unitUpload());
                    }
                }
            }
        }
        // One export after the reports, as a batching exporter would send it: the reports arrived first and win the
        // match, and the component's report is recomputed once for all of it.
        sink.accept(DemoTraces.export(traced, end.minus(Duration.ofHours(2))));
    }

    private static String commitOf(String component, int day, int pipeline) {
        byte[] bytes = (component + "/" + day + "/" + pipeline).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One pipeline of one component: what its jobs upload. */
    private final class Run {
        private final Component c;
        private final int day;
        private final int pipeline;
        private final String commit;
        private final Instant at;
        private final Random random;
        private final String branch;
        private int attempt = 1;
        boolean failedSomething;
        /** The integration job as uploaded, for its test spans; set by {@link #integrationUpload()}. */
        private DemoTraces.IntegrationRun integrationRun;

        Run(Component c, int day, int pipeline, String commit, Instant at, Random random) {
            this.c = c;
            this.day = day;
            this.pipeline = pipeline;
            this.commit = commit;
            this.at = at;
            this.random = random;
            this.branch = pipeline % 3 == 0 ? "feature/change-" + pipeline : "main";
        }

        Run withAttempt(int n) {
            attempt = n;
            return this;
        }

        /** A job of this pipeline: it started at the pipeline's start and ran for {@code minutes}. */
        private UploadMetadata metadata(String job, String environment, double minutes) {
            Instant finished = at.plusSeconds(Math.round(minutes * 60));
            return new UploadMetadata(ComponentRef.parse(c.name()), c.team(), "github.com/acme/" + c.name(), branch,
                    commit, Integer.toString(pipeline), job, attempt, environment, null,
                    "https://ci.example.com/acme/" + c.name() + "/" + pipeline, at, finished,
                    "demo-" + c.name() + "-" + pipeline + "-" + job + "-" + attempt);
        }

        /** Whether a planted flaky test fails this time: its base chance scaled by the component's flakiness. */
        private boolean flakes(int oneIn) {
            return random.nextDouble() < c.flakiness() / oneIn;
        }

        DemoUpload unitUpload() {
            StringBuilder xml = new StringBuilder(c.unitTests() * 120);
            xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
            int perClass = 12;
            boolean slowDown = day > days / 2;
            for (int cls = 0; cls * perClass < c.unitTests(); cls++) {
                String className = "com.acme." + c.name().replace("-", "") + "." + capital(c.name()) + "Unit" + cls + "Test";
                xml.append(" <testsuite name=\"").append(className).append("\">\n");
                for (int t = 0; t < perClass && cls * perClass + t < c.unitTests(); t++) {
                    String name = "should" + verb(cls, t);
                    double time = 0.002 + random.nextDouble() * 0.05;
                    if (cls == 1 && t == 0) {
                        time = (slowDown ? 6.0 : 1.5) + random.nextDouble(); // a test that got slower half-way
                    }
                    xml.append("  <testcase classname=\"").append(className).append("\" name=\"").append(name)
                            .append("\" time=\"").append(fmt(time)).append("\"");
                    if (cls == 0 && t == 3 && flakes(8)) {
                        // flaky, and Surefire's rerunFailingTestsCount=2 hid it
                        failedSomething = true;
                        xml.append(">\n   <flakyFailure message=\"").append(FAILURE_MESSAGES[2])
                                .append("\" type=\"java.util.ConcurrentModificationException\"><stackTrace>")
                                .append(FAILURE_MESSAGES[2]).append("\n\tat com.acme.Cache.put(Cache.java:42)</stackTrace></flakyFailure>\n  </testcase>\n");
                    } else if (cls == 2 && t == 5 && flakes(10)) {
                        failedSomething = true;
                        failure(xml, FAILURE_MESSAGES[3], "org.awaitility.core.ConditionTimeoutException");
                    } else if (cls == 3 && t == 1 && regressionActive()) {
                        failedSomething = true;
                        failure(xml, "org.opentest4j.AssertionFailedError: expected: <EUR 10.00> but was: <EUR 10.01>",
                                "org.opentest4j.AssertionFailedError");
                    } else if (cls == 4 && t == 7) {
                        xml.append(">\n   <skipped message=\"disabled until JIRA-1234\"/>\n  </testcase>\n");
                    } else {
                        xml.append("/>\n");
                    }
                }
                xml.append(" </testsuite>\n");
            }
            xml.append("</testsuites>\n");
            return new DemoUpload(metadata("unit-tests", "jdk21", 4 + random.nextDouble() * 4), "target/surefire-reports/TEST-all.xml",
                    xml.toString().getBytes(StandardCharsets.UTF_8));
        }

        /** The integration job's tests as {@link #integrationUpload()} reported them. */
        DemoTraces.IntegrationRun integrationRun() {
            return integrationRun;
        }

        DemoUpload integrationUpload() {
            boolean outage = day == days - 9 && c.name().equals("inventory");
            String environment = pipeline % 2 == 0 ? "linux" : "windows";
            StringBuilder xml = new StringBuilder(c.integrationTests() * 150);
            String className = "com.acme." + c.name().replace("-", "") + "." + capital(c.name()) + "RepositoryIT";
            List<DemoTraces.IntegrationCase> cases = new ArrayList<>(c.integrationTests());
            xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"").append(className).append("\">\n");
            for (int t = 0; t < c.integrationTests(); t++) {
                double time = 0.3 + random.nextDouble() * 2.5;
                xml.append(" <testcase classname=\"").append(className).append("\" name=\"").append("persists").append(verb(7, t))
                        .append("\" time=\"").append(fmt(time)).append("\"");
                int open = xml.length();
                if (outage && t % 10 != 0) {
                    failedSomething = true;
                    xml.append(">\n  <error message=\"").append(FAILURE_MESSAGES[4]).append("\" type=\"java.net.ConnectException\">")
                            .append(FAILURE_MESSAGES[4]).append("\n\tat org.postgresql.Driver.connect(Driver.java:300)</error>\n </testcase>\n");
                } else if (t == 2 && c.windowsBug() && environment.equals("windows") && random.nextInt(10) != 0) {
                    failedSomething = true;
                    failure(xml, "java.nio.file.InvalidPathException: Illegal char <:> at index 2", "java.nio.file.InvalidPathException");
                } else if (t == 4 && flakes(12)) {
                    failedSomething = true;
                    failure(xml, FAILURE_MESSAGES[0], "java.net.SocketTimeoutException");
                } else {
                    xml.append("/>\n");
                }
                String rest = xml.substring(open);
                String status = rest.contains("<error") ? "error" : rest.contains("<failure") ? "fail" : "pass";
                cases.add(new DemoTraces.IntegrationCase(t, "persists" + verb(7, t), status, time));
            }
            xml.append("</testsuite>\n");
            UploadMetadata md = metadata("integration-tests", environment, 9 + random.nextDouble() * 8);
            integrationRun = new DemoTraces.IntegrationRun(md, className, List.copyOf(cases));
            return new DemoUpload(md, "target/failsafe-reports/TEST-" + className + ".xml",
                    xml.toString().getBytes(StandardCharsets.UTF_8));
        }

        DemoUpload e2eUpload() {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
                long clock = at.toEpochMilli() + 600_000;
                for (int t = 0; t < c.e2eTests(); t++) {
                    String journey = "user can " + verb(9, t).toLowerCase(Locale.ROOT);
                    boolean flaky = t == 1 && flakes(5);
                    int attempts = flaky ? 2 : 1;
                    for (int a = 0; a < attempts; a++) {
                        long duration = 8_000 + random.nextInt(25_000);
                        String status = flaky && a == 0 ? "failed" : "passed";
                        String json = allureResult(journey, status, clock, clock + duration, t);
                        zip.putNextEntry(new java.util.zip.ZipEntry("allure-results/" + uuid(random) + "-result.json"));
                        zip.write(json.getBytes(StandardCharsets.UTF_8));
                        zip.closeEntry();
                        clock += duration;
                        failedSomething |= flaky;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new DemoUpload(metadata("e2e-tests", "chromium", 12 + random.nextDouble() * 14 + c.e2eTests() * 0.4),
                    "allure-results.zip", bytes.toByteArray());
        }

        private String allureResult(String journey, String status, long start, long stop, int t) {
            String detail = status.equals("failed")
                    ? ",\"statusDetails\":{\"message\":\"TimeoutError: locator.click: Timeout 30000ms exceeded\",\"trace\":\"at checkout.spec.ts:42\"}"
                    : "";
            return "{\"uuid\":\"" + journey.hashCode() + start + "\",\"historyId\":\"" + c.name() + "-journey-" + t
                    + "\",\"name\":\"" + journey + "\",\"fullName\":\"e2e.journeys." + capital(c.name()) + "Journeys#" + journey
                    + "\",\"status\":\"" + status + "\"" + detail + ",\"start\":" + start + ",\"stop\":" + stop
                    + ",\"labels\":[{\"name\":\"layer\",\"value\":\"e2e\"},{\"name\":\"owner\",\"value\":\"" + journeyOwner()
                    + "\"},{\"name\":\"suite\",\"value\":\"" + capital(c.name()) + " journeys\"},{\"name\":\"feature\",\"value\":\"checkout\"}]}";
        }

        /** E2E journeys name a person as their owner, as Allure's {@code @Owner} usually does. */
        private String journeyOwner() {
            return switch (c.team()) {
                case "team-checkout" -> "maria.keller";
                case "team-fulfilment" -> "omar.haddad";
                default -> "li.wei";
            };
        }

        /** The regression: broken by one commit twelve days before the end, fixed four days later (now FIXED). */
        private boolean regressionActive() {
            return c.name().equals("payments") && day >= days - 12 && day < days - 8 && branch.equals("main");
        }

        private void failure(StringBuilder xml, String message, String type) {
            xml.append(">\n   <failure message=\"").append(message.replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"))
                    .append("\" type=\"").append(type).append("\">").append(message.replace("<", "&lt;").replace(">", "&gt;"))
                    .append("\n\tat com.acme.Test.run(Test.java:1)</failure>\n  </testcase>\n");
        }
    }

    private static final String[] VERBS = {"Charge", "Refund", "Validate", "Reserve", "Release", "Notify", "Retry",
            "Cancel", "Authorize", "Capture", "Split", "Merge", "Archive", "Restore", "Export"};

    private static String verb(int cls, int t) {
        return VERBS[(cls + t) % VERBS.length] + VERBS[(cls * 7 + t * 3) % VERBS.length] + t;
    }

    private static String capital(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String uuid(Random random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
