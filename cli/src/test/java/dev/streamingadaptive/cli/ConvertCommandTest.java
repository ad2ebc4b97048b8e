package dev.streamingadaptive.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static dev.streamingadaptive.cli.MainTest.data;
import static dev.streamingadaptive.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code convert IN OUT} and {@code query … --out FILE}: files whose contents {@code cat} prints as the source. */
class ConvertCommandTest {
    @TempDir Path dir;

    @Test
    void convertsParquetToParquetCsvAndNdjsonWithTheSameRows() throws Exception {
        String src = data("alltypes_plain.parquet");
        String expectedJsonl = run("cat", src, "--format", "jsonl").out();

        Path zstd = dir.resolve("copy.parquet");
        MainTest.Result r = run("convert", src, zstd.toString(), "--codec", "zstd", "--row-group-rows", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote 8 rows to " + zstd), r.err());
        assertEquals(expectedJsonl, run("cat", zstd.toString(), "--format", "jsonl").out());
        assertTrue(run("inspect", zstd.toString()).out().contains("ZSTD"), "codec applied");

        Path csv = dir.resolve("copy.csv.gz");
        assertEquals(0, run("convert", src, csv.toString(), "--columns", "id,string_col", "--where", "id >= 4").code());
        String text;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(csv))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(run("cat", src, "--columns", "id,string_col", "--where", "id >= 4", "--format", "csv").out(), text);

        Path json = dir.resolve("copy.ndjson");
        assertEquals(0, run("convert", src, json.toString()).code());
        assertEquals(expectedJsonl, Files.readString(json));
    }

