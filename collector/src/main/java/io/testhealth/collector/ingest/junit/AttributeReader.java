package io.testhealth.collector.ingest.junit;

import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.typed.TypedValueDecoder;

import javax.xml.stream.XMLStreamException;

/**
 * Reads attribute values from the XML reader's own buffer, through Stax2's typed access.
 *
 * <p>{@link javax.xml.stream.XMLStreamReader#getAttributeValue(int)} makes Aalto build one string of all the
 * element's values and then a substring per value asked for: two copies for every {@code name}, {@code classname}
 * and {@code time} of every test case. Typed access hands a decoder the characters in place instead, with leading
 * and trailing white space already cut, so a time is read without any string, and a class name that repeats the
 * one before it (all test cases of a class do) reuses that string.
 *
 * <p>Values are trimmed: callers that show a value as written (in a doubt's example) read it with
 * {@code getAttributeValue}.
 */
final class AttributeReader {

    private final XMLStreamReader2 xml;
    private final SecondsDecoder seconds = new SecondsDecoder();
    private final TextDecoder text = new TextDecoder();
    private final TextDecoder repeated = new TextDecoder();

    AttributeReader(XMLStreamReader2 xml) {
        this.xml = xml;
    }

    /** The value as plain seconds (see {@link ReportedTime#plainSeconds}), or {@code NaN} when it is not. */
    double plainSeconds(int index) throws XMLStreamException {
        xml.getAttributeAs(index, seconds);
        return seconds.value;
    }

    /** The trimmed value. */
    String trimmed(int index) throws XMLStreamException {
        xml.getAttributeAs(index, text);
        return text.value;
    }

    /** The trimmed value, as the same string as the last time this was called when the value is the same. */
    String trimmedRepeated(int index) throws XMLStreamException {
        xml.getAttributeAs(index, repeated);
        return repeated.value;
    }

    /** Decodes a time without making a string of it. */
    private static final class SecondsDecoder extends TypedValueDecoder {
        double value;

        @Override
        public void decode(String lexical) {
            char[] chars = lexical.toCharArray();
            value = ReportedTime.plainSeconds(chars, 0, chars.length);
        }

        @Override
        public void decode(char[] lexical, int start, int end) {
            value = ReportedTime.plainSeconds(lexical, start, end);
        }

        @Override
        public void handleEmptyValue() {
            value = Double.NaN;
        }
    }

    /** Decodes text, keeping the last string so that a value equal to it costs no new one. */
    private static final class TextDecoder extends TypedValueDecoder {
        String value = "";

        @Override
        public void decode(String lexical) {
            value = lexical.equals(value) ? value : lexical;
        }

        @Override
        public void decode(char[] lexical, int start, int end) {
            if (!sameAsLast(lexical, start, end)) {
                value = new String(lexical, start, end - start);
            }
        }

        @Override
        public void handleEmptyValue() {
            value = "";
        }

        private boolean sameAsLast(char[] lexical, int start, int end) {
            String last = value;
            if (last.length() != end - start) {
                return false;
            }
            for (int i = start, j = 0; i < end; i++, j++) {
                if (lexical[i] != last.charAt(j)) {
                    return false;
                }
            }
            return true;
        }
    }
}
