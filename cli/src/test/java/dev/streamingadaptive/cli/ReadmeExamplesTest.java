package dev.streamingadaptive.cli;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;
import dev.streamingadaptive.sql.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Queries" examples, as written there (paths aside), run on generated sample data;
 * each result is checked against the same figure computed another way.
 */
class ReadmeExamplesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() {
        assertEquals(0, MainTest.run("generate", "logs", "--rows", "60000", "--out", dir.resolve("logs.parquet").toString(),
                "--row-group-size", "20000").code());
        assertEquals(0, MainTest.run("generate", "trades", "--rows", "90000", "--files", "3", "--out", dir.resolve("trades").toString()).code());
        assertEquals(0, MainTest.run("generate", "features", "--rows", "30000", "--out", dir.resolve("features.parquet").toString()).code());
    }

    @Test
    void logErrorsPerBatch() {
        Path logs = dir.resolve("logs.parquet");
        List<Long> errorsPerBatch = new ArrayList<>();
        // README: "Batch processing: count ERROR rows per batch"
        try (var reader = AdaptiveStreamingReader.open(logs)) {
            reader.stream().forEach(batch -> {
                DataFrame errors = batch.filter(col("level").eq(lit("ERROR")));
                errorsPerBatch.add((long) errors.height());
            });
        }
        long total = errorsPerBatch.stream().mapToLong(Long::longValue).sum();
        long expected = 0;
        try (var reader = AdaptiveStreamingReader.open(logs)) {
            DataFrame all = reader.collect();
            for (int i = 0; i < all.height(); i++) if ("ERROR".equals(all.column("level").get(i))) expected++;
        }
        assertTrue(expected > 0);
        assertEquals(expected, total);
    }

    @Test
    void financialGroupBy() {
        String glob = dir.resolve("trades") + "/*.parquet";
        // README: "Financial data: glob -> lazy group-by -> mean and sum"
        DataFrame bySymbol = LazyFrame.scanParquet(glob)
                .filter(col("price").gt(lit(0)))
                .groupBy("symbol")
                .agg(col("price").mean().alias("avg_price"), col("size").sum().alias("volume"), len().alias("trades"))
                .sort(SortKey.desc("volume"))
                .collect();

        // The same figures by hand over the collected rows.
        Map<String, double[]> byHand = new TreeMap<>();
        DataFrame all = LazyFrame.scanParquet(glob).select("symbol", "price", "size").collect();
        for (int i = 0; i < all.height(); i++) {
            double price = (Double) all.column("price").get(i);
            if (!(price > 0)) continue;
            double[] a = byHand.computeIfAbsent((String) all.column("symbol").get(i), k -> new double[3]);
            a[0] += price;
            a[1] += ((Number) all.column("size").get(i)).longValue();
            a[2]++;
        }
        assertEquals(byHand.size(), bySymbol.height());
        long previous = Long.MAX_VALUE;
        for (int r = 0; r < bySymbol.height(); r++) {
            double[] a = byHand.get((String) bySymbol.column("symbol").get(r));
            assertEquals(a[0] / a[2], (Double) bySymbol.column("avg_price").get(r), 1e-9 * Math.abs(a[0] / a[2]));
            long volume = (Long) bySymbol.column("volume").get(r);
            assertEquals((long) a[1], volume);
            assertEquals((long) a[2], (Long) bySymbol.column("trades").get(r));
            assertTrue(volume <= previous, "sorted by volume descending");
            previous = volume;
        }
    }

    @Test
    void sqlTopSymbols() {
        String glob = dir.resolve("trades") + "/*.parquet";
        // README: "SQL"
        DataFrame top = Sql.query("""
                SELECT symbol, avg(price) AS avg_price, sum(size) AS volume, count(*) AS trades
                FROM 'trades/*.parquet'
                WHERE price > 0
                GROUP BY symbol
                ORDER BY volume DESC
                LIMIT 5""".replace("trades/*.parquet", glob)).collect();

        DataFrame api = LazyFrame.scanParquet(glob)
                .filter(col("price").gt(lit(0)))
                .groupBy("symbol")
                .agg(col("price").mean().alias("avg_price"), col("size").sum().alias("volume"), len().alias("trades"))
                .sort(SortKey.desc("volume"))
                .head(5)
                .collect();
        assertEquals(List.of("symbol", "avg_price", "volume", "trades"), top.schema().names());
        assertEquals(5, top.height());
        for (int r = 0; r < 5; r++) {
            assertEquals(api.column("volume").get(r), top.column("volume").get(r));
            assertEquals((Double) api.column("avg_price").get(r), (Double) top.column("avg_price").get(r), 1e-9);
            assertEquals(api.column("trades").get(r), top.column("trades").get(r));
        }
    }

    @Test
    void mlBatchLoading() {
        Path features = dir.resolve("features.parquet");
        long rows = 0;
        double sum = 0;
        // README: "ML batch loading: feature columns per batch"
        try (var reader = AdaptiveStreamingReader.open(features).withColumns("f00", "f01", "label")) {
            for (DataFrame batch : reader) {
                DataFrame x = batch.select(col("f00"), col("f01").mul(lit(2.0)).alias("f01x2"));
                double[] f01x2 = ((DoubleColumn) x.column("f01x2")).rawValues();
                for (int i = 0; i < x.height(); i++) sum += f01x2[i];
                rows += x.height();
            }
        }
        DataFrame all = LazyFrame.scanParquet(features.toString()).agg(col("f01").sum().alias("s"), len()).collect();
        assertEquals(all.column("len").get(0), rows);
        double expected = 2 * (Double) all.column("s").get(0);
        assertEquals(expected, sum, 1e-9 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void lazyStreamAndExplain() {
        String glob = dir.resolve("trades") + "/*.parquet";
        LazyFrame q = LazyFrame.scanParquet(glob).filter(col("symbol").eq(lit("AAPL"))).select("ts", "price");
        assertTrue(q.explain().contains("pushed filter"), q.explain());
        long streamed = 0;
        try (Stream<DataFrame> batches = q.stream()) {
            for (DataFrame b : (Iterable<DataFrame>) batches::iterator) streamed += b.height();
        }
        assertEquals(q.collect().height(), streamed);
        assertTrue(streamed > 0);
    }

    @Test
    void writingExamples() throws Exception {
        String glob = dir.resolve("trades") + "/*.parquet";
        Path expensive = dir.resolve("expensive.parquet"), bySymbol = dir.resolve("by-symbol"), avg = dir.resolve("avg.csv.gz");
        Path head = dir.resolve("head.parquet"), headJson = dir.resolve("head.jsonl");
        // README: "Writing: Parquet, CSV, NDJSON"
        long rows = LazyFrame.scanParquet(glob)
                .filter(col("price").gt(lit(100)))
                .sinkParquet(expensive, dev.streamingadaptive.parquet.write.WriterOptions.defaults().withCodec("zstd").withBloomFilter("symbol"));
        LazyFrame.scanParquet(glob)
                .sinkParquet(bySymbol, dev.streamingadaptive.parquet.write.WriterOptions.defaults().withPartitionBy("symbol").withMaxRowsPerFile(1_000_000));
        LazyFrame.scanParquet(glob).groupBy("symbol").agg(col("price").mean().alias("avg_price")).sinkCsv(avg);
        DataFrame df = LazyFrame.scanParquet(glob).head(1000).collect();
        df.writeParquet(head);
        df.writeNdjson(headJson);

        assertEquals(LazyFrame.scanParquet(glob).filter(col("price").gt(lit(100))).collect().height(), rows);
        assertEquals(rows, LazyFrame.scanParquet(expensive.toString()).collect().height());
        DataFrame all = LazyFrame.scanParquet(glob).select("trade_id", "symbol").sort("trade_id").collect();
        DataFrame back = LazyFrame.scanParquet(bySymbol.toString()).select("trade_id", "symbol").sort("trade_id").collect();
        assertEquals(all.height(), back.height());
        for (int i = 0; i < all.height(); i += 101) assertEquals(all.column("symbol").get(i), back.column("symbol").get(i));
        assertEquals(df.height(), LazyFrame.scanParquet(head.toString()).collect().height());
        assertEquals(df.height(), java.nio.file.Files.readAllLines(headJson).size());
        assertTrue(java.nio.file.Files.size(avg) > 0);
    }

    @Test
    void readingTextExamples() throws Exception {
        String glob = dir.resolve("trades") + "/*.parquet";
        Path csvPath = dir.resolve("trades.csv"), exportDir = java.nio.file.Files.createDirectories(dir.resolve("export"));
        Path jsonl = dir.resolve("events.jsonl"), bigParquet = dir.resolve("big.parquet");
        LazyFrame.scanParquet(glob).sinkCsv(csvPath);
        LazyFrame.scanParquet(glob).select("trade_id", "symbol", "price").head(500).sinkCsv(exportDir.resolve("a.csv.gz"));
        LazyFrame.scanParquet(glob).head(2000).sinkNdjson(jsonl);
        java.nio.file.Files.writeString(exportDir.resolve("semi.csv"), "x;zip\n1;007\nNA;010\n2;broken;row\n");
        String trades_csv = csvPath.toString();
        // README: "Reading CSV and JSON lines"
        LazyFrame trades = LazyFrame.scanCsv(trades_csv);
        DataFrame bySymbol = trades.filter(col("price").gt(lit(100.0))).groupBy("symbol").agg(len().alias("n")).collect();
        LazyFrame raw = LazyFrame.scanCsv(exportDir + "/semi.csv", dev.streamingadaptive.lazy.CsvOptions.defaults().withDelimiter(';').withNullValues("NA", "")
                .withTypes(Map.of("zip", dev.streamingadaptive.frame.DataType.STRING)).withIgnoreErrors(true));
        LazyFrame events = LazyFrame.scanNdjson(jsonl.toString());
        LazyFrame.scan(trades_csv).sinkParquet(bigParquet);

        DataFrame expected = LazyFrame.scanParquet(glob).filter(col("price").gt(lit(100.0))).groupBy("symbol").agg(len().alias("n")).collect();
        assertEquals(new TreeMap<>(counts(expected)), new TreeMap<>(counts(bySymbol)));
        DataFrame r = raw.collect();
        assertEquals(2, r.height(), "the ragged record is skipped");
        assertEquals("007", r.column("zip").get(0));
        assertEquals(null, r.column("x").get(1));
        assertEquals(2000, events.collect().height());
        assertEquals(LazyFrame.scanParquet(glob).collect().height(), LazyFrame.scanParquet(bigParquet.toString()).collect().height());
        assertEquals(500, LazyFrame.scanCsv(exportDir + "/*.csv.gz").collect().height(), "gzip-compressed CSV");
    }

    @Test
    void arrowExamples() throws Exception {
        String glob = dir.resolve("trades") + "/*.parquet";
        DataFrame frame = LazyFrame.scanParquet(glob).head(1000).collect();
        Path arrowFile = dir.resolve("trades.arrow");
        double priceSum = 0;
        long rows = 0;
        DataFrame back;
        List<DataFrame> fromC;
        List<DataFrame> fromFile;
        // README: "Arrow: vectors, streams, Python"
        try (org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator()) {
            try (dev.streamingadaptive.arrow.FrameArrowReader reader = dev.streamingadaptive.arrow.FrameArrowReader.of(
                    LazyFrame.scanParquet(glob).filter(col("price").gt(lit(100.0))), allocator)) {
                org.apache.arrow.vector.VectorSchemaRoot root = reader.getVectorSchemaRoot();
                while (reader.loadNextBatch()) {
                    org.apache.arrow.vector.Float8Vector price = (org.apache.arrow.vector.Float8Vector) root.getVector("price");
                    for (int i = 0; i < root.getRowCount(); i++) priceSum += price.get(i);
                    rows += root.getRowCount();
                }
            }
            try (org.apache.arrow.vector.VectorSchemaRoot root = dev.streamingadaptive.arrow.ArrowFrames.toVectors(frame, allocator)) {
                back = dev.streamingadaptive.arrow.ArrowFrames.toFrame(root);
            }
            LazyFrame query = LazyFrame.scanParquet(glob).select("symbol", "price");
            try (org.apache.arrow.c.ArrowArrayStream c = org.apache.arrow.c.ArrowArrayStream.allocateNew(allocator)) {
                long address = c.memoryAddress();
                dev.streamingadaptive.arrow.ArrowStreams.export(query, allocator, org.apache.arrow.c.ArrowArrayStream.wrap(address));
                try (Stream<DataFrame> frames = dev.streamingadaptive.arrow.ArrowStreams.frames(c, allocator)) {
                    fromC = frames.toList();
                }
            }
            dev.streamingadaptive.arrow.ArrowIpcWriter.sink(query, arrowFile);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(arrowFile);
                 Stream<DataFrame> frames = dev.streamingadaptive.arrow.ArrowStreams.frames(
                         new org.apache.arrow.vector.ipc.ArrowFileReader(channel, allocator))) {
                fromFile = frames.toList();
            }
        }

        DataFrame expected = LazyFrame.scanParquet(glob).filter(col("price").gt(lit(100.0))).agg(len(), col("price").sum()).collect();
        assertEquals(((Number) expected.column(0).get(0)).longValue(), rows);
        assertEquals((Double) expected.column(1).get(0), priceSum, 1e-6 * Math.abs(priceSum));
        assertEquals(frame, back);
        long total = LazyFrame.scanParquet(glob).collect().height();
        assertEquals(total, fromC.stream().mapToLong(DataFrame::height).sum());
        assertEquals(total, fromFile.stream().mapToLong(DataFrame::height).sum());
        assertEquals(List.of("symbol", "price"), fromFile.getFirst().schema().names());
    }

    private static Map<Object, Object> counts(DataFrame df) {
        Map<Object, Object> out = new java.util.HashMap<>();
        for (int i = 0; i < df.height(); i++) out.put(df.column("symbol").get(i), df.column("n").get(i));
        return out;
    }
}
