package dev.streamingadaptive.tpch;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The TPC-H tables at scale factor 0.01 have the specification's row counts, and the engine reads
 * them as DuckDB does: counts, and a Q1-like aggregate over lineitem.
 */
class TpchDataTest {
    @TempDir static Path dir;

    @Test
    void tablesHaveTheirRowCountsAndReadAsDuckDbReadsThem() throws Exception {
        TpchData.write(dir, 0.01);
        // TPC-H 2.18 row counts at SF 0.01 (lineitem varies with the orders' line counts).
        Map<String, Long> rows = Map.of("region", 5L, "nation", 25L, "supplier", 100L, "customer", 1500L, "part", 2000L,
                "partsupp", 8000L, "orders", 15000L);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (var e : rows.entrySet()) {
                Path f = TpchData.file(dir, e.getKey());
                assertEquals(e.getValue(), LazyFrame.scanParquet(f).agg(len()).collect().column(0).get(0), e.getKey());
            }
            Path lineitem = TpchData.file(dir, "lineitem");
            DataFrame ours = LazyFrame.scanParquet(lineitem).groupBy("l_returnflag", "l_linestatus")
                    .agg(col("l_quantity").sum().alias("q"), col("l_extendedprice").sum().alias("p"), len().alias("n"))
                    .sort("l_returnflag", "l_linestatus").collect();
            try (ResultSet rs = s.executeQuery("SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice), count(*) FROM '"
                    + lineitem + "' GROUP BY ALL ORDER BY ALL")) {
                int r = 0;
                while (rs.next()) {
                    assertEquals(rs.getString(1), ours.column("l_returnflag").get(r));
                    assertEquals(rs.getString(2), ours.column("l_linestatus").get(r));
                    assertEquals(0, rs.getBigDecimal(3).compareTo((java.math.BigDecimal) ours.column("q").get(r)));
                    assertEquals(0, rs.getBigDecimal(4).compareTo((java.math.BigDecimal) ours.column("p").get(r)));
                    assertEquals(rs.getLong(5), ours.column("n").get(r));
                    r++;
                }
                assertEquals(4, r, "Q1 groups");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM '" + lineitem + "'")) {
                rs.next();
                assertEquals(rs.getLong(1), LazyFrame.scanParquet(lineitem).agg(len()).collect().column(0).get(0));
            }
        }
    }
}
