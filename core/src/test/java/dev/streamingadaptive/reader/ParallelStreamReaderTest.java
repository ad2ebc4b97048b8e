package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.io.MappedFile;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate.Op;
import dev.streamingadaptive.predicate.RowPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-file scans give DuckDB's rows for the same globs; failures and early closes leave nothing behind. */
class ParallelStreamReaderTest {
    @TempDir
    static Path dir;
    static Connection duck;
    static Path skewed;
    static Path hive;
    static Path many;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        skewed = Files.createDirectories(dir.resolve("skewed"));
        hive = dir.resolve("hive");
        many = Files.createDirectories(dir.resolve("many"));
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            // Skewed sizes: one file of 60,000 rows in 2,048-row groups, five small ones.
            long[] sizes = {60_000, 10, 3_000, 1, 500, 7_777};
            long from = 0;
            for (int k = 0; k < sizes.length; k++) {
                s.execute("COPY (SELECT i AS id, 'tag' || (i % 7) AS tag, CASE WHEN i % 9 = 0 THEN NULL ELSE i * 0.5 END AS v, "
                        + k + "::INTEGER AS part_no FROM range(" + from + ", " + (from + sizes[k]) + ") t(i)) TO '"
                        + skewed.resolve("part-" + k + ".parquet") + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
                from += sizes[k];
            }
            s.execute("COPY (SELECT i AS id, (2020 + i % 3) AS year, ['x', 'y'][1 + (i % 2)::INTEGER] AS cat, i * 1.5 AS amount "
                    + "FROM range(20000) t(i)) TO '" + hive + "' (FORMAT parquet, PARTITION_BY (year, cat))");
            for (int k = 0; k < 64; k++) {
                s.execute("COPY (SELECT i AS id, md5(i::VARCHAR) AS note FROM range(" + (k * 4096) + ", " + ((k + 1) * 4096)
                        + ") t(i)) TO '" + many.resolve(String.format("f%02d.parquet", k)) + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static List<String> duckdb(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int c = 1; c <= md.getColumnCount(); c++) sb.append(c > 1 ? "|" : "").append(value(rs.getObject(c)));
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    private static String value(Object o) {
        if (o instanceof Number n && !(o instanceof Double) && !(o instanceof java.math.BigDecimal)) return Long.toString(n.longValue());
        if (o instanceof java.sql.Date d) return d.toLocalDate().toString();
        return String.valueOf(o);
    }

    private static List<String> lines(DataFrame df) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < df.height(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < df.width(); c++) sb.append(c > 0 ? "|" : "").append(value(df.column(c).get(i)));
            rows.add(sb.toString());
        }
        return rows;
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }

    @Test
    void skewedFilesConcatenateInFileOrder() throws Exception {
        List<String> expected = duckdb("SELECT id, tag, v, part_no FROM read_parquet('" + skewed + "/*.parquet') ORDER BY id");
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(skewed + "/*.parquet").withThreads(2)) {
            DataFrame all = r.collectConcatenated();
            assertEquals(expected.size(), all.height());
            // Files in path order, rows in file order: ids ascend because part-k holds the k-th id range.
            assertEquals(expected, lines(all));
            List<DataFrame> perFile = r.collectParallel();
            assertEquals(6, perFile.size());
            assertEquals(List.of(60_000, 10, 3_000, 1, 500, 7_777), perFile.stream().map(DataFrame::height).toList());
        }
    }

