package dev.streamingadaptive.reader;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;

import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;

/**
 * Run in a small-heap JVM by {@link MemoryBudgetForkedTest}: LazyFrame pipelines over a large file
 * with the system's memory manager, printing {@code KEY value} lines.
 *
 * <p>Arguments {@code FILE MODE}: {@code pipeline} (a filter + group-by aggregate, then a filtered,
 * projected stream), {@code top-k} (the five highest prices of all rows, printed as {@code TOP ids}) or {@code wide-group-by} (a group-by on a key with one group per row, which
 * cannot fit: prints the MemoryBudgetExceededException's message as {@code REFUSED}).
 */
public final class QueryChild {
    private QueryChild() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        try {
            switch (args[1]) {
                case "pipeline" -> {
                    DataFrame groups = LazyFrame.scanParquet(file).filter(col("price").gt(lit(500)))
                            .groupBy("symbol").agg(col("size").sum().alias("s"), len().alias("n")).collect();
                    long sizes = 0, rows = 0;
                    LongColumn s = (LongColumn) groups.column("s"), n = (LongColumn) groups.column("n");
                    for (int i = 0; i < groups.height(); i++) {
                        sizes += s.getLong(i);
                        rows += n.getLong(i);
                    }
                    System.out.println("GROUPS " + groups.height());
                    System.out.println("SUM_SIZE " + sizes);
                    System.out.println("ROWS " + rows);
                    long streamed = 0;
                    try (Stream<DataFrame> batches = LazyFrame.scanParquet(file).filter(col("exchange").eq(lit("IEX")))
                            .select(col("trade_id"), col("price").mul(lit(2)).alias("p2")).stream()) {
                        for (DataFrame b : (Iterable<DataFrame>) batches::iterator) streamed += b.height();
                    }
                    System.out.println("STREAMED " + streamed);
                }
                case "top-k" -> {
                    DataFrame top = LazyFrame.scanParquet(file).sort(SortKey.desc("price"), SortKey.asc("trade_id")).head(5)
                            .select("trade_id").collect();
                    StringBuilder ids = new StringBuilder();
                    for (int i = 0; i < top.height(); i++) ids.append(i > 0 ? "," : "").append(top.column(0).get(i));
                    System.out.println("TOP " + ids);
                }
                case "wide-group-by" -> {
                    DataFrame g = LazyFrame.scanParquet(file).withoutSpilling().groupBy("trade_id").agg(col("price").sum()).collect();
                    System.out.println("GROUPS " + g.height());
                }
                default -> throw new IllegalArgumentException(args[1]);
            }
        } catch (MemoryBudgetExceededException e) {
            System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
        } catch (OutOfMemoryError e) {
            e.printStackTrace();
            System.out.println("OOM " + e.getMessage());
        }
        System.out.println("DONE 1");
    }
}
