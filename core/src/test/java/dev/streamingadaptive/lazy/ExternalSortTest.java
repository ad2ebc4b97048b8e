package dev.streamingadaptive.lazy;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.scan.Frames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sorts that outgrow a small memory budget spill sorted runs and merge them, with DuckDB's values and
 * order: several keys, both directions, nulls first and last, strings (multi-byte), integers
 * (unsigned too), doubles with NaN and infinities, dates, an expression key; ties in input order;
 * within the budget; nothing left in the spill folder afterwards, also when the stream is closed
 * early; refused naming the sort when spilling is off.
 */
class ExternalSortTest {
    private static final long MB = 1L << 20;
    private static final int ROWS = 300_000;

    @TempDir static Path dir;
    static Path file;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        file = dir.resolve("sort.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            s.execute("COPY (SELECT i AS id, "
                    + "CASE WHEN i % 7 = 0 THEN NULL ELSE ['ä','b','Zürich','東京','a b','', 'B'][1 + (hash(i) % 7)::INTEGER] "
                    + "     || (hash(i * 3) % 50)::VARCHAR END AS s, "
                    + "CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN 'NaN'::DOUBLE WHEN i % 17 = 0 THEN 'Infinity'::DOUBLE "
                    + "     WHEN i % 19 = 0 THEN '-Infinity'::DOUBLE ELSE ((hash(i * 5) % 2001)::BIGINT - 1000) / 8.0 END AS d, "
                    + "CASE WHEN i % 5 = 0 THEN NULL WHEN i % 23 = 0 THEN 9223372036854775807 WHEN i % 29 = 0 THEN -9223372036854775808 "
                    + "     ELSE (hash(i * 7) % 1000)::BIGINT - 500 END::BIGINT AS big, "
                    + "CASE WHEN i % 9 = 0 THEN NULL ELSE DATE '2024-02-29' + (hash(i * 11) % 400)::INTEGER - 200 END AS day, "
                    + "(hash(i * 13) % 4294967296)::UINTEGER AS u, "
                    + "(hash(i * 17) % 5)::INTEGER AS k "
                    + "FROM range(" + ROWS + ") t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    /** The file under a budget of {@code bytes}, spilling under its own folder. */
    private static LazyFrame scan(MemoryManager memory, Path spill) {
        return LazyFrame.scanParquet(file.toString()).withThreads(2).withMemoryManager(memory).withSpillDirectory(spill);
    }

    private static String from() {
        return " FROM '" + file + "'";
    }

    /** Streams the query's result to the end (batch by batch, as a caller under the budget would) and joins the batches for comparing. */
    private static DataFrame streamAll(LazyFrame q) {
        List<DataFrame> batches = new ArrayList<>();
        try (Stream<DataFrame> s = q.stream()) {
            s.forEach(batches::add);
        }
        return Frames.concat(batches, q.schema());
    }

    private static void assertEmptyFolder(Path spill) throws IOException {
        if (!Files.exists(spill)) return;
        try (Stream<Path> left = Files.walk(spill)) {
            List<Path> files = left.filter(p -> !p.equals(spill)).toList();
            assertEquals(List.of(), files, "left in the spill folder");
        }
    }

    private static long filesUnder(Path spill) throws IOException {
        if (!Files.exists(spill)) return 0;
        try (Stream<Path> all = Files.walk(spill)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void multiKeySortsThatSpillMatchDuckDb() throws Exception {
        Path spill = dir.resolve("spill-multi");
        FixedMemoryManager memory = MemoryManager.fixed(8 * MB);
        DataFrame bySdt = streamAll(scan(memory, spill).sort(SortKey.asc("s").nullsFirst(), SortKey.desc("d").nullsLast(),
                SortKey.asc("day").nullsLast(), SortKey.asc("id")));
        DuckDbRows.assertSame(duck, "SELECT *" + from() + " ORDER BY s ASC NULLS FIRST, d DESC NULLS LAST, day ASC NULLS LAST, id",
                bySdt, true);
        DataFrame byBig = streamAll(scan(memory, spill).sort(SortKey.desc("big").nullsFirst(), SortKey.asc("u").nullsLast(),
                SortKey.desc("id")).select("big", "u", "id", "s"));
        DuckDbRows.assertSame(duck, "SELECT big, u, id, s" + from() + " ORDER BY big DESC NULLS FIRST, u ASC NULLS LAST, id DESC",
                byBig, true);
        DataFrame byDay = streamAll(scan(memory, spill).sort(SortKey.desc("day").nullsLast(), SortKey.asc("d").nullsFirst(),
                SortKey.asc("id")).select("day", "d", "id"));
        DuckDbRows.assertSame(duck, "SELECT day, d, id" + from() + " ORDER BY day DESC NULLS LAST, d ASC NULLS FIRST, id", byDay, true);
        DataFrame byExpr = streamAll(scan(memory, spill).sort(SortKey.asc(col("d").abs()).nullsLast(), SortKey.desc("u"), SortKey.asc("id"))
                .select("id", "d"));
        DuckDbRows.assertSame(duck, "SELECT id, d" + from() + " ORDER BY abs(d) ASC NULLS LAST, u DESC, id", byExpr, true);
        assertTrue(memory.peakTrackedBytes() <= 8 * MB, "peak tracked " + memory.peakTrackedBytes());
        assertEquals(0, memory.trackedBytes(), "reservations left");
        assertEmptyFolder(spill);
    }

    @Test
    void tiesKeepInputOrder() throws Exception {
        Path spill = dir.resolve("spill-ties");
        DataFrame byK = streamAll(scan(MemoryManager.fixed(6 * MB), spill).sort(SortKey.desc("k")).select("k", "id", "s"));
        DuckDbRows.assertSame(duck, "SELECT k, id, s" + from() + " ORDER BY k DESC, id", byK, true);
        DataFrame byNullable = streamAll(scan(MemoryManager.fixed(6 * MB), spill).sort(SortKey.asc("s").nullsLast()).select("s", "id"));
        DuckDbRows.assertSame(duck, "SELECT s, id" + from() + " ORDER BY s ASC NULLS LAST, id", byNullable, true);
        assertEmptyFolder(spill);
    }

    @Test
    void aFilteredSortAndACollectedOneSpillToo() throws Exception {
        Path spill = dir.resolve("spill-filtered");
        LazyFrame q = scan(MemoryManager.fixed(4 * MB), spill).filter(col("k").lt(lit(4))).sort(SortKey.asc("d"), SortKey.asc("id"))
                .select("id", "d");
        // Collected: the result (2 integers and a double a row) fits half the budget where its input, 4 MB, does not fit a 2 MB run.
        DuckDbRows.assertSame(duck, "SELECT id, d" + from() + " WHERE k < 4 ORDER BY d ASC NULLS FIRST, id",
                scan(MemoryManager.fixed(8 * MB), spill).filter(col("k").lt(lit(4))).sort(SortKey.asc("d"), SortKey.asc("id"))
                        .select("id", "d").collect(), true);
        DuckDbRows.assertSame(duck, "SELECT id, d" + from() + " WHERE k < 4 ORDER BY d ASC NULLS FIRST, id", streamAll(q), true);
        assertEmptyFolder(spill);
    }

    @Test
    void anEmptyInputSortsToNoRows() throws Exception {
        Path spill = dir.resolve("spill-empty");
        LazyFrame q = scan(MemoryManager.fixed(4 * MB), spill).filter(col("id").lt(lit(0))).sort(SortKey.asc("s"), SortKey.desc("d"));
        DataFrame streamed = streamAll(q);
        assertEquals(0, streamed.height());
        assertEquals(q.schema(), streamed.schema());
        DataFrame collected = q.collect();
        assertEquals(0, collected.height());
        assertEquals(q.schema().names(), collected.schema().names());
        assertEmptyFolder(spill);
    }

    @Test
    void closingTheStreamEarlyLeavesNoFiles() throws Exception {
        Path spill = dir.resolve("spill-early");
        FixedMemoryManager memory = MemoryManager.fixed(4 * MB);
        LazyFrame q = scan(memory, spill).sort(SortKey.desc("s"), SortKey.asc("id"));
        long rows = 0;
        try (Stream<DataFrame> s = q.stream()) {
            Iterator<DataFrame> it = s.iterator();
            DataFrame first = it.next();
            rows += first.height();
            assertTrue(filesUnder(spill) > 0, "the sort spilled runs that are still being merged");
            DuckDbRows.assertSame(duck, "SELECT *" + from() + " ORDER BY s DESC NULLS FIRST, id LIMIT " + first.height(), first, true);
        }
        assertTrue(rows > 0 && rows < ROWS);
        assertEmptyFolder(spill);
        assertEquals(0, memory.trackedBytes(), "reservations left");
    }

    @Test
    void aQueryFailingMidMergeLeavesNoFiles() throws Exception {
        Path spill = dir.resolve("spill-failed");
        // The sort spills and merges, but collecting its whole result takes more than half the budget.
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> scan(MemoryManager.fixed(4 * MB), spill).sort(SortKey.asc("d"), SortKey.asc("id")).collect());
        assertTrue(e.getMessage().contains("collect()"), e.getMessage());
        assertEmptyFolder(spill);
    }

    @Test
    void aSortThatFitsWritesNothing() throws Exception {
        Path spill = dir.resolve("spill-fits");
        DataFrame sorted = scan(MemoryManager.fixed(512 * MB), spill).sort(SortKey.asc("u"), SortKey.asc("id")).select("u", "id").collect();
        DuckDbRows.assertSame(duck, "SELECT u, id" + from() + " ORDER BY u, id", sorted, true);
        assertEquals(0, filesUnder(spill));
    }

    @Test
    void withoutSpillingTheSortIsRefusedNamingIt() {
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> LazyFrame.scanParquet(file.toString())
                .withThreads(2).withMemoryManager(MemoryManager.fixed(12 * MB)).withoutSpilling().sort(SortKey.desc("d")).collect());
        assertTrue(e.getMessage().contains("SORT BY") && e.getMessage().contains("spilling is off"), e.getMessage());
    }
}