    @Test
    void csvAndNdjsonAreReadBackByCatCountQueryAndConvert() throws Exception {
        String src = data("alltypes_plain.parquet");
        String columns = "id,bool_col,int_col,bigint_col,double_col,string_col";
        String expected = run("cat", src, "--columns", columns, "--format", "jsonl").out();
        for (String name : List.of("t.csv", "t.csv.gz", "t.ndjson", "t.jsonl")) {
            Path text = dir.resolve(name);
            assertEquals(0, run("convert", src, text.toString(), "--columns", columns).code(), name);
            assertEquals(expected, run("cat", text.toString(), "--format", "jsonl").out(), name);
            assertEquals("8", run("count", text.toString()).out().strip(), name);
            assertEquals("3", run("count", text.toString(), "--where", "id >= 5").out().strip(), name);
            Path back = dir.resolve(name + ".parquet");
            MainTest.Result r = run("convert", text.toString(), back.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(expected, run("cat", back.toString(), "--format", "jsonl").out(), name + " -> parquet");
            assertEquals(List.of("{\"bool_col\":false,\"n\":4}", "{\"bool_col\":true,\"n\":4}"),
                    run("query", "SELECT bool_col, count(*) AS n FROM '" + text + "' GROUP BY bool_col ORDER BY bool_col", "--format", "jsonl").outLines(), name);
        }
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");
        MainTest.Result bad = run("cat", ragged.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("ragged.csv:3") && bad.err().contains("expected 2 fields, found 1"), bad.err());
    }

    @Test
    void queryOutWritesTheResultInsteadOfPrintingIt() throws Exception {
        String src = data("alltypes_plain.parquet");
        Path out = dir.resolve("agg.parquet");
        MainTest.Result r = run("query", "SELECT bool_col, count(*) AS n, sum(int_col) AS s FROM '" + src + "' GROUP BY bool_col ORDER BY bool_col",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of("{\"bool_col\":false,\"n\":4,\"s\":4}", "{\"bool_col\":true,\"n\":4,\"s\":0}"),
                run("cat", out.toString(), "--format", "jsonl").outLines());
    }

    @Test
    void arrowIpcOutputIsReadBackByArrowWithTheSameValues() throws Exception {
        String src = data("alltypes_plain.parquet");
        dev.streamingadaptive.frame.DataFrame expected;
        try (var reader = dev.streamingadaptive.reader.MmapParquetReader.open(Path.of(src))) {
            expected = reader.readAll();
        }
        for (String name : List.of("t.arrow", "t.arrows", "t.feather")) {
            Path out = dir.resolve(name);
            MainTest.Result r = run("convert", src, out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("wrote 8 rows to " + out + " (arrow"), r.err());
            assertEquals(expected, readArrow(out), name);
        }
        Path agg = dir.resolve("agg.arrow");
        assertEquals(0, run("query", "SELECT bool_col, count(*) AS n FROM '" + src + "' GROUP BY bool_col ORDER BY bool_col", "--out", agg.toString()).code());
        dev.streamingadaptive.frame.DataFrame back = readArrow(agg);
        assertEquals(List.of(false, true), List.of(back.column("bool_col").get(0), back.column("bool_col").get(1)));
        assertEquals(List.of(4L, 4L), List.of(back.column("n").get(0), back.column("n").get(1)));
        assertEquals(2, run("convert", src, dir.resolve("p.arrow").toString(), "--partition-by", "bool_col").code());
    }

    private static dev.streamingadaptive.frame.DataFrame readArrow(Path file) throws Exception {
        try (var allocator = new org.apache.arrow.memory.RootAllocator();
             var ch = java.nio.channels.FileChannel.open(file);
             var frames = dev.streamingadaptive.arrow.ArrowStreams.frames(file.toString().endsWith(".arrows")
                     ? new org.apache.arrow.vector.ipc.ArrowStreamReader(ch, allocator)
                     : new org.apache.arrow.vector.ipc.ArrowFileReader(ch, allocator))) {
            List<dev.streamingadaptive.frame.DataFrame> batches = frames.toList();
            List<dev.streamingadaptive.frame.Column> columns = new java.util.ArrayList<>();
            for (int c = 0; c < batches.getFirst().width(); c++) {
                final int at = c;
                columns.add(dev.streamingadaptive.frame.ColumnConcat.concat(batches.stream().map(b -> b.column(at)).toList()));
            }
            return new dev.streamingadaptive.frame.DataFrame(columns);
        }
    }

    @Test
    void partitionedOutputIsAHiveDirectory() throws Exception {
        String src = data("alltypes_plain.parquet");
        Path out = dir.resolve("by-bool");
        MainTest.Result r = run("convert", src, out.toString(), "--partition-by", "bool_col", "--max-rows-per-file", "3", "--bloom-filter", "id");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("bool_col=true/part-00001.parquet")), "4 rows per value: two files of at most 3");
        assertTrue(Files.exists(out.resolve("bool_col=false/part-00000.parquet")));
        assertEquals(run("cat", src, "--columns", "id,bool_col", "--format", "csv").out().lines().sorted().toList(),
                run("query", "SELECT id, bool_col FROM '" + out + "/**/*.parquet'", "--format", "csv").out().lines().sorted().toList());
        assertEquals(2, run("convert", src, dir.resolve("x.csv").toString(), "--partition-by", "bool_col").code());
    }

    @Test
    void badOutputNamesAndOptionsAreUsageErrors() {
        String src = data("alltypes_plain.parquet");
        MainTest.Result r = run("convert", src, dir.resolve("out.txt").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(".parquet, .csv, .ndjson or .jsonl"), r.err());
        assertEquals(2, run("convert", src, dir.resolve("o.parquet").toString(), "--codec", "lzma").code());
        assertEquals(2, run("convert", src, dir.resolve("o.parquet").toString(), "--row-group-size", "lots").code());
        assertEquals(1, run("convert", dir.resolve("in.csv").toString(), dir.resolve("o.parquet").toString()).code(), "a missing CSV input");
        MainTest.Result missing = run("convert", dir.resolve("missing.parquet").toString(), dir.resolve("o.parquet").toString());
        assertEquals(1, missing.code());
        assertFalse(Files.exists(dir.resolve("o.parquet")));
    }
}
