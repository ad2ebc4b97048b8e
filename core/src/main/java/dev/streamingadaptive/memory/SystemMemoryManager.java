package dev.streamingadaptive.memory;

import javax.management.NotificationEmitter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The machine's memory: the tightest of the container headroom, {@code MemAvailable} and the JVM
 * heap headroom. Heap use is estimated from what survived the last collection (garbage is not
 * pressure) or what is tracked, whichever is larger. A collection-usage threshold on the heap
 * pools (80% of their maximum) fires the pressure listeners. Its {@linkplain #capacityBytes()
 * capacity} is available plus tracked, so it moves with the machine; waiters in {@link #acquire}
 * notice GC-driven changes by re-checking periodically.
 */
final class SystemMemoryManager extends MemoryManager {
    /**
     * How long the shared instance reuses its readings of the OS files and the heap pools. Each reading opens and
     * parses cgroup and {@code /proc/meminfo} files and walks the memory pool beans; scans ask before every batch and
     * reservation, and in TPC-H Q6 (49 row groups, 0.12 s) the readings took 9% of the CPU. The figures move at the
     * pace of collections and other processes, and waiters re-check periodically anyway.
     */
    static final long REFRESH_NANOS = 20_000_000L;

    static final SystemMemoryManager INSTANCE = new SystemMemoryManager(ContainerLimits.system(), REFRESH_NANOS);

    private static final double PRESSURE_THRESHOLD = 0.8;
    /**
     * The share of the max heap that reservations may not take: a heap cannot be filled with live
     * data; G1 keeps 10% free as evacuation reserve (G1ReservePercent). Without it a growing group-by
     * in -Xmx128m failed with OutOfMemoryError (or after minutes of back-to-back full collections)
     * instead of being refused. 15% (adding G1's minimum young generation) was measured too: a
     * 40M-row stream in -Xmx128m then took 72 s instead of 17 s (batches too small to keep a row
     * group's pages), so it is the evacuation reserve alone.
     */
    static final double GC_RESERVE = 0.10;

    private final ContainerLimits limits;
    private final long refreshNanos;
    /** The last readings; replaced whole, so readers see one consistent set. */
    private volatile Readings readings;

    /** The OS and heap-pool figures as read at {@code atNanos}; {@code -1} where a figure is unknown. */
    private record Readings(long atNanos, long container, long memAvailable, long liveAfterGc) {}

    /** A manager that reads the OS files and heap pools afresh on every question. */
    SystemMemoryManager(ContainerLimits limits) {
        this(limits, 0);
    }

    /** A manager that reuses its readings for {@code refreshNanos}. */
    SystemMemoryManager(ContainerLimits limits, long refreshNanos) {
        this.limits = limits;
        this.refreshNanos = refreshNanos;
        installPressureThresholds();
    }

    private Readings readings() {
        Readings r = readings;
        long now = System.nanoTime();
        if (r != null && refreshNanos > 0 && now - r.atNanos < refreshNanos) return r;
        r = new Readings(now, limits.containerHeadroom().orElse(-1), limits.memAvailable().orElse(-1), heapAfterLastCollections());
        readings = r;
        return r;
    }

    @Override
    public long availableBytes() {
        long available = heapHeadroom();
        // Heap the JVM has already committed but not filled needs nothing more from the OS, so the
        // OS figures limit only what the heap would still have to grow by.
        long committedFree = committedFreeHeap();
        long os = osHeadroom();
        if (os >= 0) available = Math.min(available, os + committedFree);
        return Math.max(0, available);
    }

    /** The tighter of the container headroom and {@code MemAvailable}, or -1 when neither is known. */
    long osHeadroom() {
        Readings r = readings();
        if (r.container < 0) return r.memAvailable;
        return r.memAvailable < 0 ? r.container : Math.min(r.container, r.memAvailable);
    }

    /** Committed heap not occupied by live data (estimated like {@link #heapHeadroom()}). */
    long committedFreeHeap() {
        long committed = Runtime.getRuntime().totalMemory();
        return Math.max(0, committed - liveHeap());
    }

    /**
     * Max heap minus live heap (after the last collection) or tracked bytes, whichever is more; and
     * reservations never take the part the collector keeps for itself ({@link #GC_RESERVE}). The
     * reserve applies to tracked bytes only: heap measured after a young collection still holds old
     * garbage that a mixed collection reclaims, so it is compared with the whole heap as before.
     */
    long heapHeadroom() {
        long max = Runtime.getRuntime().maxMemory();
        return Math.min(max - liveHeap(), max - (long) (max * GC_RESERVE) - trackedBytes());
    }

    /** Heap that survived the last collections, or what is tracked, whichever is larger. */
    private long liveHeap() {
        return Math.max(readings().liveAfterGc, trackedBytes());
    }

    /** The heap pools' usage after their last collections. */
    private static long heapAfterLastCollections() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) continue;
            var afterGc = pool.getCollectionUsage();
            if (afterGc != null) live += afterGc.getUsed();
        }
        return live;
    }

    private void installPressureThresholds() {
        try {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
                    long max = pool.getUsage().getMax();
                    if (max > 0) pool.setCollectionUsageThreshold((long) (max * PRESSURE_THRESHOLD));
                }
            }
            NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
            emitter.addNotificationListener((notification, handback) -> {
                if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                    readings = null;   // the heap just changed: the next question reads it afresh
                    firePressure();
                }
            }, null, null);
        } catch (RuntimeException e) {
            // Thresholds are an optimisation: without them readers still size batches from availableBytes().
            System.getLogger(SystemMemoryManager.class.getName()).log(System.Logger.Level.DEBUG, "no heap pressure notifications", e);
        }
    }
}
