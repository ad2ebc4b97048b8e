package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The memory accounting of one aggregation, in one place: every array that grows with the groups
 * is sized through here, which reserves the bytes in the {@link MemoryManager} <em>before</em> the
 * array is allocated, in growth steps (a quarter of what is held, at least 256 KB) so the manager
 * is asked rarely. A refusal is a {@link MemoryBudgetExceededException} naming the operator, the
 * groups so far and the bytes needed, never an OutOfMemoryError.
 */
final class MemoryAccount implements AutoCloseable {
    /** Array header bytes, so that small arrays are not counted as free. */
    static final long HEADER = 16;
    private static final long MIN_STEP = 256 << 10;
    private static final Duration SHORT_WAIT = Duration.ofMillis(50);
    /** The largest single array, as a share of the maximum heap: see {@link #allocate}. */
    static final int MAX_ARRAY_DIVISOR = 8;
    private static final long MAX_ARRAY = Runtime.getRuntime().maxMemory() / MAX_ARRAY_DIVISOR;

    /** The largest array an account allocates (larger ones are refused: the collector needs them in one piece). */
    static long maxArrayBytes() {
        return MAX_ARRAY;
    }

    private final MemoryManager memory;
    private final String operator;
    private final LongSupplier groups;
    private final List<MemoryManager.Reservation> reservations = new ArrayList<>();
    private long reserved;
    private long used;
    private boolean closed;

    /** What {@code groups} counts in messages, and the advice of a refusal. */
    private final String unit;
    private final String advice;

    /** The advice of a group-by that may not spill. */
    static final String NO_SPILL_ADVICE = "spilling is off for this query: turn it on (LazyFrame.withSpillDirectory), raise the memory "
            + "limit (for example --memory-limit), or group by fewer distinct keys";

    MemoryAccount(MemoryManager memory, String operator, LongSupplier groups) {
        this(memory, operator, groups, "groups", NO_SPILL_ADVICE);
    }

    MemoryAccount(MemoryManager memory, String operator, LongSupplier groups, String unit, String advice) {
        this.memory = memory;
        this.operator = operator;
        this.groups = groups;
        this.unit = unit;
        this.advice = advice;
    }

    /** Bytes of live buffers counted now. */
    long usedBytes() { return used; }

    /** Bytes reserved in the manager (at least {@link #usedBytes()}). */
    long reservedBytes() { return reserved; }

    /**
     * Counts one array of {@code bytes} that is about to be allocated; reserves more first when
     * needed. An array larger than {@link #MAX_ARRAY} is refused like a budget: G1 needs it in one
     * piece of free regions, which a heap with room to spare in total often does not have (measured:
     * OutOfMemoryError growing a 24 MB hash table in -Xmx64m with 26 MB free).
     */
    void allocate(long bytes) {
        if (closed) throw new IllegalStateException(operator + " is closed");
        if (bytes > MAX_ARRAY) {
            throw new MemoryBudgetExceededException(
                    operator + " (" + String.format(Locale.ROOT, "%,d", groups.getAsLong()) + " " + unit + " so far, holding " + mb(used)
                            + ", growing by one array of " + mb(bytes) + ")",
                    used + bytes, MAX_ARRAY,
                    "arrays above 1/" + MAX_ARRAY_DIVISOR + " of the maximum heap are not allocated (the collector needs them in one "
                            + "piece); " + advice.replace("the memory limit (for example --memory-limit)", "the maximum heap (-Xmx)"));
        }
        long need = used + bytes;
        if (need > reserved) reserve(need - reserved);
        used = need;
    }

    /**
     * {@link #allocate} for an array the caller can do without (a lookup aid): false, counting nothing, where allocate
     * would refuse or wait.
     */
    boolean tryAllocate(long bytes) {
        if (closed) throw new IllegalStateException(operator + " is closed");
        if (bytes > MAX_ARRAY) return false;
        long need = used + bytes;
        if (need > reserved) {
            MemoryManager.Reservation r = memory.tryAcquire(need - reserved, this);
            if (r == null) return false;
            reservations.add(r);
            reserved += r.bytes();
        }
        used = need;
        return true;
    }

    /** Counts {@code bytes} as freed (kept reserved as headroom until {@link #close()}). */
    void free(long bytes) {
        used = Math.max(0, used - bytes);
    }

    private void reserve(long deficit) {
        long step = Math.max(deficit, Math.max(MIN_STEP, reserved / 4));
        MemoryManager.Reservation r = memory.tryAcquire(step, this);
        MemoryBudgetExceededException refusal = null;
        if (r == null) {
            // Others may be queued in acquire() for a moment (tryAcquire never overtakes them): wait briefly, in line.
            try {
                r = memory.acquire(deficit, this, SHORT_WAIT);
            } catch (MemoryBudgetExceededException e) {
                refusal = e;
            }
        }
        if (r == null) {
            MemoryBudgetExceededException e = new MemoryBudgetExceededException(
                    operator + " (" + String.format(Locale.ROOT, "%,d", groups.getAsLong()) + " " + unit + " so far, holding "
                            + mb(used) + ", growing by " + mb(deficit) + ")",
                    used + deficit, memory.availableBytes(),
                    advice);
            if (refusal != null) e.initCause(refusal);
            throw e;
        }
        reservations.add(r);
        reserved += r.bytes();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
    }

    /** Releases every reservation. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (MemoryManager.Reservation r : reservations) r.close();
        reservations.clear();
        reserved = 0;
        used = 0;
    }

    // ---- array growth through the account ----

    static long bytes(long length, int elementSize) {
        return HEADER + length * elementSize;
    }

    long[] grow(long[] a, int length) {
        allocate(bytes(length, 8));
        long[] b = Arrays.copyOf(a, length);
        free(bytes(a.length, 8));
        return b;
    }

    int[] grow(int[] a, int length) {
        allocate(bytes(length, 4));
        int[] b = Arrays.copyOf(a, length);
        free(bytes(a.length, 4));
        return b;
    }

    double[] grow(double[] a, int length) {
        allocate(bytes(length, 8));
        double[] b = Arrays.copyOf(a, length);
        free(bytes(a.length, 8));
        return b;
    }

    boolean[] grow(boolean[] a, int length) {
        allocate(bytes(length, 1));
        boolean[] b = Arrays.copyOf(a, length);
        free(bytes(a.length, 1));
        return b;
    }

    byte[] grow(byte[] a, int length) {
        allocate(bytes(length, 1));
        byte[] b = Arrays.copyOf(a, length);
        free(bytes(a.length, 1));
        return b;
    }

    /** References counted at 8 bytes (uncompressed oops), so the count errs high, not low. */
    byte[][] grow(byte[][] a, int length) {
        allocate(bytes(length, 8));
        byte[][] b = Arrays.copyOf(a, length);
        free(bytes(a.length, 8));
        return b;
    }

    /** The next capacity when {@code needed} exceeds {@code current}: at least 1.5x, at least 16. */
    static int nextCapacity(int current, long needed) {
        long c = Math.max(16, Math.max(needed, current + (current >> 1)));
        if (c > Integer.MAX_VALUE - 16) {
            if (needed > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2^31 entries in one aggregation buffer");
            c = Integer.MAX_VALUE - 16;
        }
        return (int) c;
    }
}
