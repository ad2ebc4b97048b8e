package dev.streamingadaptive.scan;

import dev.streamingadaptive.memory.MemoryManager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * What the scans of one reader share while the request describes what to read: the decoding
 * threads, the MemoryManager every batch is accounted in, the statistics they add up, and the
 * files left out as unreadable. The column-decoding pool is created on first use and stopped by
 * {@link #close()}; the row-group scheduler starts its own pool per scan from the same policy
 * ({@link DecodingThreads}) so that closing a stream leaves no thread behind.
 */
public final class ScanContext implements AutoCloseable {
    /** A file a scan left out (skip-unreadable policy), and why. */
    public record Skipped(Path path, String reason) {}

    private int threads;
    private MemoryManager memory;
    private final ScanCounters counters = new ScanCounters();
    private final List<Skipped> skipped = new ArrayList<>();
    private ForkJoinPool decodePool;

    /** {@code threads} decoding threads, batches accounted in {@code memory}. */
    public ScanContext(int threads, MemoryManager memory) {
        this.threads = checkedThreads(threads);
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** All available processors, the system's memory. */
    public static ScanContext defaults() {
        return new ScanContext(Runtime.getRuntime().availableProcessors(), MemoryManager.system());
    }

    /** Decoding threads. */
    public synchronized int threads() {
        return threads;
    }

    /** Changes the decoding threads; a running column pool of another size is stopped. */
    public synchronized void threads(int threads) {
        if (checkedThreads(threads) != this.threads) stopPool();
        this.threads = threads;
    }

    /** The budget. */
    public synchronized MemoryManager memory() {
        return memory;
    }

    /** Changes the budget for scans started from now on. */
    public synchronized void memory(MemoryManager memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** What every scan of this context read and skipped so far (live; thread-safe). */
    public ScanCounters counters() {
        return counters;
    }

    /** Records a file left out of a scan. */
    public void skip(Path path, String reason) {
        synchronized (skipped) {
            skipped.add(new Skipped(path, reason));
        }
    }

    /** The files left out so far, in the order they were found unreadable. */
    public List<Skipped> skipped() {
        synchronized (skipped) {
            return List.copyOf(skipped);
        }
    }

    /** The pool that decodes the columns of a batch side by side, or null when there is one thread. */
    public synchronized ForkJoinPool decodePool() {
        if (threads <= 1) return null;
        if (decodePool == null) decodePool = DecodingThreads.start(threads, "streaming-adaptive-decode-");
        return decodePool;
    }

    private void stopPool() {
        ForkJoinPool p = decodePool;
        decodePool = null;
        if (p != null) p.shutdownNow();   // running tasks hold their file's mapping: close() of the file waits for them
    }

    private static int checkedThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        return threads;
    }

    /** Stops the column pool. */
    @Override
    public synchronized void close() {
        stopPool();
    }
}
