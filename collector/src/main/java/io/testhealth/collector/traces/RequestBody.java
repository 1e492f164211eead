package io.testhealth.collector.traces;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads a receiver's request body within the limits of {@link TraceSettings}, undoing gzip when the client
 * compressed it.
 */
public final class RequestBody {

    private RequestBody() {
    }

    /**
     * The body's bytes, decompressed.
     *
     * @param in              the body as received
     * @param contentEncoding the {@code Content-Encoding} header, or {@code null}
     * @param settings        the limits
     * @throws IngestException 413 past a limit, 400 for a compressed body that is not gzip, 415 for another encoding
     */
    public static byte[] read(InputStream in, String contentEncoding, TraceSettings settings) throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (!encoding.isEmpty() && !encoding.equals("identity") && !encoding.equals("gzip")) {
            throw new IngestException(Reason.UNSUPPORTED_FORMAT, "Content-Encoding " + contentEncoding
                    + " is not read: send the body uncompressed or gzip-compressed");
        }
        byte[] raw = limited(in, settings.maxRequestBytes(), "the request body is larger than "
                + settings.maxRequestBytes() + " bytes (testhealth.traces.max-request-bytes)");
        // The server may have undone the encoding already; the gzip magic number tells.
        if (encoding.equals("gzip") && raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return limited(gz, settings.maxDecompressedBytes(), "the request body expands to more than "
                        + settings.maxDecompressedBytes() + " bytes (testhealth.traces.max-decompressed-bytes)");
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new IngestException(Reason.MALFORMED, "the body is not valid gzip: " + e.getMessage());
            }
        }
        return raw;
    }

    /** Checks a declared {@code Content-Length} before anything is read. */
    public static void checkDeclaredLength(long contentLength, TraceSettings settings) {
        if (contentLength > settings.maxRequestBytes()) {
            throw new IngestException(Reason.TOO_LARGE, "the request body is larger than " + settings.maxRequestBytes()
                    + " bytes (testhealth.traces.max-request-bytes)");
        }
    }

    private static byte[] limited(InputStream in, int limit, String tooLarge) throws IOException {
        byte[] buf = new byte[8192];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (buf.length > limit) {
                    throw new IngestException(Reason.TOO_LARGE, tooLarge);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) limit + 1));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (n > limit) {
                throw new IngestException(Reason.TOO_LARGE, tooLarge);
            }
        }
        return Arrays.copyOf(buf, n);
    }
}
