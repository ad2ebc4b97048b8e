package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.memory.MemoryManager;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Iterator;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;

/**
 * Run in a small-heap JVM by {@link TextBudgetForkedTest}: streams a CSV or JSON-lines file
 * (format by extension) under a fixed budget and prints {@code ROWS}, {@code SUM_SIZE}, the
 * budget's {@code PEAK}, {@code TRACKED_AFTER} and {@code HEAP_OVER} (the heap really in use after
 * full collections while a batch is held, above the start).
 *
 * <p>Arguments: {@code FILE BUDGET THREADS}.
 */
public final class TextBudgetChild {
    private TextBudgetChild() {}

    public static void main(String[] args) {
        String file = args[0];
        MemoryManager m = MemoryManager.fixed(Long.parseLong(args[1]));
        int threads = Integer.parseInt(args[2]);
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        System.gc();
        long base = mx.getHeapMemoryUsage().getUsed();
        long rows = 0, sum = 0, batches = 0, heapOver = 0;
        try (Stream<DataFrame> s = LazyFrame.scan(file).select(col("size"), col("symbol")).withMemoryManager(m).withThreads(threads).stream()) {
            Iterator<DataFrame> it = s.iterator();
            while (it.hasNext()) {
                DataFrame b = it.next();
                rows += b.height();
                LongColumn size = (LongColumn) b.column("size");
                for (int i = 0; i < b.height(); i++) sum += size.getLong(i);
                if (++batches % 8 == 0) {
                    System.gc();
                    heapOver = Math.max(heapOver, mx.getHeapMemoryUsage().getUsed() - base);
                }
            }
        } catch (OutOfMemoryError e) {
            System.out.println("OOM " + e.getMessage());
            System.exit(3);
        }
        System.out.println("ROWS " + rows);
        System.out.println("SUM_SIZE " + sum);
        System.out.println("BATCHES " + batches);
        System.out.println("HEAP_OVER " + heapOver);
        System.out.println("PEAK " + m.peakTrackedBytes());
        System.out.println("TRACKED_AFTER " + m.trackedBytes());
        System.out.println("DONE 1");
    }
}
