package io.testhealth.collector.ingest.junit;

import com.fasterxml.aalto.UncheckedStreamException;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.ingest.ReportParser;
import io.testhealth.collector.ingest.ResultSink;
import io.testhealth.collector.model.ReportFormat;

import org.codehaus.stax2.XMLStreamReader2;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Reads JUnit XML of every common dialect with a single StAX pass.
 *
 * <p>Test cases are counted at any depth (nested suites, even nested test cases); declared counts on suites are
 * never used. A test case's suite is its {@code classname}, or the innermost suite's name when it has none.
 * Retries written as Surefire {@code flakyFailure}/{@code flakyError} (failed attempts before a pass) and
 * {@code rerunFailure}/{@code rerunError} (attempts after a failure) become attempts of the test case; retries
 * written as repeated test cases are merged later, by the {@link ResultSink}.
 *
 * <p>Memory stays flat whatever the report's size: only the current test case is held, failure texts are cut to
 * a few kilobytes and captured output is counted, not kept.
 */
public final class JUnitXmlParser implements ReportParser {

    /** Roots of XML reports that are not JUnit XML, with the name users know them by. */
    private static final Map<String, String> OTHER_FORMATS = Map.ofEntries(
            Map.entry("test-run", "NUnit 3 XML"),
            Map.entry("test-results", "NUnit 2 XML"),
            Map.entry("assemblies", "xUnit.net XML"),
            Map.entry("assembly", "xUnit.net XML"),
            Map.entry("TestRun", "Visual Studio TRX"),
            Map.entry("testng-results", "TestNG XML (testng-results.xml)"),
            Map.entry("failsafe-summary", "a Failsafe summary (failsafe-summary.xml), which holds totals and no test cases"),
            Map.entry("testrun", "Eclipse JUnit test-run XML"),
            Map.entry("test-suite", "Allure 1 XML"),
            Map.entry("html", "HTML"),
            Map.entry("checkstyle", "Checkstyle XML"),
            Map.entry("coverage", "a coverage report"),
            Map.entry("report", "a JaCoCo coverage report"));

    @Override
    public ReportFormat format() {
        return ReportFormat.JUNIT;
    }

