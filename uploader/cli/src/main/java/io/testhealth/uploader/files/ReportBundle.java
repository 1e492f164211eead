package io.testhealth.uploader.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The reports of one upload packed as one gzip-compressed tar archive, the body the collector reads as
 * {@code application/gzip}.
 *
 * <p>Entries keep their path under the base folder, because the collector reads meaning from it (a file under
 * {@code failsafe-reports/} holds integration tests). The archive is the same bytes for the same files: entry times are
 * the files' own, in path order, and the gzip header carries no time, so the content hash names the content.
 *
 * <p>The archive is written to a file, not held in memory: a large suite's reports can be hundreds of megabytes.
 *
 * @param body          the tar.gz file
 * @param size          its size in bytes
 * @param files         how many report files it holds
 * @param uncompressed  the sum of the report files' sizes
 */
public record ReportBundle(Path body, long size, int files, long uncompressed) {

    private static final int BLOCK = 512;

    /** Packs {@code files}, each named by its path under {@code base}, into the file {@code target}. */
    public static ReportBundle pack(Path base, List<Path> files, Path target) {
        long total = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target));
             GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            for (Path f : files) {
                Path rel = base.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize());
                String name = rel.toString().replace('\\', '/');
                if (name.startsWith("../")) {
                    name = f.getFileName().toString(); // outside the base folder (an absolute pattern): its name only
                }
                byte[] content = Files.readAllBytes(f);
                long mtime = Files.getLastModifiedTime(f).toMillis() / 1000;
                gz.write(header(name, content.length, mtime));
                gz.write(content);
                int pad = (BLOCK - content.length % BLOCK) % BLOCK;
                gz.write(new byte[pad]);
                total += content.length;
            }
            gz.write(new byte[2 * BLOCK]); // end of archive: two empty blocks
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new ReportBundle(target, Files.size(target), files.size(), total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of the body, hex. */
    public String sha256() {
        try (InputStream in = Files.newInputStream(body)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A POSIX ustar header. Names over 100 bytes are split at a {@code /} into the 155-byte prefix field; a name
     * that cannot be split that way is refused rather than cut (a cut name could land under another folder).
     */
    static byte[] header(String name, long size, long mtime) {
        byte[] h = new byte[BLOCK];
        byte[] full = name.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String shortName = name;
        if (full.length > 100) {
            int split = -1;
            for (int i = name.length() - 1; i > 0; i--) {
                if (name.charAt(i) == '/') {
                    int prefixLen = name.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
                    int nameLen = name.substring(i + 1).getBytes(StandardCharsets.UTF_8).length;
                    if (prefixLen <= 155 && nameLen <= 100) {
                        split = i;
                        break;
                    }
                }
            }
            if (split < 0) {
                throw new IllegalArgumentException("the path " + name + " is too long for a tar archive (100-byte name, 155-byte folder)");
            }
            prefix = name.substring(0, split);
            shortName = name.substring(split + 1);
        }
        put(h, 0, 100, shortName.getBytes(StandardCharsets.UTF_8));
        put(h, 100, 8, octal(0644, 7));
        put(h, 108, 8, octal(0, 7));
        put(h, 116, 8, octal(0, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(Math.max(0, mtime), 11));
        h[156] = '0';
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
        for (int i = 148; i < 156; i++) {
            h[i] = ' '; // the checksum is computed with its own field as spaces
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, (String.format("%06o", sum) + "\0 ").getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    private static byte[] octal(long value, int digits) {
        return (String.format("%0" + digits + "o", value) + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] h, int at, int max, byte[] value) {
        System.arraycopy(value, 0, h, at, Math.min(max, value.length));
    }
}
