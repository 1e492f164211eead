package io.testhealth.collector.ingest.junit;

import javax.xml.stream.XMLInputFactory;

/**
 * Hands the parser's own StAX factory to the benchmark's raw floor, which lives in another package.
 *
 * <p>The floor must run on exactly the factory {@link JUnitXmlParser} uses (same Aalto implementation, same
 * settings), or the ratio of the two would compare parsers, not our code above the parser. {@link XmlInput} keeps
 * the factory package-private because production code has no other use for it; this test-only class is the one
 * door, so the production jar gains no public API for a benchmark.
 */
public final class XmlFactoryAccess {

    private XmlFactoryAccess() {
    }

    /** The factory behind {@link JUnitXmlParser}. */
    public static XMLInputFactory parserFactory() {
        return XmlInput.factory();
    }
}
