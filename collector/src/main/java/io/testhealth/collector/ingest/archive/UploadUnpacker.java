package io.testhealth.collector.ingest.archive;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.ingest.IngestLimits;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Walks the files of an upload: the file itself when it is a plain report, or every file inside it when it is a
 * zip, a tar or a gzipped tar. A gzipped single file is one file.
 *
 * <p>One unpacker serves one upload: its expansion budget is shared by all the upload's parts.
 */
public final class UploadUnpacker {

    /** Receives the files of an upload. */
    @FunctionalInterface
    public interface FileVisitor {
        /**
         * Reads one file.
         *
         * @param name      path of the file inside the upload
         * @param in        its content, decompressed; valid only during the call
         * @param inArchive whether it came out of an archive (then files that are not reports are skipped quietly)
         */
        void visit(String name, InputStream in, boolean inArchive) throws IOException;
    }

    private static final int HEAD = 512;

    private final IngestLimits limits;
    private final ExpansionBudget budget;
    private int entries;

    public UploadUnpacker(IngestLimits limits) {
        this.limits = limits;
        this.budget = new ExpansionBudget(limits.maxExpandedBytes(), limits.maxCompressionRatio());
    }

    /** Visits the files of one part of the upload, stored in {@code file} and named {@code name} by the client. */
    public void unpack(Path file, String name, FileVisitor visitor) throws IOException {
        budget.receive(Files.size(file));
        byte[] head = new byte[HEAD];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, HEAD);
        }
        switch (Packaging.of(head, length)) {
            case ZIP -> unzip(file, name, visitor);
            case GZIP -> gunzip(file, name, visitor);
            case TAR -> {
                try (InputStream in = new BufferedInputStream(budget.charge(Files.newInputStream(file), name))) {
                    untar(in, name, visitor);
                }
            }
            case PLAIN -> {
                try (InputStream in = Files.newInputStream(file)) {
                    visitor.visit(name, budget.charge(in, name), false);
                }
            }
        }
    }

    private void unzip(Path file, String name, FileVisitor visitor) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IngestException(Reason.MALFORMED, "not a readable zip archive (" + e.getMessage()
                    + "): was the upload cut short? send the complete file", name, 0, 0, e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String entryName = checkedName(entry.getName(), name);
                try (InputStream in = zip.getInputStream(entry)) {
                    visitor.visit(entryName, budget.charge(in, entryName), true);
                } catch (ZipException e) {
                    throw new IngestException(Reason.MALFORMED, "corrupt zip entry: " + e.getMessage(), entryName, 0, 0, e);
                }
            }
        }
    }

    private void gunzip(Path file, String name, FileVisitor visitor) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            gunzip(raw, name, visitor, 1);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IngestException(Reason.MALFORMED, "corrupt or truncated gzip data (" + e.getMessage()
                    + "): send the complete file", name, 0, 0, e);
        }
    }

    /**
     * Reads gzip data: a tar inside, or one file. A gzip inside a gzip (a .tgz sent with {@code Content-Encoding:
     * gzip}) is opened once more; every layer's output goes through the budget.
     */
    private void gunzip(InputStream compressed, String name, FileVisitor visitor, int layer) throws IOException {
        InputStream gz = new BufferedInputStream(budget.charge(new GZIPInputStream(compressed, 64 * 1024), name), 64 * 1024);
        gz.mark(HEAD);
        byte[] head = gz.readNBytes(HEAD);
        gz.reset();
        Packaging inner = Packaging.of(head, head.length);
        String innerName = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (inner == Packaging.TAR) {
            untar(gz, name, visitor);
        } else if (inner == Packaging.GZIP && layer < 2) {
            gunzip(gz, innerName, visitor, layer + 1);
        } else {
            visitor.visit(innerName, gz, false);
        }
    }

    /**
     * Reads the regular files of a tar stream. Links (symbolic or hard) and devices are skipped, never followed: nothing
     * is extracted to disk, so a link could only ever name a file of the collector's machine. A tar cut short is
     * refused as malformed, wherever the cut falls (in a header, or in a file a parser is reading).
     */
    private void untar(InputStream in, String name, FileVisitor visitor) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry entry;
        String current = name;
        try {
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile() || entry.isSymbolicLink() || entry.isLink()) {
                    continue;
                }
                String entryName = checkedName(entry.getName(), name);
                current = entryName;
                visitor.visit(entryName, tar, true);
            }
        } catch (java.io.EOFException e) {
            throw truncatedTar(current, e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("truncated")) {
                throw truncatedTar(current, e);
            }
            throw e;
        }
    }

    private static IngestException truncatedTar(String where, IOException e) {
        return new IngestException(Reason.MALFORMED, "truncated tar archive (" + e.getMessage()
                + "): was the upload cut short? send the complete file", where, 0, 0, e);
    }

    /** Counts the entry and refuses names that would escape a folder if anyone ever extracted them. */
    private String checkedName(String entryName, String archive) {
        limits.countFile(++entries, archive);
        String n = entryName.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.equals("..") || n.startsWith("../")
                || n.contains("/../") || n.endsWith("/..") || n.indexOf('\0') >= 0) {
            throw new IngestException(Reason.HOSTILE_ARCHIVE, "archive entry '" + entryName
                    + "' points outside the archive (zip-slip): refused", archive, 0, 0, null);
        }
        return n;
    }
}
