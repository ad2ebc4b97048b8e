package dev.streamingadaptive.reader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSV and JSON-lines scans hold their budget against the heap really used: a 3M-row file (about
 * 150 MB of CSV, 300 MB of JSON) streams in a 64 MB heap with a 16 MB budget on two threads, with
 * DuckDB's row count and sum, the budget's peak within it, nothing left reserved, and the heap in
 * use after full collections within the budget plus a fixed allowance (the JVM's and the
 * pipeline's own).
 */
class TextBudgetForkedTest {
    private static final long MB = 1 << 20;
    private static final long ROWS = 3_000_000;
    /** Classes, the DuckDB-free pipeline, thread stacks: what a small query holds beyond its data. */
    private static final long ALLOWANCE = 24 * MB;

    @TempDir
    static Path dir;
    static Path csv, ndjson;
    static long sumSize;

    @BeforeAll
    static void generate() throws Exception {
        csv = dir.resolve("trades.csv");
        ndjson = dir.resolve("trades.ndjson");
        String select = "SELECT i AS id, 'SYM' || lpad((hash(i) % 500)::VARCHAR, 4, '0') AS symbol, round((hash(i * 7) % 100000) / 100.0, 2) AS price, "
                + "((hash(i * 13) % 1000) + 1)::BIGINT AS size, 'note with \"quotes\", and commas ' || (i % 100) AS note FROM range(" + ROWS + ") t(i)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + csv + "' (FORMAT csv, HEADER)");
            s.execute("COPY (" + select + ") TO '" + ndjson + "' (FORMAT json)");
            try (ResultSet rs = s.executeQuery("SELECT sum(size) FROM (" + select + ")")) {
                rs.next();
                sumSize = rs.getLong(1);
            }
        }
    }

    private static void streamWithin(Path file) throws Exception {
        long budget = 16 * MB;
        ChildJvm.Result c = ChildJvm.run(dir, 600, List.of(), List.of("-Xmx64m"), TextBudgetChild.class, file.toString(), String.valueOf(budget), "2");
        String what = file.getFileName() + " in -Xmx64m with a 16 MB budget";
        assertEquals(0, c.exit(), what + ": child failed\nstdout:\n" + c.out() + "\nstderr:\n" + c.err());
        assertEquals(ROWS, c.num("ROWS"), what);
        assertEquals(sumSize, c.num("SUM_SIZE"), what);
        assertTrue(c.num("PEAK") <= budget, what + ": peak tracked " + c.num("PEAK"));
        assertEquals(0, c.num("TRACKED_AFTER"), what);
        assertTrue(c.num("HEAP_OVER") <= budget + ALLOWANCE, what + ": heap in use after GC " + c.num("HEAP_OVER"));
        System.out.println(what + ": peak tracked " + c.num("PEAK") + ", heap in use after GC at most " + c.num("HEAP_OVER")
                + ", batches " + c.num("BATCHES"));
    }

    @Test
    void csvStreamsIn64MbHeapWith16MbBudget() throws Exception {
        streamWithin(csv);
    }

    @Test
    void ndjsonStreamsIn64MbHeapWith16MbBudget() throws Exception {
        streamWithin(ndjson);
    }
}
