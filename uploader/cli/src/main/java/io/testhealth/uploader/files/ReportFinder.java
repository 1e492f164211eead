package io.testhealth.uploader.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the report files that a list of patterns names under a base folder.
 *
 * <p>A pattern is a glob relative to the base folder ({@code **}{@code /surefire-reports/*.xml},
 * {@code build/test-results/**}{@code /*.xml}); a leading {@code **}{@code /} also matches at the base folder itself,
 * as users expect from shells and CI systems. A pattern that names a folder (an existing one, or one written with a
 * trailing {@code /}, such as {@code allure-results/}) means the reports in it: its {@code *.xml} files and its Allure
 * {@code *-result.json} files, at any depth; screenshots and other attachments are left out. Version control and
 * dependency folders ({@code .git}, {@code node_modules}) are never walked.
 */
public final class ReportFinder {

    private static final Set<String> NEVER_WALKED = Set.of(".git", ".hg", ".svn", "node_modules", ".gradle", ".m2");

    private ReportFinder() {
    }

    /** The files the patterns name, each once, sorted by their path under {@code base}. */
    public static List<Path> find(Path base, List<String> patterns) {
        Set<Path> found = new TreeSet<>();
        for (String raw : patterns) {
            String pattern = raw.strip().replace('\\', '/');
            if (pattern.isEmpty()) {
                continue;
            }
            Path asFolder = base.resolve(stripTrailingSlash(pattern)).normalize();
            if (!hasGlob(pattern) && Files.isDirectory(asFolder)) {
                walk(asFolder, ReportFinder::isReport, found);
            } else if (!hasGlob(pattern) && Files.isRegularFile(asFolder)) {
                found.add(asFolder);
            } else if (pattern.endsWith("/")) {
                // A glob naming folders: the reports in every folder it matches.
                PathMatcher folders = matcher(stripTrailingSlash(pattern));
                List<Path> dirs = new ArrayList<>();
                walkDirs(base, dir -> folders.matches(base.relativize(dir)), dirs);
                dirs.forEach(d -> walk(d, ReportFinder::isReport, found));
            } else {
                PathMatcher files = matcher(pattern);
                walk(base, f -> files.matches(base.relativize(f)), found);
            }
        }
        return List.copyOf(found);
    }

    /** A file the collector reads: JUnit XML or an Allure result. */
    static boolean isReport(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".xml") || name.endsWith("-result.json");
    }

    private static PathMatcher matcher(String glob) {
        PathMatcher exact = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        if (!glob.startsWith("**/")) {
            return exact;
        }
        PathMatcher atBase = FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3));
        return p -> exact.matches(p) || atBase.matches(p);
    }

    private static boolean hasGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static String stripTrailingSlash(String p) {
        String s = p;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static void walk(Path root, java.util.function.Predicate<Path> keep, Set<Path> found) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && NEVER_WALKED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && keep.test(file)) {
                        found.add(file.normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // an unreadable corner of the workspace holds no reports we can send
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walkDirs(Path root, java.util.function.Predicate<Path> keep, List<Path> dirs) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && NEVER_WALKED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!dir.equals(root) && keep.test(dir)) {
                        dirs.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
