package dev.streamingadaptive.reader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A group-by with 12M distinct keys over the 40M-row trades file in {@code -Xmx512m}: with spilling
 * it streams every group, equal to DuckDB's (group count, every aggregate added up over the groups,
 * and a few groups' values), within its fixed budget, leaving no spill files; without spilling it is
 * refused with a MemoryBudgetExceededException, not an OutOfMemoryError.
 */
class SpillingGroupByForkedTest {
    private static final long MB = 1L << 20;
    private static final long ROWS = 40_000_000;
    private static final String HEAP = "-Xmx512m";
    /** The query's budget: half the heap (the rest for what is not tracked: spill writers, result batches, the JIT). */
    private static final long BUDGET = 256 * MB;

    @TempDir
    static Path dir;
    static Path trades;
    /** DuckDB's figures: GROUPS, ROWS, SUM_S, SUM_AVG, SUM_MX and G<key> lines, as the child prints them. */
    static final Map<String, String> expected = new HashMap<>();
    static long duckMillis;
    /** DuckDB with the same memory limit as our budget (it spills too): its time, or its error. */
    static String duckLimited;

    @BeforeAll
    static void generate() throws Exception {
        trades = dir.resolve("trades.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            MemoryBudgetForkedTest.writeTrades(s, trades, ROWS);
            String groups = "SELECT trade_id % " + SpillingGroupByChild.GROUPS + " AS k, count(*) AS n, sum(size) AS s, avg(price) AS avg, "
                    + "max(price) AS mx FROM '" + trades + "' GROUP BY k";
            long start = System.nanoTime();
            try (ResultSet r = s.executeQuery("SELECT count(*), sum(n), sum(s), sum(avg), sum(mx) FROM (" + groups + ")")) {
                r.next();
                expected.put("GROUPS", r.getString(1));
                expected.put("ROWS", r.getString(2));
                expected.put("SUM_S", r.getString(3));
                expected.put("SUM_AVG", Double.toString(r.getDouble(4)));
                expected.put("SUM_MX", Double.toString(r.getDouble(5)));
            }
            duckMillis = (System.nanoTime() - start) / 1_000_000;
            try (Statement l = c.createStatement()) { // its own statement: a failed query closes it
                l.execute("SET memory_limit = '" + BUDGET / MB + "MB'");
                l.execute("SET temp_directory = '" + dir.resolve("duckdb-spill") + "'");
                start = System.nanoTime();
                try (ResultSet r = l.executeQuery("SELECT count(*), sum(n) FROM (" + groups + ")")) {
                    r.next();
                    assertEquals(expected.get("GROUPS"), r.getString(1));
                    duckLimited = (System.nanoTime() - start) / 1_000_000 + " ms";
                } catch (java.sql.SQLException e) {
                    duckLimited = "failed (" + e.getMessage().lines().findFirst().orElse("") + ")";
                }
            }
            try (Statement r = c.createStatement()) {
                r.execute("RESET memory_limit");
            }
            StringBuilder probes = new StringBuilder();
            for (long k : SpillingGroupByChild.PROBES) probes.append(probes.isEmpty() ? "" : ", ").append(k);
            try (ResultSet r = s.executeQuery("SELECT * FROM (" + groups + ") WHERE k IN (" + probes + ")")) {
                while (r.next()) {
                    expected.put("G" + r.getLong(1), r.getLong(2) + " " + r.getLong(3) + " " + r.getDouble(4) + " " + r.getDouble(5));
                }
            }
        }
    }

    private static ChildJvm.Result child(String mode) throws Exception {
        Path spill = dir.resolve("spill-" + mode);
        return ChildJvm.run(dir, 600, List.of(), List.of(HEAP), SpillingGroupByChild.class, trades.toString(), String.valueOf(BUDGET),
                spill.toString(), mode);
    }

    @Test
    void twelveMillionGroupsSpillInA512MbHeapWithDuckDbsValues() throws Exception {
        ChildJvm.Result c = child("spill");
        String what = "12M groups over 40M rows in " + HEAP + " with a " + BUDGET / MB + " MB budget";
        assertEquals(0, c.exit(), what + ": child failed\nstdout:\n" + c.out() + "\nstderr:\n" + c.err());
        assertFalse(c.values().containsKey("OOM"), c.out());
        assertFalse(c.values().containsKey("REFUSED"), c.out());
        assertEquals(Long.parseLong(expected.get("GROUPS")), c.num("GROUPS"), what);
        assertEquals(Long.parseLong(expected.get("ROWS")), c.num("ROWS"), what);
        assertEquals(Long.parseLong(expected.get("SUM_S")), c.num("SUM_S"), what);
        assertClose(expected.get("SUM_AVG"), c.text("SUM_AVG"), what + ": sum of the means");
        assertClose(expected.get("SUM_MX"), c.text("SUM_MX"), what + ": sum of the maxima");
        for (long k : SpillingGroupByChild.PROBES) {
            String[] duck = expected.get("G" + k).split(" ");
            String[] ours = c.text("G" + k).split(" ");
            assertEquals(duck[0], ours[0], "rows of group " + k);
            assertEquals(duck[1], ours[1], "sum(size) of group " + k);
            assertClose(duck[2], ours[2], "mean(price) of group " + k);
            assertEquals(duck[3], ours[3], "max(price) of group " + k);
        }
        assertTrue(c.num("PEAK") <= BUDGET, what + ": peak tracked " + c.num("PEAK") + " > budget " + BUDGET);
        assertEquals(0, c.num("SPILL_FILES_LEFT"), what + ": spill files left");
        System.out.println(what + ": " + c.num("MILLIS") + " ms (DuckDB, same query over the same file, in-process: " + duckMillis
                + " ms unlimited; with memory_limit " + BUDGET / MB + " MB: " + duckLimited + "), peak tracked " + c.num("PEAK") / MB
                + " MB");
    }

    @Test
    void withoutSpillingTheSameQueryIsRefusedNotOutOfMemory() throws Exception {
        ChildJvm.Result c = child("no-spill");
        assertEquals(0, c.exit(), "child failed\nstdout:\n" + c.out() + "\nstderr:\n" + c.err());
        assertFalse(c.values().containsKey("OOM"), c.out());
        String refused = c.text("REFUSED");
        assertTrue(refused.contains("group-by [k]") && refused.contains("spilling is off"), refused);
        assertEquals(0, c.num("SPILL_FILES_LEFT"));
    }

    private static void assertClose(String expected, String actual, String what) {
        double e = Double.parseDouble(expected), a = Double.parseDouble(actual);
        assertTrue(Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e)), what + ": DuckDB " + expected + ", ours " + actual);
    }
}
