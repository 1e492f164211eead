package io.testhealth.collector.ingest.archive;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes one upload may expand to, all its files together, and the per-entry compression ratio check.
 *
 * <p>Counting what is actually read (instead of trusting sizes declared in archive headers, which a zip bomb
 * forges) is what makes the limits hold.
 */
final class ExpansionBudget {

    private static final long RATIO_FLOOR = 1 << 20;

    private final long maxBytes;
    private final int maxRatio;
    private long used;

    ExpansionBudget(long maxBytes, int maxRatio) {
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
    }

    /**
     * Wraps an entry's decompressed stream.
     *
     * @param compressedSize the entry's compressed size when known, or -1 (then only the total budget applies)
     */
    InputStream charge(InputStream in, String entry, long compressedSize) {
        return new FilterInputStream(in) {
            private long entryBytes;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped);
                return skipped;
            }

            private void count(long n) {
                entryBytes += n;
                used += n;
                if (used > maxBytes) {
                    throw new IngestException(Reason.TOO_LARGE, "the upload expands to more than " + maxBytes
                            + " bytes (testhealth.ingest.max-expanded-bytes): split it or raise the limit", entry, 0, 0, null);
                }
                if (compressedSize > 0 && entryBytes > RATIO_FLOOR && entryBytes > compressedSize * maxRatio) {
                    throw new IngestException(Reason.HOSTILE_ARCHIVE, "archive entry expands more than " + maxRatio
                            + " times its compressed size (" + compressedSize + " bytes): refused as a zip bomb "
                            + "(testhealth.ingest.max-compression-ratio)", entry, 0, 0, null);
                }
            }
        };
    }
}
