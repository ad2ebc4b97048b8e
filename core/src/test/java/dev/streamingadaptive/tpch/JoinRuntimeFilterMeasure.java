package dev.streamingadaptive.tpch;

import dev.streamingadaptive.lazy.JoinType;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.lazy.QueryProfile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;

/**
 * Measures the join runtime filter on TPC-H data (not a test): lineitem joined with a subset of
 * orders, with the build side's key range pushed into the lineitem scan and without it. Args: the
 * TPC-H folder (made by {@link TpchData}), runs per case.
 */
public final class JoinRuntimeFilterMeasure {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        LazyFrame lineitem = LazyFrame.scanParquet(TpchData.file(dir, "lineitem")).select("l_orderkey", "l_extendedprice");
        LazyFrame orders = LazyFrame.scanParquet(TpchData.file(dir, "orders")).select("o_orderkey", "o_orderdate");
        record Case(String name, LazyFrame build) {}
        List<Case> cases = List.of(
                new Case("orders with o_orderkey < 600000 (a key range: 10% of orders)", orders.filter(col("o_orderkey").lt(lit(600_000L)))),
                new Case("orders of January 1995 (dates not correlated with keys)",
                        orders.filter(col("o_orderdate").gtEq(lit(LocalDate.of(1995, 1, 1))).and(col("o_orderdate").lt(lit(LocalDate.of(1995, 2, 1)))))));
        for (Case c : cases) {
            for (boolean on : new boolean[] {false, true}) {
                System.setProperty("streamingadaptive.join.runtimeFilter", Boolean.toString(on));
                long best = Long.MAX_VALUE;
                QueryProfile p = null;
                for (int r = 0; r < runs; r++) {
                    long t = System.nanoTime();
                    p = lineitem.join(c.build, List.of("l_orderkey"), List.of("o_orderkey"), JoinType.INNER)
                            .agg(len().alias("n"), col("l_extendedprice").sum().alias("s")).profile();
                    best = Math.min(best, System.nanoTime() - t);
                }
                System.out.printf("%s, runtime filter %s: %d ms (best of %d), result %s, %s%n", c.name, on ? "on" : "off", best / 1_000_000,
                        runs, p.result().column(0).get(0) + " rows, sum " + p.result().column(1).get(0), p.scanStatistics().describe());
            }
        }
    }
}
