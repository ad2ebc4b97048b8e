package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.ColumnFilterPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate.Op;
import dev.streamingadaptive.predicate.NullPredicate;
import dev.streamingadaptive.predicate.OrPredicate;
import dev.streamingadaptive.predicate.RowPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dictionary pruning, late materialisation and page skipping return exactly DuckDB's rows, and
 * {@link ScanStatistics} shows that they happened.
 */
class ScanPruningTest {
    @TempDir
    static Path dir;
    static Path file;
    static Connection duck;

    /**
     * 10 row groups of 10,240 rows (DuckDB cuts row groups at multiples of 2048). {@code tag} holds 'aaa' and 'zzz' in every row group (so its
     * min/max never prune) and 'm0'..'m9' only in row group k; {@code note} is a long, mostly
     * unique string (a column worth not decoding); {@code v} has nulls.
     */
    @BeforeAll
    static void write() throws Exception {
        file = dir.resolve("t.parquet");
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, CASE WHEN i % 3 = 0 THEN 'aaa' WHEN i % 3 = 1 THEN 'zzz' ELSE 'm' || (i // 10240) END AS tag, "
                    + "CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 1000) * 0.25 END AS v, "
                    + "'note-' || md5(i::VARCHAR) AS note "
                    + "FROM range(102400) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 10240)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static List<String> duckdb(String where) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v, note FROM '" + file + "' WHERE " + where + " ORDER BY id")) {
            while (rs.next()) rows.add(rs.getLong(1) + "|" + rs.getObject(2) + "|" + rs.getString(3));
        }
        return rows;
    }

    private static List<String> ours(AdaptiveStreamingReader r) {
        List<String> rows = new ArrayList<>();
        for (DataFrame df : r) {
            assertEquals(List.of("id", "v", "note"), df.schema().names(), "only the selected columns come out");
            for (int i = 0; i < df.height(); i++) rows.add(df.column("id").get(i) + "|" + df.column("v").get(i) + "|" + df.column("note").get(i));
        }
        return rows;
    }

    private static ScanStatistics same(String where, RowPredicate p, MemoryManager memory) throws Exception {
        List<String> expected = duckdb(where);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withColumns("id", "v", "note").withPredicate(p)) {
            if (memory != null) r.withMemoryManager(memory);
            List<String> actual = ours(r);
            assertEquals(expected.size(), actual.size(), where + ": rows");
            assertEquals(expected, actual, where + ": values");
            ScanStatistics st = r.scanStatistics();
            assertEquals(expected.size(), st.rowsMatched(), where + ": rows matched");
            assertEquals(10, st.rowGroupsTotal(), where + ": row groups considered");
            assertEquals(st.rowGroupsTotal(), st.rowGroupsRead() + st.rowGroupsPrunedByStatistics() + st.rowGroupsPrunedByBloomFilter()
                    + st.rowGroupsPrunedByDictionary() + st.rowGroupsPrunedByPageIndex(), where + ": every row group read or pruned once");
            return st;
        }
    }

    @Test
    void dictionaryPrunesWhatStatisticsCannot() throws Exception {
        // A range between the dictionary's values: neither min/max nor a bloom filter can rule it out.
        RowPredicate p = new AndPredicate(new ComparisonPredicate("tag", Op.GE, "m3"), new ComparisonPredicate("tag", Op.LT, "m4"));
        ScanStatistics st = same("tag >= 'm3' AND tag < 'm4'", p, null);
        assertEquals(1, st.rowGroupsRead(), st.describe());
        assertEquals(9, st.rowGroupsPrunedByDictionary(), st.describe());
        assertEquals(0, st.rowGroupsPrunedByStatistics(), st.describe());
    }

    @Test
    void bloomFiltersPruneEqualityBeforeDictionariesAreRead() throws Exception {
        // DuckDB writes a bloom filter for every dictionary-encoded chunk.
        ScanStatistics st = same("tag = 'm5'", new ComparisonPredicate("tag", Op.EQ, "m5"), null);
        assertEquals(1, st.rowGroupsRead(), st.describe());
        assertTrue(st.rowGroupsPrunedByBloomFilter() >= 8, st.describe());   // a false positive falls through to the dictionary
        assertEquals(9, st.rowGroupsPrunedByBloomFilter() + st.rowGroupsPrunedByDictionary(), st.describe());
    }

    @Test
    void dictionaryKeepsRowGroupsWhereNullCouldMatch() throws Exception {
        // tag has no nulls, v has: "v is null or tag = 'm5'" must keep every row group.
        RowPredicate p = new OrPredicate(new NullPredicate("v", true), new ComparisonPredicate("tag", Op.EQ, "m5"));
        ScanStatistics st = same("v IS NULL OR tag = 'm5'", p, null);
        assertEquals(10, st.rowGroupsRead(), st.describe());
    }

    @Test
    void notEqualOnADictionaryValueEverywhere() throws Exception {
        RowPredicate p = new ComparisonPredicate("tag", Op.NE, "aaa");
        ScanStatistics st = same("tag <> 'aaa'", p, null);
        assertEquals(10, st.rowGroupsRead(), st.describe());
    }

    @Test
    void inListAcrossRowGroups() throws Exception {
        RowPredicate p = new ColumnFilterPredicate("tag", List.of("m1", "m8", "nope"));
        ScanStatistics st = same("tag IN ('m1', 'm8', 'nope')", p, null);
        assertEquals(2, st.rowGroupsRead(), st.describe());
    }

    @Test
    void lateMaterialisationSkipsPagesOfUnneededRows() throws Exception {
        // Small batches: most batches have no match, so note/v pages are passed over undecoded.
        RowPredicate p = new OrPredicate(new ComparisonPredicate("id", Op.EQ, 12_345L), new ComparisonPredicate("id", Op.EQ, 67_890L));
        ScanStatistics st = same("id = 12345 OR id = 67890", p, MemoryManager.fixed(2L << 20));
        assertEquals(2, st.rowGroupsRead(), st.describe());
        assertEquals(20_480, st.rowsDecoded(), st.describe());
    }

    @Test
    void filterOnAColumnThatIsNotSelected() throws Exception {
        RowPredicate p = new AndPredicate(new ComparisonPredicate("tag", Op.EQ, "m2"), new ComparisonPredicate("v", Op.GT, 100.0));
        ScanStatistics st = same("tag = 'm2' AND v > 100.0", p, MemoryManager.fixed(4L << 20));
        assertTrue(st.rowsMatched() > 100, st.describe());
        assertEquals(1, st.rowGroupsRead(), st.describe());
    }

    @Test
    void fullPageCountsIncludePrunedRowGroups() throws Exception {
        RowPredicate p = new ComparisonPredicate("id", Op.LT, 5_000L);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withColumns("id").withPredicate(p).withFullPageCounts(true)) {
            long n = 0;
            for (DataFrame df : r) n += df.height();
            assertEquals(5_000, n);
            ScanStatistics st = r.scanStatistics();
            assertEquals(9, st.rowGroupsPrunedByStatistics(), st.describe());
            assertTrue(st.pagesDecoded() >= 1 && st.pagesDecoded() + st.pagesSkipped() >= 10, st.describe());
            assertTrue(st.describe().startsWith("row groups read: 1/10 (pruned: 9 by statistics), pages read: "), st.describe());
        }
    }

    @Test
    void unneededPagesAreNeverDecompressed() throws Exception {
        // alltypes_tiny_pages: one row group of 7300 rows in hundreds of tiny pages per column.
        Path tiny = Path.of("../../shared/parquet-testing/data/alltypes_tiny_pages.parquet");
        if (!java.nio.file.Files.exists(tiny)) tiny = Path.of("/work/shared/parquet-testing/data/alltypes_tiny_pages.parquet");
        List<String> expected = new ArrayList<>();
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, double_col, date_string_col FROM '" + tiny + "' WHERE id IN (10, 3000, 7299)")) {
            while (rs.next()) expected.add(rs.getInt(1) + "|" + rs.getDouble(2) + "|" + rs.getString(3));
        }
        assertEquals(3, expected.size());
        RowPredicate p = new ColumnFilterPredicate("id", List.of(10L, 3000L, 7299L));
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(tiny).withColumns("id", "double_col", "date_string_col")
                .withPredicate(p).withMemoryManager(MemoryManager.fixed(64L << 10)).withFullPageCounts(true)) {
            List<String> actual = new ArrayList<>();
            for (DataFrame df : r) {
                for (int i = 0; i < df.height(); i++) actual.add(df.column("id").get(i) + "|" + df.column("double_col").get(i) + "|" + df.column("date_string_col").get(i));
            }
            java.util.Collections.sort(expected);
            java.util.Collections.sort(actual);
            assertEquals(expected, actual);
            ScanStatistics st = r.scanStatistics();
            // id's 325 pages are all decoded; most of the other columns' ~1500 pages are passed over.
            long dataPages = 0;   // what the file's offset indexes list for the three columns
            for (int leaf : new int[] {0, 7, 8}) {
                var chunk = r.reader().metadata().rowGroups().get(0).columns().get(leaf);
                dataPages += dev.streamingadaptive.parquet.meta.MetadataParser.parseOffsetIndex(r.reader().segment(),
                        chunk.offsetIndexOffset(), chunk.offsetIndexLength()).pageLocations().size();
            }
            assertEquals(dataPages, st.pagesDecoded() + st.pagesSkipped(), st.describe());
            assertTrue(st.pagesSkipped() > 1000, st.describe());
            assertTrue(st.pagesDecoded() < 30, st.describe());
            // The page index narrows id's pages to the few that can hold the three ids.
            assertTrue(st.rowsDecoded() < 500 && st.rowsSkippedByPageIndex() > 6800, st.describe());
        }
    }

    @Test
    void collectWithNoMatchIsAnEmptyFrameOfTheSelectedColumns() {
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withColumns("note", "id")
                .withPredicate(new ComparisonPredicate("id", Op.LT, -1L))) {
            DataFrame df = r.collect();
            assertEquals(0, df.height());
            assertEquals(List.of("note", "id"), df.schema().names());
        }
    }
}
