package io.testhealth.collector.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a receiver's request body within {@code testhealth.traces.max-request-bytes}, undoing gzip.
 *
 * <p>The limit is on the body decompressed, and reading stops at it however small the compressed body was. The HTTP
 * server hands bodies over as received ({@code request-decompression-enabled: false}, so that no upload is expanded
 * before a limit sees it); a body is decompressed here when its {@code Content-Encoding} says gzip or, for clients
 * that compress without saying so, when it starts with gzip's magic number.
 */
public final class RequestBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBody() {
    }

    /**
     * The body's bytes, decompressed.
     *
     * @param in              the body as received
     * @param contentEncoding the {@code Content-Encoding} header, or {@code null}
     * @param settings        the limits
     * @throws IngestException 413 past the limit, 400 for a compressed body that is not valid gzip, 415 for an
     *                         encoding other than gzip
     */
    public static byte[] read(InputStream in, String contentEncoding, TraceSettings settings) throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (!encoding.isEmpty() && !encoding.equals("identity") && !encoding.equals("gzip")) {
            throw new IngestException(Reason.UNSUPPORTED_FORMAT, "Content-Encoding " + contentEncoding
                    + " is not read: send the body uncompressed or gzip-compressed");
        }
        PushbackInputStream peek = new PushbackInputStream(in, 2);
        byte[] head = peek.readNBytes(2);
        peek.unread(head);
        boolean gzip = encoding.equals("gzip")
                || head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        if (!gzip) {
            return limited(peek, settings);
        }
        try (InputStream gz = new GZIPInputStream(peek, 8192)) {
            return limited(gz, settings);
        } catch (ZipException | EOFException e) {
            throw new IngestException(Reason.MALFORMED, "the body is not valid gzip: " + e.getMessage());
        }
    }

    /** Checks a declared {@code Content-Length} before anything is read. */
    public static void checkDeclaredLength(long contentLength, TraceSettings settings) {
        if (contentLength > settings.maxRequestBytes()) {
            throw tooLarge(settings);
        }
    }

    private static IngestException tooLarge(TraceSettings settings) {
        return new IngestException(Reason.TOO_LARGE, "the request body is larger than " + settings.maxRequestBytes()
                + " bytes decompressed (testhealth.traces.max-request-bytes): export smaller batches");
    }

    private static byte[] limited(InputStream in, TraceSettings settings) throws IOException {
        int limit = settings.maxRequestBytes();
        byte[] buf = new byte[8192];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) limit + 1));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return Arrays.copyOf(buf, n);
            }
            n += r;
            if (n > limit) {
                throw tooLarge(settings);
            }
        }
    }

    /**
     * The body read as JSON, for the receivers whose wire format is JSON.
     *
     * @throws IngestException (malformed) for a body that is not JSON, with the line and column where it went wrong
     */
    public static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IngestException(Reason.MALFORMED, "the body is not valid JSON: " + e.getOriginalMessage(), null,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), null);
        } catch (IOException e) {
            throw new IngestException(Reason.MALFORMED, "the body could not be read as JSON: " + e.getMessage());
        }
    }
}
