package io.testhealth.collector.ingest;

import io.testhealth.collector.ingest.IngestException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file of an upload as received: the request body, or one part of a multipart form, spooled to a temporary
 * file so that archives can be read by random access and so that the content hash is known before anything is
 * stored.
 *
 * @param name   the file name the client gave, or {@code upload}
 * @param file   the spooled bytes
 * @param size   their size
 * @param sha256 their SHA-256, hex
 */
public record UploadPart(String name, Path file, long size, String sha256) {

    public UploadPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * Copies a stream to a file of the system's temporary folder: for tools and benchmarks that run without the
     * service; the service spools through {@link UploadSpool}.
     *
     * @see #spool(Path, String, InputStream, long, long)
     */
    public static UploadPart spool(String name, InputStream in, long maxBytes, long alreadyUsed) throws IOException {
        return spool(Path.of(System.getProperty("java.io.tmpdir")), name, in, maxBytes, alreadyUsed);
    }

    /**
     * Copies a stream to a new file in {@code directory}, refusing it once it exceeds {@code maxBytes}; on any
     * failure (too large, the client gone, a full disk) the file is deleted before the exception leaves.
     *
     * @param alreadyUsed bytes that earlier parts of the same upload took from the same limit
     * @throws IngestException {@link Reason#TOO_LARGE} naming the limit and its setting
     */
    public static UploadPart spool(Path directory, String name, InputStream in, long maxBytes, long alreadyUsed)
            throws IOException {
        Path file = Files.createTempFile(directory, UploadSpool.PREFIX, ".part");
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
        long total = 0;
        try (InputStream hashing = new DigestInputStream(in, digest); OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = hashing.read(buf)) > 0) {
                total += n;
                if (alreadyUsed + total > maxBytes) {
                    throw IngestLimits.uploadTooLarge(maxBytes);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        String safeName = name == null || name.isBlank() ? "upload" : name.strip();
        return new UploadPart(safeName, file, total, HexFormat.of().formatHex(digest.digest()));
    }

    /** Removes the spooled file. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind is removed by the OS; nothing to tell the client
        }
    }
}
