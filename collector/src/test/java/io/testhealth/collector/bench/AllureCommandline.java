package io.testhealth.collector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Allure 2's command line as users install it, from npm ({@code allure-commandline}, a pinned version), cached under
 * the build folder so that the repository holds none of it.
 *
 * <p>{@code allure generate} is started as its own script starts it (the script ends in {@code exec java}, so the
 * process is Allure's JVM, with Allure's default heap) and timed from process start to exit. The report it wrote is
 * checked: its summary must count the test results it was given, so that a run that read nothing cannot pass as fast.
 */
final class AllureCommandline {

    /** The pinned version of the npm package (the Allure 2 release it bundles has the same number). */
    static final String VERSION = "2.46.1";

    /**
     * One {@code allure generate}.
     *
     * @param seconds       process start to exit
     * @param residentPeak  the JVM's resident-set high-water mark, sampled every 50 ms (a lower bound)
     * @param reportedTests the {@code statistic.total} of the report's {@code widgets/summary.json}
     */
    record Generated(double seconds, long residentPeak, long reportedTests) {
    }

    private final Path executable;

    private AllureCommandline(Path executable) {
        this.executable = executable;
    }

    /** Installs the pinned version into {@code cache} with npm unless it is there already. */
    static AllureCommandline installed(Path cache) throws IOException, InterruptedException {
        Path prefix = cache.resolve(VERSION);
        Path executable = prefix.resolve("node_modules/allure-commandline/dist/bin/allure");
        if (!Files.isExecutable(executable)) {
            BenchReport.progress("e2e: npm install allure-commandline@%s into %s", VERSION, prefix);
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                    "--no-save", "allure-commandline@" + VERSION).inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (npm.waitFor() != 0 || !Files.isExecutable(executable)) {
                throw new IllegalStateException("npm install allure-commandline@" + VERSION + " failed (exit "
                        + npm.exitValue() + "); the benchmark needs npm and the npm registry");
            }
        }
        return new AllureCommandline(executable);
    }

    /** Runs {@code allure generate results -o report --clean} and checks the report it wrote. */
    Generated generate(Path results, Path report, Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(executable.toString(), "generate", results.toString(), "-o",
                report.toString(), "--clean").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long rss = 0;
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            rss = Math.max(rss, CollectorProcess.residentPeak(process.pid()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("allure generate exited with " + process.exitValue() + ": "
                    + String.join("\n", tail(log)));
        }
        long total = new ObjectMapper().readTree(report.resolve("widgets/summary.json").toFile())
                .path("statistic").path("total").asLong(-1);
        return new Generated(seconds, rss, total);
    }

    private static List<String> tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }
}
