/**
 * JUnit XML in its many dialects, read with StAX so that memory does not grow with the report.
 *
 * <p>The entry point is {@link io.testhealth.collector.ingest.junit.JUnitXmlParser}. The dialect traps it handles
 * are listed in {@code docs/metrics.md}: nested suites, declared counts that lie, locale-formatted times,
 * Surefire rerun elements, status attributes instead of child elements, non-UTF-8 encodings, BOMs.
 */
package io.testhealth.collector.ingest.junit;
