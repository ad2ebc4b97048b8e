package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Run in a separate JVM by {@link MemoryBudgetForkedTest}: reads a file and prints, one
 * {@code KEY value} per line, a hash of every value (column by column, in row order), the rows,
 * the budget's peak and the heap really in use after collections while batches are held.
 *
 * <p>Arguments: {@code FILE BUDGET MODE [READERS] [THREADS]}: BUDGET bytes for
 * {@code MemoryManager.fixed} or {@code system}; MODE {@code stream} (READERS threads each stream the
 * file through the one manager, THREADS decoding threads each) or {@code collect} (one frame).
 */
public final class BudgetChild {
    private BudgetChild() {}

    /** Collect and measure the heap every this many batches (a full GC is slow). */
    private static final int HEAP_EVERY = 8;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        MemoryManager m = args[1].equals("system") ? MemoryManager.system() : MemoryManager.fixed(Long.parseLong(args[1]));
        String mode = args[2];
        int readers = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : Runtime.getRuntime().availableProcessors();
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        System.gc();
        long base = mx.getHeapMemoryUsage().getUsed();
        System.out.println("MAXHEAP " + Runtime.getRuntime().maxMemory());
        System.out.println("HEAP_BASE " + base);
        AtomicLong heapOver = new AtomicLong();
        AtomicLong maxBatch = new AtomicLong();
        try {
            if (mode.equals("collect")) {
                try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withMemoryManager(m)) {
                    DataFrame all = r.collect();
                    long[] h = new long[all.width()];
                    hash(all, h);
                    System.out.println("ROWS " + all.height());
                    System.out.println("HASH " + render(h));
                }
            } else {
                List<Thread> workers = new ArrayList<>();
                List<String> hashes = java.util.Collections.synchronizedList(new ArrayList<>());
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                AtomicLong rows = new AtomicLong();
                AtomicLong batches = new AtomicLong();
                for (int t = 0; t < readers; t++) {
                    Thread w = new Thread(() -> {
                        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withMemoryManager(m).withThreads(threads);
                             Stream<DataFrame> s = r.stream()) {
                            java.util.Iterator<DataFrame> it = s.iterator();
                            Totals totals = new Totals();
                            // The batch is passed straight to consume(): no local variable here keeps it alive
                            // while the next one is decoded (its reservation ends when the next is requested).
                            while (it.hasNext()) consume(it.next(), totals, mx, base, heapOver, maxBatch, batches);
                            long[] h = totals.hash;
                            long n = totals.rows;
                            rows.addAndGet(n);
                            hashes.add(render(h));
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }, "reader-" + t);
                    workers.add(w);
                    w.start();
                }
                for (Thread w : workers) w.join();
                for (Throwable e : failures) {
                    System.out.println("FAILED " + e);
                    e.printStackTrace();
                }
                if (!failures.isEmpty()) {
                    if (failures.stream().anyMatch(e -> e instanceof OutOfMemoryError)) System.out.println("OOM");
                    System.exit(3);
                }
                System.out.println("ROWS " + rows.get());
                System.out.println("BATCHES " + batches.get());
                System.out.println("DISTINCT_HASHES " + hashes.stream().distinct().count());
                System.out.println("HASH " + hashes.get(0));
            }
        } catch (OutOfMemoryError e) {
            System.out.println("OOM " + e.getMessage());
            e.printStackTrace();
            System.exit(3);
        }
        System.out.println("MAXBATCH " + maxBatch.get());
        System.out.println("HEAP_OVER " + heapOver.get());
        System.out.println("PEAK " + m.peakTrackedBytes());
        System.out.println("TRACKED_AFTER " + m.trackedBytes());
        System.out.println("DONE");
    }

    /** One reader's running hash and row count. */
    static final class Totals {
        long[] hash;
        long rows;
    }

    private static void consume(DataFrame b, Totals t, MemoryMXBean mx, long base, AtomicLong heapOver, AtomicLong maxBatch,
                                AtomicLong batches) {
        if (t.hash == null) t.hash = new long[b.width()];
        hash(b, t.hash);
        t.rows += b.height();
        maxBatch.accumulateAndGet(b.estimatedBytes(), Math::max);
        if (batches.incrementAndGet() % HEAP_EVERY == 0) {
            // Heap really in use while this batch is held: after a full collection.
            System.gc();
            heapOver.accumulateAndGet(mx.getHeapMemoryUsage().getUsed() - base, Math::max);
        }
    }

    /** Folds every value of {@code df} into the running per-column hashes. */
    static void hash(DataFrame df, long[] h) {
        for (int c = 0; c < df.width(); c++) {
            Column col = df.column(c);
            long x = h[c];
            for (int i = 0, n = df.height(); i < n; i++) x = x * 1_000_003L + Objects.hashCode(col.get(i));
            h[c] = x;
        }
    }

    static String render(long[] h) {
        StringBuilder sb = new StringBuilder();
        for (long x : h) sb.append(Long.toHexString(x)).append(',');
        return sb.toString();
    }
}
