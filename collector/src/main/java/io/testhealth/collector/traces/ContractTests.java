package io.testhealth.collector.traces;

import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.IntegrationEdge.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a test span is a contract test, and which edges its contract covers: the one place of that rule for traces.
 *
 * <p>A test span (with its ancestors in the request and its resource) is a <b>Pact</b> test when it carries a
 * {@code pact.*} attribute ({@code pact.provider}, {@code pact.consumer}: what Pact-aware instrumentation and our
 * documented attributes set), when its class ({@code test.suite.name}, {@code code.namespace}) or an annotation listed
 * in {@code test.annotations}/{@code code.annotations} is Pact's ({@code au.com.dius.pact...}, {@code PactTestFor},
 * {@code PactVerification}, {@code Provider}+{@code PactFolder}/{@code PactBroker}), or when its suite has the word
 * Pact ({@code CartPactTest}, {@code cart-pact}, {@code pact_consumer}; not {@code ImpactTest}). It is a
 * <b>Spring Cloud Contract</b> test when its class is in {@code org.springframework.cloud.contract} (where generated
 * tests go unless configured otherwise) or is named like a generated one ({@code ...ContractVerifierTest},
 * {@code ...ContractVerifierIT}). These are the conventions of the frameworks' own generators and annotations; the
 * scorecard's layer classification has its own naming rule for reports ({@code analysis.pyramid.PyramidClassifier}),
 * whose {@code contract} flag the integration map also takes.
 *
 * <p>Which edges: the edges its spans show (a Spring Cloud Contract stub called by name); for a Pact consumer test,
 * {@code pact.provider} names the service it stands for (the test itself calls a local mock server), so the edge
 * component → provider is covered; for a Pact provider test, {@code pact.consumer} names the caller, so consumer →
 * component is covered.
 */
public final class ContractTests {

    /** Framework names, as stored and answered. */
    public static final String PACT = "pact";
    public static final String SPRING_CLOUD_CONTRACT = "spring-cloud-contract";

    private static final List<String> CLASS = List.of("test.suite.name", "code.namespace");
    private static final List<String> ANNOTATIONS = List.of("test.annotations", "code.annotations");
    private static final String PACT_PROVIDER = "pact.provider";
    private static final String PACT_CONSUMER = "pact.consumer";
    /** The word Pact: at the start or after a non-letter, or capitalised after a lower-case letter (camel case). */
    private static final Pattern PACT_WORD = Pattern.compile("(?:^|[^A-Za-z])[Pp]act(?![a-z])|[a-z0-9]Pact(?![a-z])");
    private static final Pattern PACT_ANNOTATION = Pattern.compile(
            "au\\.com\\.dius\\.pact|PactTestFor|PactVerification|PactFolder|PactBroker|PactVerifyProvider");
    private static final Pattern SCC_CLASS = Pattern.compile(
            "org\\.springframework\\.cloud\\.contract|ContractVerifier(?:Test|Tests|IT|Spec)?$");

    private ContractTests() {
    }

    /**
     * The contract framework of a test span, if it is a contract test.
     *
     * @param chain the test span first, then its ancestors in the request; the resource is the test span's
     */
    static Optional<String> frameworkOf(List<ReceivedSpan> chain) {
        for (ReceivedSpan s : chain) {
            if (s.attributes().has(PACT_PROVIDER) || s.attributes().has(PACT_CONSUMER)) {
                return Optional.of(PACT);
            }
        }
        List<String> classes = new ArrayList<>();
        List<String> annotations = new ArrayList<>();
        for (ReceivedSpan s : chain) {
            CLASS.forEach(k -> s.attributes().text(k).ifPresent(classes::add));
            ANNOTATIONS.forEach(k -> annotationsOf(s.attributes(), k, annotations));
        }
        for (String c : classes) {
            if (PACT_ANNOTATION.matcher(c).find() || PACT_WORD.matcher(c).find()) {
                return Optional.of(PACT);
            }
            if (SCC_CLASS.matcher(c).find()) {
                return Optional.of(SPRING_CLOUD_CONTRACT);
            }
        }
        for (String a : annotations) {
            if (PACT_ANNOTATION.matcher(a).find()) {
                return Optional.of(PACT);
            }
            if (a.contains("org.springframework.cloud.contract") || a.contains("AutoConfigureStubRunner")) {
                return Optional.of(SPRING_CLOUD_CONTRACT);
            }
        }
        return Optional.empty();
    }

    /** The edges a Pact test names by its attributes: component → provider, consumer → component. */
    static List<IntegrationEdge> namedEdges(List<ReceivedSpan> chain, String componentName) {
        List<IntegrationEdge> out = new ArrayList<>(1);
        for (ReceivedSpan s : chain) {
            Optional<String> provider = s.attributes().text(PACT_PROVIDER);
            Optional<String> consumer = s.attributes().text(PACT_CONSUMER);
            if (provider.isPresent() && !provider.get().equals(componentName)) {
                out.add(new IntegrationEdge(componentName, Kind.SERVICE, provider.get(), PACT));
                return out;
            }
            if (consumer.isPresent() && !consumer.get().equals(componentName)) {
                out.add(new IntegrationEdge(consumer.get(), Kind.SERVICE, componentName, PACT));
                return out;
            }
        }
        return out;
    }

    private static void annotationsOf(SpanAttributes attributes, String key, List<String> out) {
        Optional<Object> v = attributes.get(key);
        if (v.isEmpty()) {
            return;
        }
        if (v.get() instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        } else {
            out.add(v.get().toString());
        }
    }
}