    @Override
    public void parse(InputStream in, String fileName, ResultSink sink) throws IOException {
        XMLStreamReader xml = null;
        try {
            xml = XmlInput.open(in);
            new Pass(xml, fileName, sink).run();
        } catch (XmlInput.UnsupportedEncodingInReport e) {
            throw new IngestException(Reason.MALFORMED, e.getMessage() + ": save the report as UTF-8", fileName, 1, 1, e);
        } catch (XMLStreamException e) {
            throw malformed(fileName, e);
        } catch (UncheckedStreamException e) {
            // Aalto decodes text lazily and reports what it finds there from methods that declare no exception.
            if (e.getCause() instanceof XMLStreamException cause) {
                throw malformed(fileName, cause);
            }
            throw e;
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader that failed tells us nothing more
                }
            }
        }
    }

    private static IngestException malformed(String fileName, XMLStreamException e) {
        Location at = e.getLocation();
        return new IngestException(Reason.MALFORMED,
                "not well-formed XML: " + describe(e) + " (a truncated or corrupt report? upload the complete file)",
                fileName, at == null ? 0 : at.getLineNumber(), at == null ? 0 : at.getColumnNumber(), e);
    }

    /** The parser's own words, without the location it appends (we report that separately). */
    private static String describe(XMLStreamException e) {
        String m = e.getMessage() == null ? "unreadable XML" : e.getMessage();
        int at = m.indexOf("\n at [");
        if (at >= 0) {
            m = m.substring(0, at);
        }
        int message = m.indexOf("Message: ");
        if (m.startsWith("ParseError at") && message >= 0) {
            m = m.substring(message + "Message: ".length());
        }
        return m.replace('\n', ' ').strip();
    }

    /** One pass over one document; holds the state of the element being read. */
    private static final class Pass {
        private final XMLStreamReader xml;
        private final String fileName;
        private final ResultSink sink;
        private final Deque<String> suites = new ArrayDeque<>();
        private final Deque<TestCaseReader> cases = new ArrayDeque<>();
        private final Deque<String> open = new ArrayDeque<>();
        private OutcomeReader outcome;
        private final TraceHead trace = new TraceHead();
        private TextTarget text = TextTarget.NONE;
        private long outputStart = -1;
        private String propertyName;
        private final StringBuilder propertyText = new StringBuilder();
        private final AttributeReader attributes;

        Pass(XMLStreamReader xml, String fileName, ResultSink sink) {
            this.xml = xml;
            this.attributes = new AttributeReader((XMLStreamReader2) xml);
            this.fileName = fileName;
            this.sink = sink;
        }

        void run() throws XMLStreamException {
            boolean rootSeen = false;
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (!rootSeen) {
                            checkRoot();
                            rootSeen = true;
                        }
                        start(xml.getLocalName());
                    }
                    case XMLStreamConstants.END_ELEMENT -> end(xml.getLocalName());
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> characters();
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                            "entity reference &" + xml.getLocalName() + "; is not allowed (DTDs and entities are refused to prevent XXE and entity expansion)",
                            xml.getLocation());
                    default -> { }
                }
            }
            if (!rootSeen) {
                throw new IngestException(Reason.MALFORMED, "the file holds no XML element", fileName, 1, 1, null);
            }
            sink.endOfScope();
        }

        private void checkRoot() throws XMLStreamException {
            String root = xml.getLocalName();
            if (root.equals("testsuites") || root.equals("testsuite")) {
                return;
            }
            String known = OTHER_FORMATS.get(root);
            String what = known != null ? known : "XML with root element <" + root + ">, not JUnit XML (<testsuites> or <testsuite>)";
            Location at = xml.getLocation();
            drain(); // a broken file is reported as broken, whatever its format
            throw new IngestException(Reason.UNSUPPORTED_FORMAT,
                    "unsupported format: this is " + what + ". Upload JUnit XML or Allure results: most test runners "
                            + "can write JUnit XML as well (e.g. NUnit --result=junit, dotnet test --logger junit)",
                    fileName, at.getLineNumber(), at.getColumnNumber(), null);
        }

        /** Reads to the end of the document, so that well-formedness errors surface. */
        private void drain() throws XMLStreamException {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("entity reference &" + xml.getLocalName()
                            + "; is not allowed (DTDs and entities are refused to prevent XXE and entity expansion)", xml.getLocation());
                }
            }
        }

        private void start(String name) throws XMLStreamException {
            open.push(name);
            TestCaseReader current = cases.peek();
            if (outcome != null) {
                switch (name) {
                    case "stackTrace" -> text = TextTarget.TRACE;
                    case "system-out", "system-err" -> startOutput();
                    default -> { }
                }
                return;
            }
            switch (name) {
                case "testsuite" -> suites.push(nonNull(attr("name")));
                case "testcase" -> cases.push(testCase());
                case "failure", "error", "skipped", "flakyFailure", "flakyError", "rerunFailure", "rerunError" -> {
                    if (current == null) {
                        if (!name.equals("skipped")) {
                            sink.doubt("suite-level <failure>/<error> elements outside any test case were ignored",
                                    fileName + " line " + xml.getLocation().getLineNumber());
                        }
                        return;
                    }
                    outcome = new OutcomeReader(name, attr("message"), attr("type"), attr("time"));
                    trace.clear();
                    text = TextTarget.TRACE;
                }
                case "system-out", "system-err" -> startOutput();
                case "property" -> {
                    if (current != null) {
                        propertyName = attr("name");
                        propertyText.setLength(0);
                        String value = attr("value");
                        if (value != null) {
                            propertyText.append(value);
                        } else {
                            text = TextTarget.PROPERTY;
                        }
                    }
                }
                default -> { }
            }
        }

        private void end(String name) throws XMLStreamException {
            open.poll();
            TestCaseReader current = cases.peek();
            if (name.equals("system-out") || name.equals("system-err")) {
                endOutput(name.equals("system-out"));
            }
            if (outcome != null) {
                if (name.equals(outcome.element())) {
                    outcome.trace(trace.head(), trace.text());
                    current.add(outcome);
                    outcome = null;
                    text = TextTarget.NONE;
                } else {
                    text = TextTarget.TRACE;
                }
                return;
            }
            switch (name) {
                case "testsuite" -> {
                    suites.poll();
                    if (suites.isEmpty() || open.size() <= 1) {
                        sink.endOfScope();
                    }
                }
                case "testcase" -> {
                    cases.pop();
                    sink.accept(current.finish(sink));
                    text = cases.isEmpty() ? TextTarget.NONE : text;
                }
                case "property" -> {
                    if (current != null && propertyName != null) {
                        current.property(propertyName, propertyText.toString());
                    }
                    propertyName = null;
                    text = TextTarget.NONE;
                }
                default -> { }
            }
        }

        private void characters() {
            if (text == TextTarget.NONE) {
                return; // text nobody reads is skipped by the reader without being decoded
            }
            char[] chars = xml.getTextCharacters();
            int start = xml.getTextStart();
            int length = xml.getTextLength();
            switch (text) {
                case TRACE -> trace.append(chars, start, length);
                case PROPERTY -> {
                    if (propertyText.length() < 1000) {
                        propertyText.append(chars, start, Math.min(length, 1000 - propertyText.length()));
                    }
                }
                default -> { }
            }
        }

        /**
         * Starts measuring captured output. Its text is never decoded: the size is taken from the reader's offsets,
         * which makes megabytes of output nearly free. The size is of the content as written (bytes for byte input,
         * characters for decoded input; CDATA markup and entity references included).
         */
        private void startOutput() throws XMLStreamException {
            text = TextTarget.NONE;
            outputStart = ((XMLStreamReader2) xml).getLocationInfo().getEndingByteOffset();
            if (outputStart < 0) {
                outputStart = ((XMLStreamReader2) xml).getLocationInfo().getEndingCharOffset();
            }
        }

        private void endOutput(boolean standardOut) throws XMLStreamException {
            OutputCounter target = outcome != null ? outcome : cases.peek();
            if (target == null || outputStart < 0) {
                return;
            }
            long end = ((XMLStreamReader2) xml).getLocationInfo().getStartingByteOffset();
            if (end < 0) {
                end = ((XMLStreamReader2) xml).getLocationInfo().getStartingCharOffset();
            }
            long size = Math.max(0, end - outputStart);
            if (standardOut) {
                target.addOut(size);
            } else {
                target.addErr(size);
            }
            outputStart = -1;
            if (outcome != null) {
                text = TextTarget.TRACE;
            }
        }

        /**
         * Reads a test case's attributes in one pass: most dialects write three of the eight we look for, and those
         * three (name, class name, time) are read in place by {@link AttributeReader}. Values are read as written
         * when they may appear in a doubt's example: the time when it is not plain seconds, and name and class
         * name when the time, the timestamp or an index-only name may be doubted.
         */
        private TestCaseReader testCase() throws XMLStreamException {
            int classnameAt = -1;
            int nameAt = -1;
            int timeAt = -1;
            String timestamp = null;
            String file = null;
            String status = null;
            String result = null;
            for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
                switch (xml.getAttributeLocalName(i)) {
                    case "classname" -> classnameAt = i;
                    case "name" -> nameAt = i;
                    case "time" -> timeAt = i;
                    case "timestamp" -> timestamp = xml.getAttributeValue(i);
                    case "file" -> file = xml.getAttributeValue(i);
                    case "status" -> status = xml.getAttributeValue(i);
                    case "result" -> result = xml.getAttributeValue(i);
                    default -> { }
                }
            }
            Double seconds = null;
            String unreadTime = null;
            if (timeAt >= 0) {
                double plain = attributes.plainSeconds(timeAt);
                if (Double.isNaN(plain)) {
                    unreadTime = xml.getAttributeValue(timeAt);
                    seconds = ReportedTime.seconds(unreadTime);
                } else {
                    seconds = plain;
                }
            }
            String classname = classnameAt < 0 ? null : attributes.trimmedRepeated(classnameAt);
            String testName = nameAt < 0 ? null : attributes.trimmed(nameAt);
            if (unreadTime != null || timestamp != null || (testName != null && testName.indexOf('[') >= 0)) {
                classname = classnameAt < 0 ? null : xml.getAttributeValue(classnameAt);
                testName = nameAt < 0 ? null : xml.getAttributeValue(nameAt);
            }
            return new TestCaseReader(classname, testName, suites.isEmpty() ? "" : suites.peek(), seconds, unreadTime,
                    timestamp, file, status, result, fileName);
        }

        private String attr(String name) {
            return xml.getAttributeValue(null, name);
        }

        private static String nonNull(String s) {
            return s == null ? "" : s;
        }
    }

    /** Which text the reader is collecting. */
    private enum TextTarget { NONE, TRACE, PROPERTY }
}
