package io.testhealth.collector.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the heap during one phase of a benchmark, three ways, because each alone misleads.
 *
 * <ul>
 *   <li><b>Pool peaks</b>: the sum of each heap pool's {@link MemoryPoolMXBean#getPeakUsage() peak}. The JVM records
 *       these exactly, but each pool peaks at its own moment, so the sum is an upper bound of the heap ever used.</li>
 *   <li><b>Sampled peak</b>: the largest total heap use seen by a thread polling every few milliseconds. A lower
 *       bound of the true peak. Both of these mostly show how lazily the collector collects: with room to spare G1
 *       lets garbage pile up to the limit.</li>
 *   <li><b>Live peak</b>: the largest heap use right after a collection (from the JVM's GC notifications): what the
 *       program actually held. This is the number that says whether memory stays flat as inputs grow.</li>
 * </ul>
 * Also the process's resident-set peak ({@code VmHWM}, Linux), which includes native memory such as DuckDB's.
 */
final class HeapWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final AtomicLong sampledPeak = new AtomicLong();
    private final AtomicLong livePeak = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                    .mapToLong(MemoryUsage::getUsed).sum();
            livePeak.accumulateAndGet(after - nonHeapUsedIn(info), Math::max);
        }
    };
    private final java.util.concurrent.ScheduledExecutorService sampler =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heap-watch");
                t.setDaemon(true);
                return t;
            });

    /** Starts watching: collects first, so that garbage of earlier phases does not count. */
    HeapWatch() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        sampler.scheduleAtFixedRate(() -> sampledPeak.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
                0, SAMPLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Sum of the heap pools' peaks since the start (upper bound). */
    long poolPeakSum() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Largest heap use sampled (lower bound of the peak). */
    long sampledPeak() {
        return sampledPeak.get();
    }

    /** Largest heap use right after a collection: the most the program held. 0 when no collection ran. */
    long livePeak() {
        return livePeak.get();
    }

    /** The resident-set high-water mark of this process, or -1 where {@code /proc} is missing. */
    static long residentPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // the listener was never registered on this collector
            }
        }
    }

    /** GC infos list every pool; the non-heap ones (metaspace, code cache) are not heap. */
    private long nonHeapUsedIn(GarbageCollectionNotificationInfo info) {
        return info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(e -> pools.stream().noneMatch(p -> p.getName().equals(e.getKey())))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }
}
