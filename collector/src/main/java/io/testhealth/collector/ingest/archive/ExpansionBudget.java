package io.testhealth.collector.ingest.archive;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one budget of bytes an upload may expand to, whatever its packaging (a gzip body, zip, tar, tar.gz, plain
 * files): at most {@code max-expanded-bytes} in all, and at most {@code max-compression-ratio} times the bytes
 * received so far (plus {@link #FLOOR}, so that small, very repetitive reports pass).
 *
 * <p>Both are checked on every read while expanding, counting what is actually read instead of sizes declared in
 * archive headers (which a zip bomb forges), so a bomb is refused after reading a bounded amount, never after it
 * was written out or parsed whole.
 */
final class ExpansionBudget {

    /** Expansion allowed beyond the ratio: a tiny gzip of a repetitive report is not a bomb. */
    static final long FLOOR = 1 << 20;

    private final long maxBytes;
    private final int maxRatio;
    private long received;
    private long used;

    ExpansionBudget(long maxBytes, int maxRatio) {
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
    }

    /** Adds the bytes of one part of the upload as received (compressed), before any of it is expanded. */
    void receive(long bytes) {
        received += bytes;
    }

    /** Wraps a stream of expanded bytes (an archive entry, a gunzipped body, a plain file) of the upload. */
    InputStream charge(InputStream in, String entry) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1, entry);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count(n, entry);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped, entry);
                return skipped;
            }
        };
    }

    private void count(long n, String entry) {
        used += n;
        if (used > maxBytes) {
            throw new IngestException(Reason.TOO_LARGE, "the upload expands to more than " + maxBytes
                    + " bytes (testhealth.ingest.max-expanded-bytes): split it, or ask the operator to raise the limit",
                    entry, 0, 0, null);
        }
        if (used > FLOOR && used > received * maxRatio + FLOOR) {
            throw new IngestException(Reason.TOO_LARGE, "the upload expands more than " + maxRatio + " times the "
                    + received + " bytes received (testhealth.ingest.max-compression-ratio): refused as a"
                    + " decompression bomb; real reports compress 10 to 30 times", entry, 0, 0, null);
        }
    }
}