    @Test
    void predicatesAndUnorderedStreams() throws Exception {
        String where = "v > 1000 AND tag = 'tag3'";
        List<String> expected = duckdb("SELECT id, v FROM read_parquet('" + skewed + "/*.parquet') WHERE " + where + " ORDER BY id");
        RowPredicate p = new AndPredicate(new ComparisonPredicate("v", Op.GT, 1000.0), new ComparisonPredicate("tag", Op.EQ, "tag3"));
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(skewed + "/*.parquet").withColumns("id", "v").withPredicate(p)) {
            assertEquals(expected, lines(r.collectConcatenated()));
            List<String> unordered = new ArrayList<>();
            try (Stream<DataFrame> s = r.streamUnordered()) {
                s.forEach(df -> unordered.addAll(lines(df)));
            }
            assertEquals(sorted(expected), sorted(unordered));
            assertTrue(r.scanStatistics().rowsMatched() >= expected.size());
        }
    }

    @Test
    void hivePartitionsBecomeColumnsAndPruneFiles() throws Exception {
        List<String> expected = duckdb("SELECT id, amount, year, cat FROM read_parquet('" + hive + "/**/*.parquet', hive_partitioning = true) ORDER BY id");
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(hive + "/**/*.parquet")) {
            assertEquals(List.of("id", "amount", "year", "cat"), r.schema().names());
            assertEquals(expected, sorted(lines(r.collectConcatenated())).stream().sorted((a, b) -> Long.compare(
                    Long.parseLong(a.substring(0, a.indexOf('|'))), Long.parseLong(b.substring(0, b.indexOf('|'))))).toList());
        }
        List<String> typed = duckdb("SELECT id, amount, year, cat FROM read_parquet('" + hive + "/**/*.parquet', hive_partitioning = true, "
                + "hive_types = {'year': INTEGER}) WHERE year = 2022 ORDER BY id");
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(hive + "/**/*.parquet")
                .withHivePartitionTypes(java.util.Map.of("year", dev.streamingadaptive.frame.DataType.INT32))
                .withPredicate(new ComparisonPredicate("year", Op.EQ, 2022L))) {
            assertEquals(dev.streamingadaptive.frame.DataType.INT32, r.schema().field("year").type());
            assertEquals(sorted(typed), sorted(lines(r.collectConcatenated())));
        }
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(hive + "/**/*.parquet")
                .withHivePartitionTypes(java.util.Map.of("cat", dev.streamingadaptive.frame.DataType.INT64))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::schema);
            assertTrue(e.getMessage().contains("cat=x") && e.getMessage().contains(".parquet"), e.getMessage());
        }
        String where = "year = 2021 AND cat = 'y' AND amount > 100";
        List<String> filtered = duckdb("SELECT id, amount, year, cat FROM read_parquet('" + hive + "/**/*.parquet', hive_partitioning = true) WHERE "
                + where + " ORDER BY id");
        RowPredicate p = new AndPredicate(new AndPredicate(new ComparisonPredicate("year", Op.EQ, 2021L), new ComparisonPredicate("cat", Op.EQ, "y")),
                new ComparisonPredicate("amount", Op.GT, 100.0));
        try (ParallelStreamReader r = ParallelStreamReader.fromDirectory(hive).withPredicate(p)) {
            assertEquals(6, r.files().size());
            assertEquals(1, r.plan().files().size(), "partition predicate keeps one of six files");
            List<String> ours = lines(r.collectConcatenated());
            assertEquals(filtered.size(), ours.size());
            assertEquals(sorted(filtered), sorted(ours));
        }
    }

    @Test
    void schemaEvolutionIsOptIn() throws Exception {
        Path evo = Files.createDirectories(dir.resolve("evo"));
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i::INTEGER AS id, 'a' || i AS x FROM range(5) t(i)) TO '" + evo.resolve("a.parquet") + "' (FORMAT parquet)");
            s.execute("COPY (SELECT i::BIGINT AS id, i / 4 AS y FROM range(5, 9) t(i)) TO '" + evo.resolve("b.parquet") + "' (FORMAT parquet)");
        }
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(evo + "/*.parquet")) {
            SchemaMismatchException e = assertThrows(SchemaMismatchException.class, r::collectConcatenated);
            assertTrue(e.getMessage().contains("a.parquet") && e.getMessage().contains("b.parquet") && e.getMessage().contains("id"), e.getMessage());
        }
        List<String> expected = duckdb("SELECT id, x, y FROM read_parquet('" + evo + "/*.parquet', union_by_name = true) ORDER BY id");
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(evo + "/*.parquet").withSchemaEvolution(true)) {
            assertEquals(List.of("id", "x", "y"), r.schema().names());
            assertEquals(expected, lines(r.collectConcatenated()));
        }
    }

    @Test
    void aCorruptFileFailsTheScanOrIsSkipped() throws Exception {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        for (int k : new int[] {0, 2, 4}) Files.copy(skewed.resolve("part-" + k + ".parquet"), mixed.resolve("part-" + k + ".parquet"));
        byte[] good = Files.readAllBytes(skewed.resolve("part-5.parquet"));
        byte[] bad = java.util.Arrays.copyOf(good, good.length);
        for (int i = 100; i < 140; i++) bad[i] ^= 0x5A;   // garble the first data page
        Files.write(mixed.resolve("part-3.parquet"), bad);
        int before = MappedFile.liveMappings();
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(mixed + "/*.parquet")) {
            ParquetFormatException e = assertThrows(ParquetFormatException.class, r::collectConcatenated);
            assertTrue(e.getMessage().contains("part-3.parquet"), e.getMessage());
        }
        assertEquals(before, MappedFile.liveMappings(), "no mapping left after a failed scan");
        List<String> expected = new ArrayList<>();
        for (int k : new int[] {0, 2, 4}) expected.addAll(duckdb("SELECT id FROM '" + skewed.resolve("part-" + k + ".parquet") + "'"));
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(mixed + "/*.parquet").withColumns("id").skipUnreadableFiles()) {
            assertEquals(expected, lines(r.collectConcatenated()));
            assertEquals(1, r.skippedFiles().size());
            assertTrue(r.skippedFiles().get(0).path().endsWith("part-3.parquet"));
        }
        assertEquals(before, MappedFile.liveMappings());
    }

    @Test
    void earlyCloseLeavesNoThreadsOrMappings() throws Exception {
        int before = MappedFile.liveMappings();
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(many + "/*.parquet").withThreads(2).withMaxConcurrent(3)) {
            assertEquals(64, r.files().size());
            try (Stream<DataFrame> s = r.stream()) {
                Iterator<DataFrame> it = s.iterator();
                assertTrue(it.hasNext());
                assertEquals(0L, ((Number) it.next().column("id").get(0)).longValue());
                assertTrue(scanThreads() > 0, "the scan runs on its own threads");
                assertTrue(MappedFile.liveMappings() - before <= 3, "at most maxConcurrent files mapped");
            }
            assertEquals(0, scanThreads(), "no scan thread survives the stream's close");
            assertEquals(before, MappedFile.liveMappings(), "no mapping survives the stream's close");
        }
    }

    @Test
    void boundedMemoryStream() throws Exception {
        MemoryManager budget = MemoryManager.fixed(1L << 20);
        long rows = 0;
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(many + "/*.parquet").withMemoryManager(budget);
             Stream<DataFrame> s = r.stream()) {
            for (DataFrame df : (Iterable<DataFrame>) s::iterator) rows += df.height();
        }
        assertEquals(64 * 4096, rows);
        assertTrue(budget.peakTrackedBytes() <= 1L << 20, "peak " + budget.peakTrackedBytes());
    }

    @Test
    void aBudgetCutMidScanKeepsTrackedBytesUnderTheNewBudget() throws Exception {
        var budget = (dev.streamingadaptive.memory.FixedMemoryManager) MemoryManager.fixed(256L << 20);
        long rows = 0;
        long peakAfter = 0;
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(many + "/*.parquet").withThreads(2).withMemoryManager(budget);
             Stream<DataFrame> s = r.stream()) {
            Iterator<DataFrame> it = s.iterator();
            rows += it.next().height();
            budget.setBudget(512L << 10);   // pressure: from 256 MB to 512 KB mid-scan
            // Up to 2 x threads row groups were started under the old budget; their decoded rows exist and stay
            // tracked until consumed. From the first row group started under the new budget on, it holds.
            int startedBefore = 2 * 2;
            for (int k = 0; k < startedBefore && it.hasNext(); k++) rows += it.next().height();
            while (it.hasNext()) {
                rows += it.next().height();
                peakAfter = Math.max(peakAfter, budget.trackedBytes());
            }
        }
        assertEquals(64 * 4096, rows, "every row still arrives, in smaller steps");
        assertTrue(peakAfter <= 512L << 10, "tracked " + peakAfter + " bytes after the budget fell to 512 KB");
        assertEquals(0, budget.trackedBytes(), "nothing stays reserved after the scan");
    }

    @Test
    void filePathColumn() throws Exception {
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(skewed + "/*.parquet").withColumns("id", "file").includeFilePath("file")) {
            List<DataFrame> perFile = r.collectParallel();
            for (int k = 0; k < perFile.size(); k++) {
                DataFrame df = perFile.get(k);
                assertEquals(List.of("id", "file"), df.schema().names());
                String expected = skewed.resolve("part-" + k + ".parquet").toString();
                assertEquals(expected, df.column("file").get(0));
                assertEquals(expected, df.column("file").get(df.height() - 1));
            }
        }
    }

    @Test
    void unknownColumnsAndEmptyGlobsAreClearErrors() {
        var e = assertThrows(java.io.UncheckedIOException.class, () -> ParallelStreamReader.fromGlob(dir + "/nothing-*.parquet"));
        assertTrue(e.getMessage().contains("no files match"), e.getMessage());
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(skewed + "/*.parquet").withColumns("id", "nope")) {
            var u = assertThrows(IllegalArgumentException.class, r::schema);
            assertTrue(u.getMessage().contains("nope") && u.getMessage().contains("tag"), u.getMessage());
        }
    }

    private static long scanThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("streaming-adaptive-scan-") && t.isAlive()).count();
    }
}
