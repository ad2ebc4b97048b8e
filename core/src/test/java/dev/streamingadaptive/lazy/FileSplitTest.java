package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.reader.FileSplit;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dataset cut into splits (files and row-group ranges, as a distributed runner hands them to tasks): the
 * splits' scans together are the dataset's scan, row for row with DuckDB's, hive columns and filters included;
 * footers answer a split's row count with the split's rows only.
 */
class FileSplitTest {
    @TempDir static Path dir;
    static Connection duck;
    static Path a, b;
    static String glob;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            s.execute("COPY (SELECT i AS id, i % 3 = 0 AS flag, 'v' || (i % 17) AS s, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END AS x, "
                    + "i % 2 AS part FROM range(20000) t(i) ORDER BY i) TO '" + dir.resolve("data")
                    + "' (FORMAT parquet, PARTITION_BY (part), ROW_GROUP_SIZE 2048)");
        }
        a = dir.resolve("data/part=0").toFile().listFiles()[0].toPath();
        b = dir.resolve("data/part=1").toFile().listFiles()[0].toPath();
        glob = dir.resolve("data") + "/**/*.parquet";
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static int rowGroups(Path file) {
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            return r.numRowGroups();
        }
    }

    /** Every file cut into ranges of {@code step} row groups, the last past the end. */
    private static List<List<FileSplit>> splits(int step) {
        List<List<FileSplit>> out = new ArrayList<>();
        for (Path f : List.of(a, b)) {
            int n = rowGroups(f);
            for (int g = 0; g < n; g += step) out.add(List.of(new FileSplit(f, g, g + step >= n ? Integer.MAX_VALUE : g + step)));
        }
        return out;
    }

    @Test
    void splitsTogetherAreTheDataset() throws Exception {
        assertTrue(rowGroups(a) >= 4 && rowGroups(b) >= 4, "several row groups per file");
        for (int step : new int[] {1, 3}) {
            List<DataFrame> parts = new ArrayList<>();
            for (List<FileSplit> split : splits(step)) {
                LazyFrame lf = LazyFrame.scanParquet(glob, ScanOptions.defaults().withSplit(split));
                assertEquals(List.of("id", "flag", "s", "x", "part"), lf.schema().names(), "the dataset's columns, hive key included");
                parts.add(lf.collect());
            }
            DataFrame all = concat(parts);
            DuckDbRows.assertSame(duck, "SELECT id, flag, s, x, part FROM read_parquet('" + glob + "', hive_partitioning = true)", all, false);
        }
    }

    @Test
    void aSplitOfTwoFilesFiltersAndCountsItsOwnRows() throws Exception {
        int na = rowGroups(a);
        List<FileSplit> split = List.of(new FileSplit(a, 1, 3), new FileSplit(b, na > 5 ? 5 : 0, Integer.MAX_VALUE));
        LazyFrame lf = LazyFrame.scanParquet(glob, ScanOptions.defaults().withSplit(split));
        long rows = 0;
        List<String> where = new ArrayList<>();
        for (FileSplit s : split) {
            try (MmapParquetReader r = MmapParquetReader.open(s.file())) {
                for (int g = s.firstRowGroup(); g < Math.min(s.endRowGroup(), r.numRowGroups()); g++) rows += r.rowGroupRows(g);
            }
        }
        assertEquals(rows, ((Number) lf.agg(len()).collect().column(0).get(0)).longValue(), "count(*) from the split's footers");
        // DuckDB's view of the same rows: file_row_number places each row in its row group (all of 2048 rows but the last).
        for (FileSplit s : split) {
            int end = Math.min(s.endRowGroup(), rowGroups(s.file()));
            where.add("(filename = '" + s.file() + "' AND file_row_number >= " + (long) s.firstRowGroup() * 2048
                    + " AND file_row_number < " + (long) end * 2048 + ")");
        }
        String from = "read_parquet('" + glob + "', hive_partitioning = true, filename = true, file_row_number = true) WHERE ("
                + String.join(" OR ", where) + ")";
        DuckDbRows.assertSame(duck, "SELECT id, flag, s, x, part FROM " + from, lf.collect(), false);
        DuckDbRows.assertSame(duck, "SELECT id, s FROM " + from + " AND x > 1000 AND s = 'v3' ORDER BY id",
                lf.filter(col("x").gt(lit(1000.0)).and(col("s").eq(lit("v3")))).select("id", "s").sort("id").collect(), true);
        DuckDbRows.assertSame(duck, "SELECT min(id), max(id), count(*) FROM " + from,
                lf.agg(col("id").min().alias("lo"), col("id").max().alias("hi"), len()).collect(), true);
        try (Stream<DataFrame> batches = lf.stream()) {
            assertEquals(rows, batches.mapToLong(DataFrame::height).sum(), "streamed");
        }
    }

    @Test
    void aSplitOutsideTheDatasetIsRefused() throws Exception {
        Path other = Files.copy(a, dir.resolve("elsewhere.parquet"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LazyFrame.scanParquet(glob, ScanOptions.defaults().withSplit(List.of(FileSplit.whole(other)))).collect());
        assertTrue(e.getMessage().contains("elsewhere.parquet"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FileSplit(a, 3, 2));
    }

    private static DataFrame concat(List<DataFrame> parts) {
        LazyFrame[] frames = parts.stream().map(DataFrame::lazy).toArray(LazyFrame[]::new);
        return LazyFrame.concat(frames).collect();
    }
}
