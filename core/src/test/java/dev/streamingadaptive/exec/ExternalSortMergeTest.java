package dev.streamingadaptive.exec;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.spill.SpillDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The external sort under a budget so small that its runs need several merge passes gives the rows of
 * the in-memory sort (SortKernel, itself checked against DuckDB), ties in input order; every run file
 * is gone once merged (before the sort is closed), and reservations stay within the budget and are
 * all given back, also when the output is abandoned mid-merge.
 */
class ExternalSortMergeTest {
    private static final long BUDGET = 256L << 10;

    @TempDir static Path dir;
    static DataFrame input;

    @BeforeAll
    static void write() throws Exception {
        Path file = dir.resolve("merge.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE 'v' || (hash(i) % 300)::VARCHAR END AS s, "
                    + "CASE WHEN i % 13 = 0 THEN 'NaN'::DOUBLE WHEN i % 11 = 0 THEN NULL ELSE (hash(i * 3) % 1000) / 7.0 END AS d, "
                    + "(hash(i * 5) % 4)::INTEGER AS k FROM range(100000) t(i)) TO '" + file + "' (FORMAT parquet)");
        }
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            input = r.readAll();
        }
    }

    /** The input in batches of 1,000 rows. */
    private static BatchStream batches() {
        return new BatchStream() {
            int at;
            @Override public Schema schema() { return input.schema(); }
            @Override public DataFrame next() {
                if (at >= input.height()) return null;
                int n = Math.min(1_000, input.height() - at);
                DataFrame b = input.slice(at, n);
                at += n;
                return b;
            }
            @Override public void close() { at = input.height(); }
        };
    }

    private record Run(ExternalSort sort, Path folder) {}

    private static Run sort(MemoryManager memory, String name, List<SortKey> keys) {
        Path base = dir.resolve(name);
        SpillDirectory[] made = new SpillDirectory[1];
        Supplier<SpillDirectory> spill = () -> made[0] != null ? made[0] : (made[0] = SpillDirectory.create(base));
        return new Run(new ExternalSort(ExternalSortMergeTest::batches, input.schema(), keys, memory, spill, "SORT BY test"), base);
    }

    private static long files(Path base) throws IOException {
        if (!Files.exists(base)) return 0;
        try (Stream<Path> all = Files.walk(base)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    private static void assertSameRows(DataFrame expected, BatchStream actual) {
        int row = 0;
        DataFrame b;
        while ((b = actual.next()) != null) {
            for (int i = 0; i < b.height(); i++, row++) {
                for (int c = 0; c < expected.width(); c++) {
                    Object want = expected.column(c).get(row), got = b.column(c).get(i);
                    if (!Objects.equals(want, got)) fail("row " + row + " column " + expected.column(c).name() + ": " + got + ", expected " + want);
                }
            }
        }
        assertEquals(expected.height(), row, "rows");
    }

    @Test
    void manyRunsMergeInSeveralPassesToTheInMemoryOrder() throws Exception {
        List<SortKey> keys = List.of(SortKey.asc("s").nullsLast(), SortKey.desc("d"), SortKey.asc("id"));
        FixedMemoryManager memory = MemoryManager.fixed(BUDGET);
        Run r = sort(memory, "passes", keys);
        try (ExternalSort sort = r.sort()) {
            assertSameRows(SortKernel.sort(input, keys), sort);
            assertTrue(sort.intermediatePasses >= 2, "passes before the last: " + sort.intermediatePasses + ", runs " + sort.runsWritten);
            assertEquals(0, files(r.folder()), "every run file is deleted once merged");
        }
        assertTrue(memory.peakTrackedBytes() <= BUDGET, "peak tracked " + memory.peakTrackedBytes());
        assertEquals(0, memory.trackedBytes());
    }

    @Test
    void tiesKeepInputOrderAcrossRunsAndPasses() {
        List<SortKey> keys = List.of(SortKey.desc("k"));
        Run r = sort(MemoryManager.fixed(BUDGET), "ties", keys);
        try (ExternalSort sort = r.sort()) {
            assertSameRows(SortKernel.sort(input, keys), sort);
            assertTrue(sort.intermediatePasses >= 1, "passes before the last: " + sort.intermediatePasses);
        }
    }

    @Test
    void closingMidMergeDeletesTheRunsAndReleasesTheHeads() throws Exception {
        FixedMemoryManager memory = MemoryManager.fixed(BUDGET);
        Run r = sort(memory, "early", List.of(SortKey.asc("d")));
        try (ExternalSort sort = r.sort()) {
            assertTrue(sort.next().height() > 0);
            assertTrue(files(r.folder()) > 0, "runs being merged");
        }
        assertEquals(0, files(r.folder()));
        assertEquals(0, memory.trackedBytes());
    }
}
