package dev.streamingadaptive.memory;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Knows how much memory batches may still use, and accounts for the batches that exist.
 *
 * <p>{@link #system()} asks the machine: the tightest of the container limit, the kernel's
 * {@code MemAvailable} and the JVM heap headroom. {@link #fixed(long)} is a budget given by the
 * caller (tests, or a service that wants to cap a scan). Readers {@linkplain #reserve reserve}
 * what a batch occupies while it lives; reservations are released when the batch is closed or,
 * failing that, when it becomes unreachable, so accounting cannot leak.
 *
 * <p>Sizes are bytes unless the method name says MB ({@link #availableMemory()},
 * {@link #currentUsage()}, the names the design uses).
 */
public abstract class MemoryManager {
    private static final Cleaner CLEANER = Cleaner.create();

    private final AtomicLong tracked = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final List<Runnable> pressureListeners = new CopyOnWriteArrayList<>();

    protected MemoryManager() {}

    /** The machine's memory as this JVM can use it (one shared instance). */
    public static MemoryManager system() {
        return SystemMemoryManager.INSTANCE;
    }

    /** A fixed budget of {@code bytes}, adjustable with {@link FixedMemoryManager#setBudget(long)}. */
    public static FixedMemoryManager fixed(long bytes) {
        return new FixedMemoryManager(bytes);
    }

    /** Bytes that new batches may still occupy (never negative). */
    public abstract long availableBytes();

    /** {@link #availableBytes()} in MB. */
    public final long availableMemory() {
        return availableBytes() >> 20;
    }

    /** Tracked usage in MB. */
    public final long currentUsage() {
        return trackedBytes() >> 20;
    }

    /** Bytes currently tracked (reserved and not yet released). */
    public final long trackedBytes() {
        return tracked.get();
    }

    /** The most bytes ever tracked at once. */
    public final long peakTrackedBytes() {
        return peak.get();
    }

    /** Whether {@code bytes} more fit in what is available. */
    public boolean canAllocate(long bytes) {
        return bytes <= availableBytes();
    }

    /** Adds {@code bytes} to the tracked usage (pair it with {@link #releaseUsage}). */
    public final void trackUsage(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative usage " + bytes);
        long now = tracked.addAndGet(bytes);
        peak.accumulateAndGet(now, Math::max);
    }

    /** Removes {@code bytes} from the tracked usage. */
    public final void releaseUsage(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative usage " + bytes);
        tracked.addAndGet(-bytes);
    }

    /** Tracks {@code bytes} until the returned reservation is closed. */
    public final Reservation reserve(long bytes) {
        return reserve(bytes, null);
    }

    /**
     * Tracks {@code bytes} until the reservation is closed or {@code owner} (for example the batch)
     * becomes unreachable, whichever comes first.
     */
    public final Reservation reserve(long bytes, Object owner) {
        trackUsage(bytes);
        Release release = new Release(this, bytes);
        Cleaner.Cleanable cleanable = owner == null ? null : CLEANER.register(owner, release);
        return new Reservation(bytes, release, cleanable);
    }

    /** Tells readers to shrink their batches: called when memory runs short. */
    public final void addPressureListener(Runnable listener) {
        pressureListeners.add(listener);
    }

    /** Stops telling {@code listener} about pressure. */
    public final void removePressureListener(Runnable listener) {
        pressureListeners.remove(listener);
    }

    /** Notifies every pressure listener. */
    protected final void firePressure() {
        for (Runnable r : pressureListeners) r.run();
    }

    /** Releases once; shared by close() and the Cleaner (it must not reference the owner). */
    private record Release(MemoryManager manager, long bytes, AtomicBoolean done) implements Runnable {
        Release(MemoryManager manager, long bytes) {
            this(manager, bytes, new AtomicBoolean());
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) manager.releaseUsage(bytes);
        }
    }

    /** Tracked bytes that are released by {@link #close()} (idempotent) or when their owner is collected. */
    public static final class Reservation implements AutoCloseable {
        private final long bytes;
        private final Runnable release;
        private final Cleaner.Cleanable cleanable;

        private Reservation(long bytes, Runnable release, Cleaner.Cleanable cleanable) {
            this.bytes = bytes;
            this.release = release;
            this.cleanable = cleanable;
        }

        /** The reserved bytes. */
        public long bytes() {
            return bytes;
        }

        /** Releases the bytes now (later calls do nothing). */
        @Override
        public void close() {
            if (cleanable != null) cleanable.clean();
            else release.run();
        }
    }
}
