package dev.streamingadaptive.memory;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Knows how much memory batches may still use, and accounts for the batches that exist.
 *
 * <p>{@link #system()} asks the machine: the tightest of the container limit, the kernel's
 * {@code MemAvailable} and the JVM heap headroom. {@link #fixed(long)} is a budget given by the
 * caller (tests, or a service that wants to cap a scan). Readers {@linkplain #reserve reserve}
 * what a batch occupies while it lives; reservations are released when the batch is closed or,
 * failing that, when it becomes unreachable, so accounting cannot leak.
 *
 * <p>When several readers share one manager, {@link #acquire(long, Object, Duration)} waits,
 * first come first served, until the request fits instead of overshooting the budget; how long it
 * waits by default is set by the system property {@value #WAIT_TIMEOUT_PROPERTY} (seconds).
 *
 * <p>Sizes are bytes unless the method name says MB ({@link #availableMemory()},
 * {@link #currentUsage()}, the names the design uses).
 */
public abstract class MemoryManager {
    /**
     * System property: the default timeout of {@link #acquire(long, Object)}, in seconds
     * (decimals allowed, for example {@code 0.5}); 60 when unset.
     */
    public static final String WAIT_TIMEOUT_PROPERTY = "streamingadaptive.memory.waitTimeout";

    private static final long DEFAULT_WAIT_SECONDS = 60;
    /** How often waiters re-check on their own: the system figures also move with GC, unsignalled. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final System.Logger LOG = System.getLogger(MemoryManager.class.getName());

    /** The last unparsable timeout property value, so it is reported once rather than per call. */
    private static volatile String reportedBadTimeout;

    private final AtomicLong tracked = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    /** Weak, so an abandoned, never-closed reader does not stay reachable from a shared manager. */
    private final List<WeakReference<Runnable>> pressureListeners = new CopyOnWriteArrayList<>();

    /** Serialises the check-and-track of {@link #acquire}; {@link #changed} is signalled on releases. */
    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition changed = waitLock.newCondition();
    /** Tickets of the waiting acquire calls, oldest first (guarded by {@link #waitLock}). */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** {@code queue.size()}, readable without the lock so releases skip signalling when nobody waits. */
    private volatile int waiting;
    /** Self-check interval of waiters; tests raise it to prove that releases really signal. */
    volatile long recheckNanos = RECHECK_NANOS;

    /** For subclasses, which define {@link #availableBytes()}. */
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

    /**
     * The most that all reservations together may reach: {@link #availableBytes()} plus
     * {@link #trackedBytes()} (what the machine allows), or the budget of a
     * {@link FixedMemoryManager}. A request larger than this can never be granted.
     */
    public long capacityBytes() {
        long sum = availableBytes() + trackedBytes();
        return sum < 0 ? Long.MAX_VALUE : sum; // saturate: a subclass may report "unlimited"
    }

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

    /** Removes {@code bytes} from the tracked usage, waking threads waiting in {@link #acquire}. */
    public final void releaseUsage(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative usage " + bytes);
        tracked.addAndGet(-bytes);
        // tracked is written before waiting is read, and a waiter writes waiting before reading
        // tracked: one of the two always sees the other, so no wake-up is lost.
        if (waiting > 0) availabilityChanged();
    }

    /**
     * Wakes the threads waiting in {@link #acquire} to re-check {@link #availableBytes()}. Call it
     * when a subclass's availability grows for a reason other than a release (waiters also
     * re-check on their own every few tens of milliseconds).
     */
    protected final void availabilityChanged() {
        waitLock.lock();
        try {
            changed.signalAll();
        } finally {
            waitLock.unlock();
        }
    }

    /** Tracks {@code bytes} until the returned reservation is closed. Does not wait and never fails for lack of memory. */
    public final Reservation reserve(long bytes) {
        return reserve(bytes, null);
    }

    /**
     * Tracks {@code bytes} until the reservation is closed or {@code owner} (for example the batch)
     * becomes unreachable, whichever comes first. Does not wait and never fails for lack of
     * memory; use {@link #acquire(long, Object, Duration)} to stay within a shared budget.
     */
    public final Reservation reserve(long bytes, Object owner) {
        trackUsage(bytes);
        Release release = new Release(this, bytes);
        Cleaner.Cleanable cleanable = owner == null ? null : CLEANER.register(owner, release);
        return new Reservation(release, cleanable);
    }

    /**
     * {@link #acquire(long, Object, Duration)} with the default timeout: the system property
     * {@value #WAIT_TIMEOUT_PROPERTY} in seconds, or 60 seconds.
     *
     * @throws MemoryBudgetExceededException as {@link #acquire(long, Object, Duration)}
     */
    public final Reservation acquire(long bytes, Object owner) {
        return acquire(bytes, owner, defaultWaitTimeout());
    }

    /**
     * Waits until {@code bytes} fit in {@link #availableBytes()}, then reserves them like
     * {@link #reserve(long, Object)} ({@code owner} may be null). Waiters are served first come
     * first served: a large request at the head of the queue is not overtaken by smaller ones
     * behind it, and a new request queues behind existing waiters even if it would fit. Waiters
     * wake when usage is released and re-check every few tens of milliseconds, because the
     * machine's figures also change with garbage collection. Checking and tracking are atomic with
     * respect to other acquire calls, so what is acquired never exceeds a fixed budget; usage added
     * with {@link #reserve}, {@link #trackUsage} or {@link Reservation#resize} does not wait and is
     * merely counted.
     *
     * <p>A budget lowered while a request waits does not fail it at once: it waits until it fits
     * or the timeout passes.
     *
     * @param timeout how long to wait at most; zero or negative means do not wait
     * @throws IllegalArgumentException if {@code bytes} is negative
     * @throws MemoryBudgetExceededException at once if {@code bytes} exceeds
     *         {@link #capacityBytes()}; when the timeout passes; or when the thread is interrupted
     *         while waiting (its interrupt flag is set again, the cause is the
     *         {@link InterruptedException}). The message names the request, the budget, what is
     *         reserved and how many others wait.
     */
    public final Reservation acquire(long bytes, Object owner, Duration timeout) {
        if (bytes < 0) throw new IllegalArgumentException("negative usage " + bytes);
        Objects.requireNonNull(timeout, "timeout");
        long capacity = capacityBytes();
        if (bytes > capacity) {
            throw new MemoryBudgetExceededException(bytes, availableBytes(),
                    size(bytes) + " is more than the whole " + size(capacity) + " memory budget ("
                            + size(trackedBytes()) + " reserved by others, " + waiting + " waiting)"
                            + "; read with smaller batches or raise the budget", null);
        }
        long timeoutNanos = nanos(timeout);
        long start = System.nanoTime();
        Object ticket = new Object();
        waitLock.lock();
        try {
            if (queue.isEmpty() && bytes <= availableBytes()) return reserve(bytes, owner);
            queue.addLast(ticket);
            waiting = queue.size();
            try {
                while (true) {
                    if (queue.peekFirst() == ticket && bytes <= availableBytes()) return reserve(bytes, owner);
                    long left = timeoutNanos - (System.nanoTime() - start);
                    if (left <= 0) throw waitFailed("waited " + duration(timeout), bytes, null);
                    changed.awaitNanos(Math.min(left, recheckNanos));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw waitFailed("interrupted while waiting", bytes, e);
            } finally {
                queue.remove(ticket);
                waiting = queue.size();
                // Whether granted or given up, the next in line may now be at the head and fit.
                changed.signalAll();
            }
        } finally {
            waitLock.unlock();
        }
    }

    /**
     * Reserves {@code bytes} if they fit now and nobody is waiting in {@link #acquire} (whose order
     * this respects), else returns null without waiting.
     */
    public final Reservation tryAcquire(long bytes, Object owner) {
        if (bytes < 0) throw new IllegalArgumentException("negative usage " + bytes);
        waitLock.lock();
        try {
            return queue.isEmpty() && bytes <= availableBytes() ? reserve(bytes, owner) : null;
        } finally {
            waitLock.unlock();
        }
    }

    /** Threads currently waiting in {@link #acquire}. */
    public final int waitingCount() {
        return waiting;
    }

    /** Called by a waiter still in the queue, holding the lock. */
    private MemoryBudgetExceededException waitFailed(String what, long bytes, InterruptedException cause) {
        return new MemoryBudgetExceededException(bytes, availableBytes(),
                what + " for " + size(bytes) + " of a " + size(capacityBytes()) + " memory budget ("
                        + size(trackedBytes()) + " reserved by others, " + (queue.size() - 1) + " waiting)"
                        + "; close finished batches sooner, run fewer readers at once, raise the budget or the "
                        + "timeout (-D" + WAIT_TIMEOUT_PROPERTY + "=seconds)", cause);
    }

    /** The timeout of {@link #acquire(long, Object)}: {@value #WAIT_TIMEOUT_PROPERTY} or 60 s. */
    static Duration defaultWaitTimeout() {
        String value = System.getProperty(WAIT_TIMEOUT_PROPERTY);
        if (value == null || value.isBlank()) return Duration.ofSeconds(DEFAULT_WAIT_SECONDS);
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds >= 0 && seconds <= Long.MAX_VALUE / 1e9) return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (!value.equals(reportedBadTimeout)) {
            reportedBadTimeout = value;
            LOG.log(System.Logger.Level.WARNING, "ignoring -D{0}={1}: not a number of seconds; waiting {2} s",
                    WAIT_TIMEOUT_PROPERTY, value, DEFAULT_WAIT_SECONDS);
        }
        return Duration.ofSeconds(DEFAULT_WAIT_SECONDS);
    }

    private static long nanos(Duration d) {
        if (d.isNegative()) return 0;
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // centuries: wait "forever"
        }
    }

    private static String duration(Duration d) {
        long ms = d.isNegative() ? 0 : d.toMillis();
        if (ms < 1000) return ms + " ms";
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String size(long bytes) {
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        if (bytes >= 1L << 10) return String.format(Locale.ROOT, "%.1f KB", bytes / (double) (1L << 10));
        return bytes + " bytes";
    }

    /**
     * Tells readers to shrink their batches: called when memory runs short. The listener is held
     * weakly, so that a reader abandoned without being closed does not stay reachable from a shared
     * manager: <b>the caller must keep a strong reference to {@code listener}</b> (for example in a
     * field of the reader) for as long as it wants notifications. A lambda or method reference
     * passed inline and not stored may be collected, and then silently hears nothing.
     */
    public final void addPressureListener(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        pruneListeners();
        pressureListeners.add(new WeakReference<>(listener));
    }

    /** Stops telling {@code listener} about pressure (one registration of it, like List.remove). */
    public final void removePressureListener(Runnable listener) {
        for (WeakReference<Runnable> ref : pressureListeners) {
            if (Objects.equals(ref.get(), listener)) {
                pressureListeners.remove(ref); // WeakReference equality is identity: removes exactly this entry
                break;
            }
        }
        pruneListeners();
    }

    /** Notifies every pressure listener that is still reachable. */
    protected final void firePressure() {
        boolean cleared = false;
        for (WeakReference<Runnable> ref : pressureListeners) {
            Runnable r = ref.get();
            if (r == null) cleared = true;
            else r.run();
        }
        if (cleared) pruneListeners();
    }

    private void pruneListeners() {
        pressureListeners.removeIf(ref -> ref.refersTo(null));
    }

    /** Registered pressure listeners not yet collected (for tests). */
    int livePressureListeners() {
        int n = 0;
        for (WeakReference<Runnable> ref : pressureListeners) if (!ref.refersTo(null)) n++;
        return n;
    }

    /**
     * The tracked size of one reservation, shared by the reservation and the Cleaner: it must not
     * reference the owner (or the Reservation, which the owner may reference), or the owner would
     * never become unreachable.
     */
    private static final class Release implements Runnable {
        private final MemoryManager manager;
        /** Current size; written under this object's monitor, volatile for {@link Reservation#bytes()}. */
        private volatile long bytes;
        private boolean done;

        Release(MemoryManager manager, long bytes) {
            this.manager = manager;
            this.bytes = bytes;
        }

        void resize(long newBytes) {
            if (newBytes < 0) throw new IllegalArgumentException("negative reservation " + newBytes);
            long shrunk;
            synchronized (this) {
                if (done) throw new IllegalStateException("the reservation is already released");
                long old = bytes;
                bytes = newBytes;
                if (newBytes >= old) {
                    manager.trackUsage(newBytes - old);
                    return;
                }
                shrunk = old - newBytes;
            }
            // Outside the monitor: releasing may take the manager's wait lock.
            manager.releaseUsage(shrunk);
        }

        @Override
        public void run() {
            long size;
            synchronized (this) {
                if (done) return;
                done = true;
                size = bytes;
            }
            manager.releaseUsage(size);
        }
    }

    /**
     * Tracked bytes that are released by {@link #close()} (idempotent, thread-safe) or when their
     * owner is collected, exactly once either way.
     */
    public static final class Reservation implements AutoCloseable {
        private final Release release;
        private final Cleaner.Cleanable cleanable;

        private Reservation(Release release, Cleaner.Cleanable cleanable) {
            this.release = release;
            this.cleanable = cleanable;
        }

        /** The reserved bytes: the current size after {@link #resize}, the last size once released. */
        public long bytes() {
            return release.bytes;
        }

        /**
         * Changes the reserved size to {@code newBytes}. Shrinking releases the difference at once
         * and wakes threads waiting in {@link MemoryManager#acquire}. Growing tracks the difference
         * at once <em>without waiting</em> and may exceed the budget: it is meant for memory the
         * caller already holds and has just measured, not for asking for more (use
         * {@link MemoryManager#acquire} for that).
         *
         * @throws IllegalArgumentException if {@code newBytes} is negative
         * @throws IllegalStateException if the reservation was already released
         */
        public void resize(long newBytes) {
            release.resize(newBytes);
        }

        /** Releases the current size now (later calls, and the Cleaner, do nothing). */
        @Override
        public void close() {
            if (cleanable != null) cleanable.clean();
            else release.run();
        }
    }
}
