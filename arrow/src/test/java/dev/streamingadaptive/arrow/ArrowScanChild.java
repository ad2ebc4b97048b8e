package dev.streamingadaptive.arrow;

import dev.streamingadaptive.lazy.LazyFrame;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Run in a small-heap JVM by {@link ArrowReaderForkedTest}: a whole-file scan through {@link FrameArrowReader},
 * consumed from the Arrow vectors as an Arrow user would, printing {@code ROWS}, {@code SUM_SIZE},
 * {@code SUM_PRICE_CENTS}, {@code BATCHES}, {@code ARROW_PEAK} (the allocator's peak, off the heap) and
 * {@code HEAP_OVER} (heap in use after full collections while a batch is held, above the start).
 *
 * <p>Arguments: {@code FILE}.
 */
public final class ArrowScanChild {
    private ArrowScanChild() {}

    public static void main(String[] args) throws Exception {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        System.gc();
        long base = mx.getHeapMemoryUsage().getUsed();
        long rows = 0, sumSize = 0, sumCents = 0, batches = 0, heapOver = 0, peak;
        long start = System.nanoTime();
        try (BufferAllocator allocator = new RootAllocator();
             FrameArrowReader reader = FrameArrowReader.of(LazyFrame.scanParquet(args[0]), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                BigIntVector size = (BigIntVector) root.getVector("size");
                Float8Vector price = (Float8Vector) root.getVector("price");
                int n = root.getRowCount();
                for (int i = 0; i < n; i++) {
                    sumSize += size.get(i);
                    sumCents += Math.round(price.get(i) * 100);
                }
                rows += n;
                if (++batches % 16 == 0) {
                    System.gc();
                    heapOver = Math.max(heapOver, mx.getHeapMemoryUsage().getUsed() - base);
                }
            }
            peak = allocator.getPeakMemoryAllocation();
        } catch (OutOfMemoryError e) {
            System.out.println("OOM " + e.getMessage());
            System.exit(3);
            return;
        }
        System.out.println("ROWS " + rows);
        System.out.println("SUM_SIZE " + sumSize);
        System.out.println("SUM_PRICE_CENTS " + sumCents);
        System.out.println("BATCHES " + batches);
        System.out.println("ARROW_PEAK " + peak);
        System.out.println("HEAP_OVER " + heapOver);
        System.out.println("MILLIS " + (System.nanoTime() - start) / 1_000_000);
    }
}
