package dev.streamingadaptive.reader;

import dev.streamingadaptive.tpch.TpchData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grace hash join in a small heap: TPC-H lineitem × orders (SF 1: 6M × 1.5M rows) joined on the
 * order key in {@code -Xmx128m} under a 64 MB budget, where the orders side (~40 MB of the four
 * columns read) does not fit in memory; the aggregates of the result equal DuckDB's, the tracked
 * peak stays within the budget, and the spill folder is empty afterwards. With spilling off the
 * same join is refused with a MemoryBudgetExceededException, not an OutOfMemoryError.
 *
 * <p>The target, SF 10 (60M × 15M) in {@code -Xmx512m}: run with
 * {@code -Dgracejoin.sf=10 -Dgracejoin.heap=512m -Dgracejoin.budget=256 -Dgracejoin.dir=/work/tpch-sf10}
 * (the data is written there once and reused; generating SF 10 took 10 minutes). Measured: 26 s, peak
 * tracked 110 MB, values equal to DuckDB's.
 */
class GraceJoinForkedTest {
    private static final long MB = 1L << 20;

    @Test
    void lineitemJoinsOrdersInASmallHeap() throws Exception {
        double sf = Double.parseDouble(System.getProperty("gracejoin.sf", "1"));
        String heap = System.getProperty("gracejoin.heap", "128m");
        long budget = Long.parseLong(System.getProperty("gracejoin.budget", "64")) * MB;
        Path data = Path.of(System.getProperty("gracejoin.dir", "target/tpch-sf" + (sf == (long) sf ? Long.toString((long) sf) : sf)));
        TpchData.write(data, sf);
        Path lineitem = TpchData.file(data, "lineitem"), orders = TpchData.file(data, "orders");
        Path spill = Files.createTempDirectory(Path.of("target"), "grace-spill");
        Path logs = Files.createTempDirectory(Path.of("target"), "grace-child");
        long timeout = sf <= 1 ? 300 : 3600;

        ChildJvm.Result c = ChildJvm.run(logs, timeout, List.of(), List.of("-Xmx" + heap), GraceJoinChild.class, lineitem.toString(),
                orders.toString(), Long.toString(budget), spill.toString());
        System.out.println("grace join SF " + sf + " in -Xmx" + heap + ", budget " + budget / MB + " MB: " + c.num("MILLIS") + " ms, peak tracked "
                + c.num("PEAK") / MB + " MB");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), sum(l_extendedprice), sum(o_totalprice), sum(l_quantity), sum(o_custkey), "
                     + "max(o_orderdate) FROM '" + lineitem + "' JOIN '" + orders + "' ON l_orderkey = o_orderkey")) {
            rs.next();
            assertEquals(rs.getLong(1), c.num("V_n"), c.out());
            assertEquals(0, rs.getBigDecimal(2).compareTo(new java.math.BigDecimal(c.text("V_price"))), c.out());
            assertEquals(0, rs.getBigDecimal(3).compareTo(new java.math.BigDecimal(c.text("V_total"))), c.out());
            assertEquals(0, rs.getBigDecimal(4).compareTo(new java.math.BigDecimal(c.text("V_qty"))), c.out());
            assertEquals(rs.getBigDecimal(5).longValueExact(), Long.parseLong(c.text("V_cust").trim()), c.out());
            assertEquals(rs.getObject(6).toString(), c.text("V_last"), c.out());
        }
        assertTrue(c.num("PEAK") <= budget, "peak tracked " + c.num("PEAK") + " > budget " + budget);
        assertEquals(0, c.num("FILES_LEFT"), c.out());

        ChildJvm.Result off = ChildJvm.run(logs, timeout, List.of(), List.of("-Xmx" + heap), GraceJoinChild.class, lineitem.toString(),
                orders.toString(), Long.toString(budget), "off");
        assertTrue(off.values().containsKey("REFUSED"), "spilling off: " + off.out() + off.err());
        assertTrue(off.text("REFUSED").contains("join [l_orderkey] = [o_orderkey]") && off.text("REFUSED").contains("spilling is off"),
                off.text("REFUSED"));
    }
}
