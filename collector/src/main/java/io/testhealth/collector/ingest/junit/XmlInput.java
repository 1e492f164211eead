package io.testhealth.collector.ingest.junit;

import com.fasterxml.aalto.stax.InputFactoryImpl;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens XML for streaming, safely.
 *
 * <p>DTDs are not supported at all: no external entity is ever fetched (XXE) and no internal entity is expanded
 * (billion laughs), so a reference to a declared entity is a parse error. Aalto is used because it streams at
 * roughly twice the JDK's speed; it decodes UTF-8, ISO-8859-1 and US-ASCII itself, and any other declared
 * encoding (UTF-16 with its BOM, windows-1252...) is decoded by the JDK first.
 */
final class XmlInput {

    private static final XMLInputFactory FACTORY = newFactory();
    private static final Set<String> NATIVE = Set.of("UTF-8", "UTF8", "ISO-8859-1", "LATIN1", "US-ASCII", "ASCII");
    private static final Pattern DECLARED = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final int PEEK = 256;

    private XmlInput() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        return f;
    }

    /**
     * A stream reader over {@code in}, decoding as the document declares.
     *
     * @throws UnsupportedEncodingInReport when the declared encoding is unknown to the JDK
     */
    static XMLStreamReader open(InputStream in) throws IOException, XMLStreamException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(PEEK);
        byte[] head = buffered.readNBytes(PEEK);
        buffered.reset();
        Charset charset = charsetNeedingJdk(head);
        if (charset == null) {
            return FACTORY.createXMLStreamReader(buffered);
        }
        return FACTORY.createXMLStreamReader(new InputStreamReader(buffered, charset));
    }

    /** The factory's stream reader for an already decoded document (used by tests and the benchmark floor). */
    static XMLInputFactory factory() {
        return FACTORY;
    }

    /** The charset to decode with in the JDK, or {@code null} when Aalto reads the bytes itself. */
    private static Charset charsetNeedingJdk(byte[] head) throws UnsupportedEncodingInReport {
        if (head.length >= 2) {
            int b0 = head[0] & 0xff;
            int b1 = head[1] & 0xff;
            if (b0 == 0xFE && b1 == 0xFF) {
                return StandardCharsets.UTF_16BE;
            }
            if (b0 == 0xFF && b1 == 0xFE) {
                return StandardCharsets.UTF_16LE;
            }
            if (b0 == 0 && b1 == '<') {
                return StandardCharsets.UTF_16BE;
            }
            if (b0 == '<' && b1 == 0) {
                return StandardCharsets.UTF_16LE;
            }
        }
        String ascii = new String(head, StandardCharsets.ISO_8859_1);
        if (ascii.startsWith("\u00EF\u00BB\u00BF")) {
            ascii = ascii.substring(3);
        }
        Matcher m = DECLARED.matcher(ascii);
        if (!m.find()) {
            return null;
        }
        String declared = m.group(1).toUpperCase(Locale.ROOT);
        if (NATIVE.contains(declared)) {
            return null;
        }
        try {
            return Charset.forName(declared);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingInReport(m.group(1));
        }
    }

    /** The report declares an encoding that no decoder here knows. */
    static final class UnsupportedEncodingInReport extends IOException {
        UnsupportedEncodingInReport(String encoding) {
            super("the report declares encoding=\"" + encoding + "\", which is not a known character set");
        }
    }
}
