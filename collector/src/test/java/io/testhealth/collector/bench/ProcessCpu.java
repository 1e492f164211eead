package io.testhealth.collector.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by the parts of a benchmark that run in different processes: the collector, the PostgreSQL server
 * it writes to, and the benchmark's own JVM (the load generator), read from {@code /proc} (Linux).
 *
 * <p>Why: on a 2-core machine that other work shares, wall time says how much CPU the benchmark was given as much as
 * what the collector needs; CPU seconds per unit of work are steadier and tell which process the time goes to.
 * PostgreSQL backends are summed while they live, so a phase is read while the collector's pooled connections are
 * open (a backend that exits between two readings takes its time with it; the benchmark's short counting queries
 * are such, and small).
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * CPU seconds at one moment.
     *
     * @param collector the collector process
     * @param postgres  every process named {@code postgres} (the server's backends and workers)
     * @param benchmark this JVM: the exporters or uploaders that make the load
     */
    record Reading(double collector, double postgres, double benchmark) {

        /** What was spent between {@code earlier} and this reading. */
        Reading minus(Reading earlier) {
            return new Reading(collector - earlier.collector, postgres - earlier.postgres, benchmark - earlier.benchmark);
        }
    }

    private final long collectorPid;

    ProcessCpu(long collectorPid) {
        this.collectorPid = collectorPid;
    }

    Reading read() throws IOException {
        double postgres = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && "postgres".equals(comm(p))) {
                    postgres += seconds(p);
                }
            }
        }
        double benchmark = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime() / 1e9;
        return new Reading(seconds(Path.of("/proc", Long.toString(collectorPid))), postgres, benchmark);
    }

    private static String comm(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** User plus system time of a process, 0 when it has gone. */
    private static double seconds(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
