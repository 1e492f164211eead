package io.testhealth.collector.ingest;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder where upload bodies and form parts wait on disk while they are read: under the collector's data
 * folder ({@code testhealth.ingest.spool-dir}, default {@code data/spool}), not the system's temporary folder,
 * so that its size is the operator's to see and a crash leaves nothing elsewhere.
 *
 * <p>Created and emptied of earlier spool files when the collector starts: a process killed during a transfer
 * (up to max-upload-bytes each) leaves its files, and no upload outlives its process. The same folder holds the
 * web server's multipart files ({@code micronaut.server.multipart.location} in application.yml), cleaned the same
 * way. One collector per folder.
 */
@Context
public final class UploadSpool {

    /** Names of the files spooled here: ours, then Micronaut's multipart files. */
    static final String PREFIX = "testhealth-upload-";
    private static final String MULTIPART_PREFIX = "FUp_";

    private static final Logger LOG = LoggerFactory.getLogger(UploadSpool.class);

    private final Path directory;

    public UploadSpool(@Value("${testhealth.ingest.spool-dir:data/spool}") String directory) {
        this.directory = Path.of(directory).toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload spool folder " + this.directory
                    + " (testhealth.ingest.spool-dir)", e);
        }
        int removed = clean();
        if (removed > 0) {
            LOG.info("Removed {} spool file(s) of uploads interrupted before the last stop from {}", removed, this.directory);
        }
    }

    /** The folder. */
    public Path directory() {
        return directory;
    }

    /**
     * Spools one file of an upload here.
     *
     * @see UploadPart#spool(Path, String, InputStream, long, long)
     */
    public UploadPart spool(String name, InputStream in, long maxBytes, long alreadyUsed) throws IOException {
        return UploadPart.spool(directory, name, in, maxBytes, alreadyUsed);
    }

    /** A new empty spool file, for a receiver that writes it itself; the caller deletes it. */
    public Path newFile() throws IOException {
        return Files.createTempFile(directory, PREFIX, ".part");
    }

    /** Deletes the spool files found; other files in the folder are left alone. */
    private int clean() {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if ((n.startsWith(PREFIX) || n.startsWith(MULTIPART_PREFIX)) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the upload spool folder " + directory, e);
        }
        return removed;
    }
}
