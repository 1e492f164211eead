package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.analysis.PerTestMemo;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.analysis.durations.TimeWindow;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.ObservedLayer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts every test in a pyramid layer, with the signal that decided, by the precedence of {@code metrics.md} section 5.
 *
 * <p>The first signal that applies wins, strongest first:
 * <ol>
 *   <li>{@link LayerSource#CONFIG_MAPPING}: the component's {@link PyramidMapping}, the team's reviewed statement;</li>
 *   <li>{@link LayerSource#UPLOAD}: the upload's {@code layer} parameter, set by whoever wrote the CI job;</li>
 *   <li>{@link LayerSource#ALLURE_LABEL} and {@link LayerSource#TEST_PROPERTY} (one rank): a {@code layer} written on
 *       the test itself;</li>
 *   <li>{@link LayerSource#TAG}: a {@code tag}/{@code tags}/{@code marker}/{@code category} label naming a layer
 *       ({@code unit}, {@code integration}, {@code it}, {@code e2e}, {@code end-to-end}, {@code contract}, {@code pact}
 *       and the other names {@link Layer#parse} reads) — a tag is deliberate, but often means something else too;</li>
 *   <li>{@link LayerSource#REPORT_PATH}: {@code failsafe-reports/} is integration, {@code surefire-reports/} unit, as
 *       Maven's plugins decide by configuration rather than by the author;</li>
 *   <li>{@link LayerSource#NAMING}: {@code *IT}, {@code *ITCase}, {@code *IntegrationTest(s)} classes are integration;
 *       {@code E2E} in the class or file name, an {@code e2e}/{@code end-to-end} package segment or folder, a Cypress
 *       {@code *.cy.ts} file, or a {@code *.spec.ts} or {@code *.test.ts} file of Playwright or Cypress are e2e; an
 *       {@code integration} folder or package is integration and a {@code unit} folder or package is unit;</li>
 *   <li>{@link LayerSource#NAMING}, last of all: the test runners' default names for unit tests, only when nothing
 *       above applied (so never over an integration or e2e name). A suite whose simple class name is {@code Test*},
 *       {@code *Test}, {@code *Tests} or {@code *TestCase} (Maven Surefire's default includes are these file names in
 *       any folder, and Gradle projects name their tests the same way), a pytest module {@code test_*} or
 *       {@code *_test}, or a file {@code test_*.py}, {@code *_test.py}, {@code *.test.ts} or {@code .js} (and
 *       {@code .tsx}, {@code .jsx}, {@code .mjs}, {@code .cjs}) or Go's {@code *_test.go} is unit. Only the simple
 *       class name is read, never the package ({@code com.test.Checkout} is not {@code Test*}); the case is the
 *       runners' ({@code Contest} does not end in {@code Test}); and {@code Test*} needs a word boundary after
 *       {@code Test} ({@code TestCheckout}, {@code Test_Cart}, not {@code Testing}), as Java names are camel case.
 *       A {@code *.test.ts} run by Playwright or Cypress is e2e instead: Playwright runs {@code *.test.ts} and
 *       {@code *.spec.ts} alike;</li>
 *   <li>{@link LayerSource#TRACE}: what the test's spans showed it touched, when nothing above applied: the
 *       heaviest {@link ObservedLayer} of its runs in the window ({@link ObservedLayer#heavier}, the rule the test
 *       page's observation follows too). An {@code unknown} observation is no evidence, so a test whose spans only
 *       ever showed {@code unknown} stays unknown;</li>
 *   <li>otherwise the layer is unknown (a suite {@code Checkout} with no other signal): a test is never unit by
 *       default. Duration is never a verdict: a slow unit test is still a unit test.</li>
 * </ol>
 *
 * <p><b>Declared against observed.</b> The observed layer is kept beside every classification
 * ({@link Classification#observed()}), also where a declared signal decided, so that a declaration the spans
 * contradict is shown ({@link Classification#layerDisagrees()}). It never overrides the declaration: the team's word
 * stands until they change it, and the spans of one request see only the calls made inside the test's process.
 *
 * <p><b>Disagreeing runs.</b> Runs of one test may come from different uploads that say different things. The
 * strongest source over all its runs in the window wins; among runs with that source the most recent one decides,
 * since declarations are corrected over time. Within one run and one source that names several layers (a test tagged
 * both {@code unit} and {@code integration}), the heaviest layer wins: understating a layer flatters the pyramid.
 *
 * <p><b>Contract tests</b> (Pact, Spring Cloud Contract) are integration tests with the {@code contract} flag: a tag or
 * Allure {@code layer} label {@code contract}/{@code pact}, a {@code framework} label naming Pact, or a class whose
 * name has the word {@code Pact}, ends in {@code ContractVerifier} or in a word followed by {@code Contract}, each
 * with an optional {@code Test}/{@code Tests}/{@code IT} suffix ({@code OrderContractTest}, {@code ContractVerifierTest},
 * {@code PaymentsPactTest}). Tests of a domain class called {@code Contract} ({@code ContractTest},
 * {@code ContractRepositoryTest}) are not contract tests, which is why a bare "contains Contract" is not used. The evidence also votes {@code integration} at its own rank (tag or naming).
 *
 * <p><b>Ingest note.</b> The ingest stores one declared layer per run: a layer on the test (Allure label, JUnit
 * property) is kept before the upload's, and a report path only when neither exists. Where a run carries both an
 * upload layer and a label, only the label is visible here.
 */
public final class PyramidClassifier {

    private static final Set<String> TAG_KEYS = Set.of("tag", "tags", "marker", "markers", "category", "categories");
    private static final Set<String> CONTRACT_WORDS = Set.of("contract", "pact", "contract-test", "contract-tests",
            "pact-test", "pact-tests", "consumer-contract", "provider-contract");
    private static final Set<String> FILE_KEYS = Set.of("file", "suite", "parentsuite", "subsuite", "package",
            "testclass");
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final Pattern SEGMENTS = Pattern.compile("[./\\\\]+");
    private static final Pattern INTEGRATION_CLASS = Pattern.compile(".+(IT|ITCase|IntegrationTest|IntegrationTests)");
    private static final Pattern CONTRACT_CLASS = Pattern.compile(
            "(?:.*[a-z0-9_])?Pact(?:[A-Z0-9_].*)?|(?:.+Contract|.*ContractVerifier|.*ContractVerification)(?:Test|Tests|IT|ITCase|Spec)?");
    private static final Pattern CYPRESS_FILE = Pattern.compile("(?i).*\\.cy\\.[cm]?[jt]sx?");
    private static final Pattern SPEC_FILE = Pattern.compile("(?i).*\\.spec\\.[cm]?[jt]sx?");
    private static final Pattern JS_TEST_FILE = Pattern.compile(".*\\.test\\.[cm]?[jt]sx?");
    /** Surefire's default includes, read as simple class names: {@code Test*} (then a word boundary), {@code *Test},
     *  {@code *Tests}, {@code *TestCase}; a class name has no spaces, so "Checkout Tests" is no class. */
    private static final Pattern UNIT_CLASS = Pattern.compile("Test(?:[A-Z0-9_][A-Za-z0-9_]*)?|[A-Za-z0-9_]*Tests?"
            + "|[A-Za-z0-9_]*TestCase");
    /** pytest's default modules, as a classname shows them: the module without its {@code .py}. */
    private static final Pattern PYTHON_TEST_MODULE = Pattern.compile("test_[A-Za-z0-9_]*|[A-Za-z0-9_]+_test");
    private static final Pattern UNIT_FILE = Pattern.compile("(?:Test(?:[A-Z0-9_][A-Za-z0-9_]*)?|[A-Za-z0-9_]*Tests?"
            + "|[A-Za-z0-9_]*TestCase)\\.(?:java|kt|groovy|scala)|test_[^/]*\\.py|[^/]*_test\\.py|[^/]*_test\\.go"
            + "|[^/]*\\.test\\.[cm]?[jt]sx?");
    /**
     * The names Allure gives the files of a run: a random UUID, then {@code -result.json}, {@code -container.json} or
     * {@code -attachment.*}. Generated, they name no test; and being hexadecimal, a UUID may hold "e2e".
     */
    private static final Pattern ALLURE_GENERATED_NAME = Pattern.compile(
            "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(?:result|container|attachment)\\..*");
    /** What an Allure-generated file name becomes where a name is read: one constant, which names nothing. */
    private static final String GENERATED = "(generated)";
    private static final Set<String> E2E_SEGMENTS = Set.of("e2e", "end-to-end", "endtoend", "e2e-tests", "e2etests");
    private static final Set<String> INTEGRATION_SEGMENTS = Set.of("integration", "integration-tests",
            "integrationtests", "integration_tests");
    private static final Set<String> UNIT_SEGMENTS = Set.of("unit", "unit-tests", "unittests", "unit_tests");

    private PyramidClassifier() {
    }

    /**
     * Classifies every test.
     *
     * @return classifications by test id, in input order
     */
    public static Map<String, Classification> classifyAll(List<TestHistory> histories, PyramidMapping mapping,
                                                          TimeWindow window) {
        return classifyAll(histories, mapping, window, new PerTestMemo<>());
    }

    /**
     * Classifies every test, reusing the classifications {@code memo} kept from the previous classification of the same
     * component while they still hold (the same history, the same mapping, no run of it left the window since), and
     * keeping this one's for the next.
     *
     * @return classifications by test id, in input order
     */
    public static Map<String, Classification> classifyAll(List<TestHistory> histories, PyramidMapping mapping,
                                                          TimeWindow window, PerTestMemo<Classification> memo) {
        memo.begin(List.of(mapping, window.length()));
        Map<String, Classification> out = new LinkedHashMap<>();
        Texts texts = new Texts();
        for (TestHistory h : histories) {
            Classification c = memo.reuse(h, window.to());
            if (c == null) {
                // A new run mostly repeats the declaration, labels and file of the ones before, and the layer reads
                // nothing else of the runs: with the same evidence the test keeps its layer without the judging
                // (pattern matching on every name and file), which is most of a whole-suite upload's classification.
                List<TestRunFact> distinct = distinctEvidence(newestFirstInWindow(h, window));
                List<Clue> evidence = clues(distinct, mapping.rulesFor(h.component()).isEmpty() ? texts : null);
                Instant validUntil = PerTestMemo.firstChange(h.runs(), window.to(), window.length());
                c = memo.reuseFor(h, evidence, validUntil);
                if (c == null) {
                    c = judge(h, mapping, distinct, texts);
                    memo.keep(h, c, validUntil, evidence);
                }
            }
            out.put(h.testId(), c);
        }
        memo.end();
        return out;
    }

    /**
     * Classifies one test from its name, the mapping and its runs in the window (all of them, skipped ones too: a
     * declaration holds whatever the outcome).
     */
    public static Classification classify(TestHistory history, PyramidMapping mapping, TimeWindow window) {
        // Runs of one test mostly repeat the same declaration, labels and file, and every signal below reads only
        // those: each combination is judged once, in the order of its newest run.
        return judge(history, mapping, distinctEvidence(newestFirstInWindow(history, window)), new Texts());
    }

    /**
     * One combination of what a run says about its layer: all that classification reads of a run. The test's
     * classification is a function of its id, suite, name and component, the mapping, and its clues newest first.
     *
     * @param file the run's report file, or what it says ({@link FileSignals}) where nothing else reads it
     */
    private record Clue(DeclaredLayer declared, Map<String, List<String>> labels, Object file) {
    }

    /**
     * The clues of the distinct runs. Without mapping rules for the component, a report file is read only for what it
     * says, so the clue holds that instead of the name: a report named per build ({@code TEST-build-042.xml}) or per
     * result (Allure's UUIDs) says the same as the last one, and the test's clues repeat.
     *
     * @param texts where file signals are read, or {@code null} when mapping rules may read the file names themselves
     */
    private static List<Clue> clues(List<TestRunFact> distinct, Texts texts) {
        java.util.Set<Clue> clues = new java.util.LinkedHashSet<>();
        for (TestRunFact f : distinct) {
            Object file = texts == null ? f.reportFile() : texts.of(f.reportFile());
            clues.add(new Clue(f.declaredLayer(), f.labels(), file));
        }
        return List.copyOf(clues);
    }

    /** The path with an Allure-generated file name replaced by {@link #GENERATED}; any other path as it is. */
    private static String withoutGeneratedName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String name = path.substring(slash + 1);
        // the pattern only when the name has a UUID's dashes where they go: most names are not Allure's
        boolean uuidShaped = name.length() > 37 && name.charAt(8) == '-' && name.charAt(13) == '-'
                && name.charAt(18) == '-' && name.charAt(23) == '-' && name.charAt(36) == '-';
        return uuidShaped && ALLURE_GENERATED_NAME.matcher(name).matches()
                ? path.substring(0, slash + 1) + GENERATED : path;
    }

    /**
     * What a file name or path says, read once: its report folder, its naming evidence (with and without Playwright
     * or Cypress as the runner), whether it is a runner's default unit-test file name, whether it names one of those
     * runners.
     */
    private record FileSignals(Signal path, Layer named, Layer namedUnderE2eRunner, boolean unitFile,
                               boolean namesE2eRunner) {

        /** The naming evidence, as read when the tests ran under Playwright or Cypress or not. */
        Layer named(boolean e2eRunner) {
            return e2eRunner ? namedUnderE2eRunner : named;
        }

        static FileSignals of(String text) {
            String t = withoutGeneratedName(text);
            String lower = t.toLowerCase(Locale.ROOT);
            return new FileSignals(reportPath(t), namedLayer(t, false, false), namedLayer(t, false, true),
                    UNIT_FILE.matcher(lastSegment(t.strip())).matches(),
                    lower.contains("playwright") || lower.contains("cypress"));
        }
    }

    /**
     * What names and files say, worked out once per text in one classification of a component: the tests of a job
     * run share its report file, and the pattern matching is most of what classifying costs. An Allure-generated name
     * (new for every result) is read as {@link #GENERATED} and kept under that, so that those share one entry too.
     */
    private static final class Texts {

        private final Map<String, FileSignals> files = new java.util.HashMap<>();

        FileSignals of(String text) {
            FileSignals known = files.get(text);
            if (known != null) {
                return known;
            }
            String key = withoutGeneratedName(text);
            return files.computeIfAbsent(key, FileSignals::of);
        }
    }

    private static List<TestRunFact> newestFirstInWindow(TestHistory history, TimeWindow window) {
        List<TestRunFact> newestFirst = new ArrayList<>();
        for (TestRunFact f : history.runs()) {
            if (window.contains(f.job().startedAt())) {
                newestFirst.add(f);
            }
        }
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The classification from the test's distinct evidence, newest first ({@link #distinctEvidence}). */
    private static Classification judge(TestHistory history, PyramidMapping mapping, List<TestRunFact> distinct,
                                        Texts texts) {
        boolean contract = contractEvidence(history, distinct);
        boolean e2eRunner = e2eRunner(history, distinct, texts);
        Signal best = mapped(history, mapping, distinct);
        if (best == null) {
            for (TestRunFact f : distinct) {
                best = stronger(best, declared(f.declaredLayer()));
                best = stronger(best, tagged(f.labels()));
                best = stronger(best, texts.of(f.reportFile()).path());
                best = stronger(best, named(history, f, e2eRunner, texts));
            }
            best = stronger(best, named(history, null, e2eRunner, texts));
        }
        if (best == null) {
            best = unitByConvention(history, distinct, texts);
        }
        Layer observed = observed(distinct);
        if (best == null && observed != null) {
            best = new Signal(observed, LayerSource.TRACE);
        }
        if (best == null) {
            return Classification.unknown(history.testId());
        }
        return new Classification(history.testId(), best.layer, best.source, contract && best.layer == Layer.INTEGRATION,
                observed);
    }

    /** The heaviest layer the runs' spans showed, or {@code null} when none came from spans or all showed unknown. */
    private static Layer observed(List<TestRunFact> runs) {
        ObservedLayer heaviest = null;
        for (TestRunFact f : runs) {
            heaviest = ObservedLayer.heavier(heaviest, ObservedLayer.ofLabels(f.labels()).orElse(null));
        }
        return heaviest == null ? null : heaviest.layer().orElse(null);
    }

    /**
     * The runs with a combination of declared layer, labels and report file no newer run had, newest first. A history
     * read shares one labels map among a test's runs that carry the same labels, so a run that repeats the one before
     * it is recognised by reference, without hashing its labels.
     */
    private static List<TestRunFact> distinctEvidence(List<TestRunFact> newestFirst) {
        List<TestRunFact> out = new ArrayList<>();
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        TestRunFact previous = null;
        for (TestRunFact f : newestFirst) {
            boolean repeatsPrevious = previous != null && previous.labels() == f.labels()
                    && previous.reportFile().equals(f.reportFile())
                    && java.util.Objects.equals(previous.declaredLayer(), f.declaredLayer());
            previous = f;
            if (!repeatsPrevious && seen.add(java.util.Arrays.asList(f.declaredLayer(), f.labels(), f.reportFile()))) {
                out.add(f);
            }
        }
        return out;
    }

    /** Rank of a source: lower is stronger; the Allure label and the JUnit property share a rank. */
    static int rank(LayerSource source) {
        return switch (source) {
            case CONFIG_MAPPING -> 1;
            case UPLOAD -> 2;
            case ALLURE_LABEL, TEST_PROPERTY -> 3;
            case TAG -> 4;
            case REPORT_PATH -> 5;
            case NAMING -> 6;
            case TRACE -> 7;
        };
    }

    private record Signal(Layer layer, LayerSource source) {
    }

    /** The stronger of two signals; on equal rank the one found first (the newer run) stays. */
    private static Signal stronger(Signal current, Signal candidate) {
        if (candidate == null) {
            return current;
        }
        if (current == null || rank(candidate.source) < rank(current.source)) {
            return candidate;
        }
        return current;
    }

    private static Signal mapped(TestHistory h, PyramidMapping mapping, List<TestRunFact> newestFirst) {
        List<String> texts = new ArrayList<>();
        texts.add(h.suite());
        texts.add(h.suite() + "." + h.name());
        for (TestRunFact f : newestFirst) {
            if (!f.reportFile().isEmpty()) {
                texts.add(f.reportFile());
            }
        }
        return mapping.firstMatch(h.component(), texts).map(r -> new Signal(r.layer(), LayerSource.CONFIG_MAPPING))
                .orElse(null);
    }

    private static Signal declared(DeclaredLayer d) {
        return d == null ? null : new Signal(d.layer(), d.source());
    }

    private static Signal tagged(Map<String, List<String>> labels) {
        Layer heaviest = null;
        for (String word : tagWords(labels)) {
            Layer l = CONTRACT_WORDS.contains(word) ? Layer.INTEGRATION : Layer.parse(word).orElse(null);
            heaviest = heavier(heaviest, l);
        }
        return heaviest == null ? null : new Signal(heaviest, LayerSource.TAG);
    }

    private static Signal reportPath(String reportFile) {
        String p = reportFile.replace('\\', '/');
        if (p.contains("failsafe-reports/")) {
            return new Signal(Layer.INTEGRATION, LayerSource.REPORT_PATH);
        }
        if (p.contains("surefire-reports/")) {
            return new Signal(Layer.UNIT, LayerSource.REPORT_PATH);
        }
        return null;
    }

    /** Naming evidence from the suite (when {@code f} is null) or from one run's report file and file labels. */
    private static Signal named(TestHistory h, TestRunFact f, boolean e2eRunner, Texts cache) {
        List<String> texts = new ArrayList<>();
        if (f == null) {
            texts.add(h.suite());
        } else {
            texts.add(f.reportFile());
            f.labels().forEach((key, values) -> {
                if (FILE_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                    texts.addAll(values);
                }
            });
        }
        Layer heaviest = null;
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                Layer layer = f == null ? namedLayer(text, true, e2eRunner) : cache.of(text).named(e2eRunner);
                heaviest = heavier(heaviest, layer);
            }
        }
        return heaviest == null ? null : new Signal(heaviest, LayerSource.NAMING);
    }

    /**
     * The test runners' default unit-test names (the last naming step): the suite's simple class name or pytest module,
     * and the file names in the suite, report paths and file labels. Called only when no other signal applied.
     */
    private static Signal unitByConvention(TestHistory h, List<TestRunFact> runs, Texts cache) {
        List<String> classNames = new ArrayList<>();
        List<String> files = new ArrayList<>();
        classNames.add(h.suite());
        files.add(h.suite());
        for (TestRunFact f : runs) {
            files.add(f.reportFile());
            f.labels().forEach((key, values) -> {
                String k = key.toLowerCase(Locale.ROOT);
                if (k.equals("testclass")) {
                    classNames.addAll(values);
                }
                if (FILE_KEYS.contains(k)) {
                    files.addAll(values);
                }
            });
        }
        for (String c : classNames) {
            String simple = c == null ? "" : simpleClassName(c.strip());
            if (UNIT_CLASS.matcher(simple).matches() || PYTHON_TEST_MODULE.matcher(simple).matches()) {
                return new Signal(Layer.UNIT, LayerSource.NAMING);
            }
        }
        for (String file : files) {
            if (file != null && cache.of(file).unitFile()) {
                return new Signal(Layer.UNIT, LayerSource.NAMING);
            }
        }
        return null;
    }

    /**
     * Whether any run says the tests ran under Playwright or Cypress: a {@code framework} label, or the word in the
     * suite or a report path. Only then is a {@code *.spec.ts} file an e2e test, since Jest and Angular name unit
     * tests the same way.
     */
    private static boolean e2eRunner(TestHistory h, List<TestRunFact> runs, Texts cache) {
        if (cache.of(h.suite()).namesE2eRunner()) {
            return true;
        }
        for (TestRunFact f : runs) {
            if (cache.of(f.reportFile()).namesE2eRunner()) {
                return true;
            }
            for (Map.Entry<String, List<String>> label : f.labels().entrySet()) {
                String k = label.getKey().toLowerCase(Locale.ROOT);
                if (k.equals("framework") || FILE_KEYS.contains(k)) {
                    for (String value : label.getValue()) {
                        if (value != null && cache.of(value).namesE2eRunner()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static Layer namedLayer(String text, boolean isSuite, boolean e2eRunner) {
        Layer layer = null;
        String fileName = lastSegment(text);
        if (CYPRESS_FILE.matcher(fileName).matches() || (e2eRunner && (SPEC_FILE.matcher(fileName).matches()
                || JS_TEST_FILE.matcher(fileName).matches()))) {
            layer = Layer.E2E;
        }
        String[] segments = SEGMENTS.split(text.toLowerCase(Locale.ROOT));
        for (int i = 0; i < segments.length - (isSuite ? 1 : 0); i++) {
            String s = segments[i];
            if (E2E_SEGMENTS.contains(s)) {
                layer = heavier(layer, Layer.E2E);
            } else if (INTEGRATION_SEGMENTS.contains(s)) {
                layer = heavier(layer, Layer.INTEGRATION);
            } else if (UNIT_SEGMENTS.contains(s)) {
                layer = heavier(layer, Layer.UNIT);
            }
        }
        if (isSuite) {
            String simple = simpleClassName(text);
            if (simple.toLowerCase(Locale.ROOT).contains("e2e")) {
                layer = heavier(layer, Layer.E2E);
            } else if (INTEGRATION_CLASS.matcher(simple).matches() || CONTRACT_CLASS.matcher(simple).matches()) {
                layer = heavier(layer, Layer.INTEGRATION);
            }
        } else if (fileName.toLowerCase(Locale.ROOT).contains("e2e")) {
            layer = heavier(layer, Layer.E2E);
        }
        return layer;
    }

    private static boolean contractEvidence(TestHistory h, List<TestRunFact> runs) {
        if (CONTRACT_CLASS.matcher(simpleClassName(h.suite())).matches()) {
            return true;
        }
        for (TestRunFact f : runs) {
            if (tagWords(f.labels()).stream().anyMatch(CONTRACT_WORDS::contains)) {
                return true;
            }
            for (Map.Entry<String, List<String>> e : f.labels().entrySet()) {
                String key = e.getKey().toLowerCase(Locale.ROOT);
                for (String v : e.getValue()) {
                    String value = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
                    if ((key.equals("layer") && CONTRACT_WORDS.contains(value))
                            || (key.equals("framework") && (value.contains("pact") || value.contains("contract")))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<String> tagWords(Map<String, List<String>> labels) {
        List<String> words = new ArrayList<>();
        labels.forEach((key, values) -> {
            if (TAG_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                for (String v : values) {
                    if (v == null) {
                        continue;
                    }
                    for (String w : SEPARATORS.split(v.strip().toLowerCase(Locale.ROOT))) {
                        if (!w.isEmpty()) {
                            words.add(w.replace('_', '-'));
                        }
                    }
                }
            }
        });
        return words;
    }

    /** The outer class of a suite: {@code com.acme.CheckoutIT$WhenPaying} gives {@code CheckoutIT}. */
    private static String simpleClassName(String suite) {
        String s = lastSegment(suite.replace('.', '/'));
        int dollar = s.indexOf('$');
        return dollar > 0 ? s.substring(0, dollar) : s;
    }

    private static String lastSegment(String text) {
        String t = text.replace('\\', '/');
        int slash = t.lastIndexOf('/');
        return slash >= 0 ? t.substring(slash + 1) : t;
    }

    private static Layer heavier(Layer a, Layer b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
