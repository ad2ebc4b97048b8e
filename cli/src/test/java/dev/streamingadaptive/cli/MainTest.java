package dev.streamingadaptive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the commands in-process against the parquet-testing files. */
class MainTest {

    record Result(int code, String out, String err) {
        List<String> outLines() { return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1); }
        List<String> errLines() { return err.isEmpty() ? List.of() : List.of(err.split("\n")); }
    }

    static Path testing() {
        String prop = System.getProperty("parquet.testing.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) return Path.of(prop);
        return Path.of("/work/shared/parquet-testing");
    }

    static String data(String name) {
        return testing().resolve("data").resolve(name).toString();
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void countIsTheNumberAlone() {
        Result r = run("count", data("alltypes_plain.parquet"));
        assertEquals(0, r.code(), r.err());
        assertEquals("8\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void countAcceptsMemoryLimitAndThreadsAndExplain() {
        Result r = run("count", "--memory-limit", "512m", "--threads", "4", "--explain", data("floating_orders_nan_count.parquet"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("\\d+\n"), r.out());
        assertTrue(r.err().contains("row groups read: 0/5"), r.err());
        assertEquals(2, run("count", "--memory-limit", "lots", data("alltypes_plain.parquet")).code());
        assertEquals(2, run("count", "--threads", "0", data("alltypes_plain.parquet")).code());
    }

    /** Files need not share a schema to be counted; the count is answered from the footers. */
    @Test
    void countOfFilesWithDifferentSchemasSumsTheirFooters() {
        Result r = run("count", data("alltypes_plain.parquet"), data("int32_decimal.parquet"), "--explain");
        assertEquals(0, r.code(), r.err());
        long a = Long.parseLong(run("count", data("alltypes_plain.parquet")).out().trim());
        long b = Long.parseLong(run("count", data("int32_decimal.parquet")).out().trim());
        assertEquals(a + b + "\n", r.out());
        assertTrue(r.err().contains("files read: 0/2") && r.err().contains("rows decoded: 0") && r.err().contains("answered from the footers"),
                r.err());
    }

    @Test
    void countOfAGlobSumsTheFiles() {
        Result r = run("count", testing().resolve("data") + "/alltypes_plain*.parquet");
        assertEquals(0, r.code(), r.err());
        long single = Long.parseLong(run("count", data("alltypes_plain.parquet")).out().trim());
        long snappy = Long.parseLong(run("count", data("alltypes_plain.snappy.parquet")).out().trim());
        assertEquals(single + snappy + "\n", r.out());
        Result none = run("count", testing().resolve("data") + "/nothing-like-this*.parquet");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no files match"), none.err());
    }

    @Test
    void catJsonlWithLimit() {
        Result r = run("cat", data("alltypes_plain.parquet"), "--format", "jsonl", "--limit", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.outLines();
        assertEquals(2, lines.size(), r.out());
        assertEquals("{\"id\":4,\"bool_col\":true,\"tinyint_col\":0,\"smallint_col\":0,\"int_col\":0,\"bigint_col\":0,"
                + "\"float_col\":0.0,\"double_col\":0.0,\"date_string_col\":\"MDMvMDEvMDk=\",\"string_col\":\"MA==\","
                + "\"timestamp_col\":\"2009-03-01T00:00:00.000000\"}", lines.get(0));
        assertEquals("", r.err());
    }

    @Test
    void catJsonlAllRowsAcrossRowGroups() {
        long n = Long.parseLong(run("count", data("floating_orders_nan_count.parquet")).out().trim());
        Result all = run("cat", "--format=jsonl", data("floating_orders_nan_count.parquet"));
        assertEquals(0, all.code(), all.err());
        assertEquals(n, all.outLines().size());
        // the limit stops in the middle of the row groups
        Result some = run("cat", "--format=JSONL", "--limit", String.valueOf(n / 2 + 1), data("floating_orders_nan_count.parquet"));
        assertEquals(n / 2 + 1, some.outLines().size());
        assertEquals(all.outLines().subList(0, (int) (n / 2 + 1)), some.outLines());
        assertEquals("", run("cat", "--format", "jsonl", "--limit", "0", data("alltypes_plain.parquet")).out());
    }

    @Test
    void catCsvWithColumns() {
        Result r = run("cat", data("alltypes_plain.parquet"), "--format", "csv", "--columns", "id,timestamp_col", "--limit", "3");
        assertEquals(0, r.code(), r.err());
        assertEquals("id,timestamp_col\n4,2009-03-01T00:00:00.000000\n5,2009-03-01T00:01:00.000000\n6,2009-04-01T00:00:00.000000\n", r.out());
        assertEquals("id,timestamp_col\n", run("cat", data("alltypes_plain.parquet"), "--format", "csv", "--columns", "id,timestamp_col",
                "--limit", "0").out());
    }

    @Test
    void catTableDefault() {
        Result r = run("cat", data("alltypes_plain.parquet"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("shape: (8, 11)\n┌"), r.out());
        assertTrue(r.out().contains("│ id  ┆ bool_col ┆"), r.out());
        assertTrue(r.out().contains("b\"03/01/09\""), r.out());
        Result limited = run("cat", data("alltypes_plain.parquet"), "--limit", "3", "--columns", "id");
        assertTrue(limited.out().startsWith("shape: (3, 1)\n"), limited.out());
        assertTrue(limited.err().contains("showing the first 3 rows of 8"), limited.err());
    }

    @Test
    void corruptChecksumFailsUnlessSkipped() {
        String file = data("datapage_v1-corrupt-checksum.parquet");
        Result strict = run("cat", file, "--format", "jsonl");
        assertEquals(1, strict.code());
        assertTrue(strict.err().contains("CRC") && strict.err().contains("datapage_v1-corrupt-checksum.parquet"), strict.err());
        Result lenient = run("cat", file, "--format", "jsonl", "--skip-checksums", "--limit", "1");
        assertEquals(0, lenient.code(), lenient.err());
        assertEquals("{\"a\":50462976,\"b\":1734763876}\n", lenient.out());
    }

    @Test
    void unknownColumnFails() {
        Result r = run("cat", data("alltypes_plain.parquet"), "--columns", "nope");
        assertEquals(1, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("streaming-adaptive: "), r.err());
        assertTrue(r.err().contains("nope"), r.err());
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        String missing = dir.resolve("missing.parquet").toString();
        for (String[] args : List.of(new String[] {"count", missing}, new String[] {"cat", missing},
                new String[] {"schema", missing}, new String[] {"inspect", missing})) {
            Result r = run(args);
            assertEquals(1, r.code(), String.join(" ", args));
            assertEquals(List.of("streaming-adaptive: " + missing + ": no such file"), r.errLines());
            assertEquals("", r.out());
        }
    }

    @Test
    void verbosePrintsTheStackTrace(@TempDir Path dir) {
        Result r = run("count", "--verbose", dir.resolve("missing.parquet").toString());
        assertEquals(1, r.code());
        assertTrue(r.errLines().size() > 1, r.err());
        assertTrue(r.err().contains("NoSuchFileException"), r.err());
    }

    @Test
    void badDataNamesTheFile() {
        String bad = testing().resolve("bad_data").resolve("PARQUET-1481.parquet").toString();
        for (String cmd : List.of("count", "cat", "schema", "inspect")) {
            Result r = run(cmd, bad);
            assertEquals(1, r.code(), cmd);
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("streaming-adaptive: " + bad + ": "), r.err());
        }
        String levels = testing().resolve("bad_data").resolve("ARROW-RS-GH-6229-LEVELS.parquet").toString();
        Result r = run("cat", "--format", "jsonl", levels);
        assertEquals(1, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(levels) && r.err().contains("row group 0"), r.err());
    }

    @Test
    void notAParquetFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("text.parquet");
        Files.writeString(f, "hello, this is not parquet at all");
        Result r = run("count", f.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(f.toString()) && r.err().contains("not a Parquet file"), r.err());
    }

    @Test
    void whereFiltersCatAndCount() {
        // DuckDB: SELECT count(*) FROM alltypes_plain WHERE id >= 3 AND bool_col  -> 2
        Result count = run("count", data("alltypes_plain.parquet"), "--where", "id >= 3 and bool_col = true");
        assertEquals(0, count.code(), count.err());
        assertEquals("2", count.out().trim());
        Result cat = run("cat", data("alltypes_plain.parquet"), "--where", "id in (4, 6) or id is null", "--columns", "id",
                "--format", "jsonl");
        assertEquals(0, cat.code(), cat.err());
        assertEquals("{\"id\":4}\n{\"id\":6}\n", cat.out());
        for (String cmd : List.of("cat", "count")) {
            Result bad = run(cmd, data("alltypes_plain.parquet"), "--where", "id = ");
            assertEquals(2, bad.code());
            assertTrue(bad.err().contains("--where"), bad.err());
            assertEquals("", bad.out());
        }
    }


    @Test
    void usageErrors() {
        assertEquals(2, run().code());
        assertEquals(2, run("cat").code());
        assertEquals(2, run("cat", "--bogus", data("alltypes_plain.parquet")).code());
        assertEquals(2, run("cat", "--format", "xml", data("alltypes_plain.parquet")).code());
        assertEquals(2, run("cat", "--limit", "-1", data("alltypes_plain.parquet")).code());
        assertEquals(2, run("frobnicate").code());
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("cat") && help.out().contains("inspect"), help.out());
        Result catHelp = run("cat", "--help");
        assertEquals(0, catHelp.code());
        assertTrue(catHelp.out().contains("--format"), catHelp.out());
        Result version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("streaming-adaptive "), version.out());
        // The tests allow native access, so the native codec libraries must have loaded.
        assertTrue(version.out().contains("codecs: snappy native, zstd native, lz4 native"), version.out());
    }

    @Test
    void schemaPrintsTreeAndTypes() {
        Result r = run("schema", data("alltypes_plain.parquet"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("message schema {\n  optional int32 id;\n"), r.out());
        assertTrue(r.out().contains("optional int96 timestamp_col;"), r.out());
        assertTrue(r.out().contains("  timestamp_col: timestamp[micros]"), r.out());
        Result nested = run("schema", data("nested_maps.snappy.parquet"));
        assertEquals(0, nested.code(), nested.err());
        assertTrue(nested.out().contains("(MAP) {"), nested.out());
        assertTrue(nested.out().contains("repeated group key_value {"), nested.out());
    }

    @Test
    void inspectShowsChunksAndPages() {
        Result r = run("inspect", data("data_index_bloom_encoding_stats.parquet"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("created by: parquet-mr"), r.out());
        assertTrue(r.out().contains("rows: 14"), r.out());
        assertTrue(r.out().contains("codec: GZIP"), r.out());
        assertTrue(r.out().contains("statistics: min \"Hello\", max \"today\", nulls 0"), r.out());
        assertTrue(r.out().contains("bloom filter: at "), r.out());
        assertTrue(r.out().contains("column index: at "), r.out());
        assertTrue(!r.out().contains("pages:"), r.out());
        Result p = run("inspect", "--pages", data("datapage_v2.snappy.parquet"));
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("DATA_PAGE_V2 at "), p.out());
        assertTrue(p.out().contains("DICTIONARY_PAGE at 4"), p.out());
        assertTrue(p.out().contains("statistics: min (legacy) 1, max (legacy) 5, nulls 0"), p.out());
    }

    @Test
    void inspectDecodesTypedStatistics() {
        Result r = run("inspect", data("int32_decimal.parquet"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*statistics: min(?: \\(legacy\\))? 1\\.00, max(?: \\(legacy\\))? 24\\.00.*"), r.out());
    }

    @Test
    void explainShowsWhatTheScanSkipped() {
        // alltypes_tiny_pages: one row group of 7300 rows, id in hundreds of tiny pages.
        Result r = run("count", data("alltypes_tiny_pages.parquet"), "--where", "id < 100", "--explain");
        assertEquals(0, r.code(), r.err());
        assertEquals("100\n", r.out());
        assertTrue(r.err().startsWith("files read: 1/1, row groups read: 1/1, pages read: "), r.err());
        // The page index leaves only id's first pages: the rest of the row group is never decoded.
        assertTrue(r.err().matches("(?s).*rows skipped by page index: \\d+, rows decoded: \\d+, rows matched: 100\n"), r.err());
        assertTrue(r.err().contains("rows skipped by page index: 71"), r.err());

        Result none = run("count", data("alltypes_tiny_pages.parquet"), "--where", "id > 100000", "--explain");
        assertEquals("0\n", none.out());
        assertTrue(none.err().contains("row groups read: 0/1 (pruned: 1 by statistics)"), none.err());
        assertTrue(none.err().contains("rows decoded: 0"), none.err());

        // The filter column need not be shown.
        Result cat = run("cat", data("alltypes_tiny_pages.parquet"), "--where", "id = 7", "--columns", "string_col", "--format", "jsonl");
        assertEquals(0, cat.code(), cat.err());
        assertEquals(List.of("{\"string_col\":\"7\"}"), cat.outLines());
    }

    @Test
    void directoriesGlobsAndHivePartitions(@TempDir Path tmp) throws Exception {
        for (String year : new String[] {"2020", "2021"}) {
            Path d = Files.createDirectories(tmp.resolve("year=" + year));
            Files.copy(Path.of(data("alltypes_plain.parquet")), d.resolve("part.parquet"));
        }
        Result count = run("count", tmp.toString(), "--where", "year = 2021 and id >= 4", "--explain", "--threads", "2");
        assertEquals(0, count.code(), count.err());
        assertEquals("4\n", count.out());
        assertTrue(count.err().startsWith("files read: 1/2, "), count.err());

        Result cat = run("cat", tmp + "/**/*.parquet", "--columns", "id,year", "--format", "jsonl", "--limit", "3");
        assertEquals(0, cat.code(), cat.err());
        assertEquals(List.of("{\"id\":4,\"year\":2020}", "{\"id\":5,\"year\":2020}", "{\"id\":6,\"year\":2020}"), cat.outLines());

        Result all = run("cat", tmp.toString(), "--columns", "id", "--format", "csv", "--where", "year > 2020");
        assertEquals(0, all.code(), all.err());
        assertEquals(9, all.outLines().size(), all.out());   // header + 8 rows of year=2021

        Result none = run("count", tmp + "/nothing-*.parquet");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no files match"), none.err());
    }
}
