package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;

/**
 * Run in a small-heap JVM by {@link SpillingGroupByForkedTest}: a group-by with one group per
 * {@code trade_id % GROUPS} (3–4 rows each, spread over the whole file), streamed, printing
 * {@code KEY value} lines: the group count, the aggregates added up over all groups, the groups
 * {@link #PROBES}, the tracked peak, the run time and what the spill folder holds afterwards.
 *
 * <p>Arguments {@code FILE BUDGET_BYTES SPILL_FOLDER spill|no-spill}.
 */
public final class SpillingGroupByChild {
    /** Distinct keys: over 10M, as the issue asks. */
    static final long GROUPS = 12_000_000;
    static final Set<Long> PROBES = Set.of(0L, 7L, 5_555_555L, GROUPS - 1);

    private SpillingGroupByChild() {}

    /** The query, also run by DuckDB in the test as SQL. */
    static LazyFrame query(LazyFrame trades) {
        return trades.groupBy(col("trade_id").mod(GROUPS).alias("k"))
                .agg(len().alias("n"), col("size").sum().alias("s"), col("price").mean().alias("avg"), col("price").max().alias("mx"));
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long budget = Long.parseLong(args[1]);
        Path spill = Path.of(args[2]);
        boolean spilling = args[3].equals("spill");
        MemoryManager memory = MemoryManager.fixed(budget);
        LazyFrame trades = LazyFrame.scanParquet(file).withMemoryManager(memory).withSpillDirectory(spill);
        if (!spilling) trades = trades.withoutSpilling();
        long start = System.nanoTime();
        try (Stream<DataFrame> batches = query(trades).stream()) {
            long groups = 0, rows = 0, sumS = 0;
            double sumAvg = 0, sumMx = 0;
            var it = batches.iterator();
            while (it.hasNext()) {
                DataFrame b = it.next();
                groups += b.height();
                for (int i = 0; i < b.height(); i++) {
                    long k = (Long) b.column("k").get(i);
                    long n = (Long) b.column("n").get(i);
                    long s = (Long) b.column("s").get(i);
                    double avg = (Double) b.column("avg").get(i);
                    double mx = (Double) b.column("mx").get(i);
                    rows += n;
                    sumS += s;
                    sumAvg += avg;
                    sumMx += mx;
                    if (PROBES.contains(k)) System.out.println("G" + k + " " + n + " " + s + " " + avg + " " + mx);
                }
            }
            System.out.println("GROUPS " + groups);
            System.out.println("ROWS " + rows);
            System.out.println("SUM_S " + sumS);
            System.out.println("SUM_AVG " + sumAvg);
            System.out.println("SUM_MX " + sumMx);
        } catch (MemoryBudgetExceededException e) {
            System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
        } catch (OutOfMemoryError e) {
            e.printStackTrace();
            System.out.println("OOM " + e.getMessage());
        }
        System.out.println("MILLIS " + (System.nanoTime() - start) / 1_000_000);
        System.out.println("PEAK " + memory.peakTrackedBytes());
        try (Stream<Path> left = Files.exists(spill) ? Files.walk(spill) : Stream.empty()) {
            System.out.println("SPILL_FILES_LEFT " + left.filter(Files::isRegularFile).count());
        }
        System.out.println("DONE 1");
    }
}
