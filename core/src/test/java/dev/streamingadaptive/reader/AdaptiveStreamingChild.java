package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run in a separate JVM by {@link AdaptiveStreamingForkedTest}: streams a file and reports on stdout,
 * one {@code KEY value} per line, what happened.
 *
 * <p>Arguments: {@code FILE BUDGET [collect]}, BUDGET a byte count for {@code MemoryManager.fixed}
 * or {@code system}; with {@code collect} it also tries {@code collect()} and expects a refusal.
 */
public final class AdaptiveStreamingChild {
    private AdaptiveStreamingChild() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        MemoryManager m = args[1].equals("system") ? MemoryManager.system() : MemoryManager.fixed(Long.parseLong(args[1]));
        System.out.println("MAXHEAP " + Runtime.getRuntime().maxMemory());
        System.out.println("AVAILABLE " + m.availableBytes());
        long rows = 0, decoded = 0, batches = 0, maxBatch = 0, checksum = 0;
        long maxTracked = 0;
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withMemoryManager(m)) {
            System.out.println("ESTIMATE " + r.estimateMemoryRequired());
            try (Stream<DataFrame> s = r.stream()) {
                for (DataFrame b : (Iterable<DataFrame>) s::iterator) {
                    rows += b.height();
                    long bytes = b.estimatedBytes();
                    decoded += bytes;
                    maxBatch = Math.max(maxBatch, bytes);
                    maxTracked = Math.max(maxTracked, m.trackedBytes());
                    batches++;
                    Object first = b.column(0).get(0);
                    if (first instanceof Number n) checksum += n.longValue();
                }
            }
            System.out.println("ROWS " + rows);
            System.out.println("DECODED " + decoded);
            System.out.println("BATCHES " + batches);
            System.out.println("MAXBATCH " + maxBatch);
            System.out.println("PEAK " + m.peakTrackedBytes());
            System.out.println("MAXTRACKED " + maxTracked);
            System.out.println("TRACKED_AFTER " + m.trackedBytes());
            System.out.println("CHECKSUM " + checksum);
            if (args.length > 2 && args[2].equals("collect")) {
                try {
                    DataFrame all = r.collect();
                    System.out.println("COLLECTED " + all.height());
                } catch (MemoryBudgetExceededException e) {
                    System.out.println("COLLECT_REFUSED " + e.requiredBytes() + " " + e.availableBytes());
                    System.out.println("MESSAGE " + e.getMessage());
                }
            }
        } catch (OutOfMemoryError e) {
            System.out.println("OOM " + e.getMessage() + " after " + batches + " batches, " + rows + " rows");
            e.printStackTrace();
            System.exit(3);
        }
        System.out.println("DONE");
    }
}
