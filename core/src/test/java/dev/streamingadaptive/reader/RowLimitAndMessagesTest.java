package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.predicate.ComparisonPredicate;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three facades share the scan: a row limit on each, with exact rows; one unknown-column message. */
class RowLimitAndMessagesTest {
    @TempDir
    static Path dir;
    static Path first;

    @BeforeAll
    static void write() throws Exception {
        Files.createDirectories(dir.resolve("ds"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (int k = 0; k < 2; k++) {
                s.execute("COPY (SELECT i AS id, i % 7 AS k FROM range(" + (k * 10_000) + ", " + ((k + 1) * 10_000) + ") t(i)) TO '"
                        + dir.resolve("ds").resolve("f" + k + ".parquet") + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
            }
        }
        first = dir.resolve("ds").resolve("f0.parquet");
    }

    private static List<Long> ids(DataFrame df) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < df.height(); i++) out.add(((Number) df.column("id").get(i)).longValue());
        return out;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) out.add(i);
        return out;
    }

    private static List<Long> ids(Stream<DataFrame> s) {
        try (s) {
            List<Long> out = new ArrayList<>();
            s.forEach(df -> out.addAll(ids(df)));
            return out;
        }
    }

    @Test
    void rowLimitOnEveryFacadeGivesTheFirstRows() {
        try (MmapParquetReader r = MmapParquetReader.open(first).withRowLimit(2500)) {
            assertTrue(r.numRowGroups() > 2, "several row groups: " + r.numRowGroups());
            assertEquals(range(0, 2500), ids(r.readAll()));
            assertEquals(0, r.withRowLimit(0).readAll().height());
            assertEquals(List.of("id", "k"), r.readAll().schema().names());
        }
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(first).withRowLimit(2500)) {
            assertEquals(range(0, 2500), ids(r.collect()));
            assertEquals(range(0, 2500), ids(r.stream()));
            r.withPredicate(new ComparisonPredicate("id", ComparisonPredicate.Op.GE, 5000L)).withRowLimit(10);
            assertEquals(range(5000, 5010), ids(r.collect()));
        }
        try (ParallelStreamReader r = new ParallelStreamReader(List.of(first)).withRowLimit(2500)) {
            assertEquals(range(0, 2500), ids(r.collectConcatenated()));
            assertEquals(range(0, 2500), ids(r.stream()));
        }
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(dir + "/ds/*.parquet").withThreads(2).withRowLimit(12_345)) {
            assertEquals(range(0, 12_345), ids(r.collectConcatenated()));
            assertEquals(range(0, 12_345), ids(r.stream()));
            assertEquals(12_345, ids(r.streamUnordered()).size());
            List<DataFrame> perFile = r.collectParallel();
            assertEquals(List.of(10_000, 2_345), perFile.stream().map(DataFrame::height).toList());
            // Across the file boundary, after the predicate.
            r.withPredicate(new ComparisonPredicate("id", ComparisonPredicate.Op.GE, 9_990L)).withRowLimit(15);
            assertEquals(range(9_990, 10_005), ids(r.stream()));
            assertEquals(range(9_990, 10_005), ids(r.collectConcatenated()));
            assertEquals(0, r.withRowLimit(0).collectConcatenated().height());
            assertEquals(20_000, r.totalRows());
        }
    }

    @Test
    void aNegativeLimitIsRefusedEverywhere() {
        try (MmapParquetReader m = MmapParquetReader.open(first); AdaptiveStreamingReader a = AdaptiveStreamingReader.open(first);
             ParallelStreamReader p = new ParallelStreamReader(List.of(first))) {
            for (var e : List.of(assertThrows(IllegalArgumentException.class, () -> m.withRowLimit(-3)),
                    assertThrows(IllegalArgumentException.class, () -> a.withRowLimit(-3)),
                    assertThrows(IllegalArgumentException.class, () -> p.withRowLimit(-3)))) {
                assertEquals("row limit must not be negative, got -3", e.getMessage());
            }
        }
    }

    @Test
    void anUnknownColumnHasOneMessage() {
        try (MmapParquetReader m = MmapParquetReader.open(first); AdaptiveStreamingReader a = AdaptiveStreamingReader.open(first);
             ParallelStreamReader p = new ParallelStreamReader(List.of(first)).withColumns("id", "nope")) {
            String expected = "no column named 'nope' in " + first + "; columns are [id, k]";
            assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> m.withColumns("nope")).getMessage());
            assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> a.withColumns("id", "nope")).getMessage());
            assertEquals("no column named 'nope' in the dataset; columns are [id, k]",
                    assertThrows(IllegalArgumentException.class, p::schema).getMessage());
        }
    }
}
