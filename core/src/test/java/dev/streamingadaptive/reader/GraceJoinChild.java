package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.JoinType;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;

/**
 * Child JVM of {@link GraceJoinForkedTest}: TPC-H lineitem joined with orders on the order key, then
 * aggregated, under a fixed budget in a small heap. Args: lineitem, orders, budget bytes, spill
 * folder ("off": spilling off). Prints {@code KEY value} lines: the aggregates, the peak tracked bytes,
 * the time, the files left in the spill folder; or {@code REFUSED message} / {@code OOM message}.
 */
public final class GraceJoinChild {
    public static void main(String[] args) throws Exception {
        Path lineitem = Path.of(args[0]), orders = Path.of(args[1]);
        FixedMemoryManager budget = MemoryManager.fixed(Long.parseLong(args[2]));
        boolean spilling = !args[3].equals("off");
        LazyFrame l = LazyFrame.scanParquet(lineitem).select("l_orderkey", "l_extendedprice", "l_quantity", "l_discount");
        LazyFrame o = LazyFrame.scanParquet(orders).select("o_orderkey", "o_totalprice", "o_orderdate", "o_custkey");
        LazyFrame q = l.join(o, java.util.List.of("l_orderkey"), java.util.List.of("o_orderkey"), JoinType.INNER)
                .agg(len().alias("n"), col("l_extendedprice").sum().alias("price"), col("o_totalprice").sum().alias("total"),
                        col("l_quantity").sum().alias("qty"), col("o_custkey").sum().alias("cust"), col("o_orderdate").max().alias("last"))
                .withMemoryManager(budget).withThreads(2);
        q = spilling ? q.withSpillDirectory(Path.of(args[3])) : q.withoutSpilling();
        long start = System.nanoTime();
        try {
            DataFrame r = q.collect();
            System.out.println("MILLIS " + (System.nanoTime() - start) / 1_000_000);
            for (String c : r.schema().names()) System.out.println("V_" + c + " " + r.column(c).get(0));
        } catch (MemoryBudgetExceededException e) {
            System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
        } catch (OutOfMemoryError e) {
            System.out.println("OOM " + e.getMessage());
        }
        System.out.println("PEAK " + budget.peakTrackedBytes());
        System.out.println("BUDGET " + budget.capacityBytes());
        if (spilling) {
            try (Stream<Path> all = Files.walk(Path.of(args[3]))) {
                System.out.println("FILES_LEFT " + all.filter(Files::isRegularFile).count());
            }
        }
        System.out.flush();
    }
}
