package dev.streamingadaptive.reader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sort of 40M trades by {@code symbol, ts DESC} streams in -Xmx512m under a 192 MB budget by
 * spilling sorted runs and merging them: every row in order, a position-weighted checksum and whole
 * rows at fixed positions equal to DuckDB's for the same ORDER BY, tracked memory within the budget,
 * the spill folder empty afterwards; with spilling off the same sort is refused naming the sort,
 * not an OutOfMemoryError.
 */
class ExternalSortForkedTest {
    private static final long MB = 1L << 20;
    private static final long ROWS = 40_000_000;
    private static final long BUDGET = 192 * MB;
    private static final String ORDER = "ORDER BY symbol, ts DESC";
    private static final List<Long> POSITIONS = List.of(0L, 1L, 65_535L, 65_536L, 1_000_000L, 12_345_678L, 20_000_000L, ROWS - 1);

    @TempDir
    static Path dir;
    static Path trades;

    @BeforeAll
    static void generate() throws Exception {
        trades = dir.resolve("trades.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 2");
            MemoryBudgetForkedTest.writeTrades(s, trades, ROWS);
        }
    }

    private static ChildJvm.Result sort(String mode, Path spill) throws Exception {
        String positions = String.join(",", POSITIONS.stream().map(String::valueOf).toList());
        return ChildJvm.run(dir, 600, List.of(), List.of("-Xmx512m"), SortChild.class, trades.toString(), String.valueOf(BUDGET),
                spill.toString(), mode, positions);
    }

    @Test
    void fortyMillionRowsSortInA512MbHeapBySpilling() throws Exception {
        Path spill = dir.resolve("spill");
        ChildJvm.Result c = sort("spill", spill);
        assertEquals(0, c.exit(), "child failed\nstdout:\n" + c.out() + "\nstderr:\n" + c.err());
        assertFalse(c.values().containsKey("OOM"), c.out());
        assertFalse(c.values().containsKey("REFUSED"), c.out());
        assertEquals(ROWS, c.num("ROWS"));
        assertEquals(0, c.num("DISORDER"), c.out());
        assertTrue(c.num("PEAK") <= BUDGET, "peak tracked " + c.num("PEAK") + " > budget " + BUDGET);
        assertEquals(0, c.num("TRACKED_AFTER"));
        assertEquals(0, c.num("LEFT"), "files left in the spill folder");
        // DuckDB's order once (a window over trade_id alone: the sort DuckDB needs for it is the cheapest), then the rows at the
        // positions by their trade_id (unique).
        String in = String.join(",", POSITIONS.stream().map(String::valueOf).toList());
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:"); Statement s = conn.createStatement()) {
            s.execute("SET threads = 2");
            List<Long> ids;
            try (ResultSet rs = s.executeQuery("SELECT sum((pos * trade_id) % " + SortChild.MOD + ") % " + SortChild.MOD + ", "
                    + "list(trade_id ORDER BY pos) FILTER (WHERE pos IN (" + in + ")) FROM (SELECT trade_id, row_number() OVER (" + ORDER
                    + ") - 1 AS pos FROM '" + trades + "')")) {
                rs.next();
                assertEquals(rs.getLong(1), c.num("CHECKSUM"), "position-weighted checksum of trade_id");
                ids = Arrays.stream((Object[]) rs.getArray(2).getArray()).map(o -> ((Number) o).longValue()).toList();
            }
            assertEquals(POSITIONS.size(), ids.size());
            Map<Long, String> rows = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT trade_id, symbol, epoch_us(ts), price, exchange, cond FROM '" + trades
                    + "' WHERE trade_id IN (" + String.join(",", ids.stream().map(String::valueOf).toList()) + ")")) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getLong(1) + "|" + rs.getDouble(4) + "|"
                            + rs.getString(5) + "|" + rs.getString(6));
                }
            }
            for (int i = 0; i < POSITIONS.size(); i++) {
                assertEquals(rows.get(ids.get(i)), c.text("ROW_" + POSITIONS.get(i)), "row at position " + POSITIONS.get(i));
            }
        }
        System.out.println("sort of " + ROWS + " rows by symbol, ts DESC in -Xmx512m, " + (BUDGET / MB) + " MB budget: " + c.num("MILLIS")
                + " ms streamed, peak tracked " + c.num("PEAK") / MB + " MB");
    }

    @Test
    void withSpillingOffTheSortIsRefusedNamingItNotOutOfMemory() throws Exception {
        ChildJvm.Result c = sort("no-spill", dir.resolve("no-spill"));
        assertEquals(0, c.exit(), "child failed\nstdout:\n" + c.out() + "\nstderr:\n" + c.err());
        assertFalse(c.values().containsKey("OOM"), c.out());
        String refused = c.text("REFUSED");
        assertTrue(refused.contains("SORT BY") && refused.contains("spilling is off"), refused);
    }
}
