package dev.streamingadaptive.spark;

import dev.streamingadaptive.oracle.GeneratedMatrixTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our source against Spark's own Parquet reader in the same local[2] session: the same rows (each row as
 * Spark's JSON of it, sorted) and the same types on corpus and generated files, pushdown visible in the plan,
 * and a group-by over a hive dataset.
 */
class SparkSourceTest {
    static SparkSession spark;
    @TempDir static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("streaming-adaptive-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC").config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static Stream<Path> corpus() throws IOException {
        Path root = Path.of(System.getProperty("parquet.testing.dir", "../../shared/parquet-testing"), "data");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("encrypt")
                    && !p.getFileName().toString().startsWith("large_string_map")).sorted().toList().stream();
        }
    }

    static Dataset<Row> ours(Path path) {
        return spark.read().format("streaming-adaptive").load(path.toString());
    }

    /** Every row as Spark's JSON of it, sorted. */
    static List<String> rows(Dataset<Row> df) {
        List<String> out = new ArrayList<>(df.select(to_json(struct(col("*")))).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        out.sort(null);
        return out;
    }

    /** Files whose page CRCs are wrong on purpose: Spark's reader does not check, ours does unless told not to. */
    static final List<String> CORRUPT_CRC = List.of("datapage_v1-corrupt-checksum.parquet", "rle-dict-uncompressed-corrupt-checksum.parquet");

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusFileReadsAsSparksReaderReadsIt(Path file) {
        boolean corrupt = CORRUPT_CRC.contains(file.getFileName().toString());
        Dataset<Row> theirs;
        List<String> expected;
        try {
            theirs = spark.read().parquet(file.toString());
            expected = rows(theirs);
        } catch (Exception e) {
            // Spark's reader cannot (FLOAT16, geospatial types, some codecs, bad files): ours reads what our reader
            // reads, row for row (whose values core's tests hold to DuckDB's), or fails as it does.
            long rows;
            try {
                rows = ((Number) dev.streamingadaptive.lazy.LazyFrame.scanParquet(file.toString()).agg(dev.streamingadaptive.expr.Expr.len())
                        .collect().column(0).get(0)).longValue();
                assertEquals(rows, ours(file).collectAsList().size(), file + ": rows where Spark's reader fails");
            } catch (dev.streamingadaptive.parquet.ParquetFormatException ours) {
                Exception viaSpark = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> ours(file).collectAsList());
                assertTrue(String.valueOf(viaSpark.getMessage()).contains(file.getFileName().toString()), viaSpark.getMessage());
            }
            Assumptions.abort("Spark's reader fails: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        Dataset<Row> ours = ours(file);
        if (corrupt) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> rows(ours(file)));
            assertTrue(e.getMessage().contains("CRC mismatch") && e.getMessage().contains(file.getFileName().toString()), e.getMessage());
            ours = spark.read().format("streaming-adaptive").option("verifyChecksums", "false").load(file.toString());
        }
        assertEquals(theirs.schema().simpleString(), ours.schema().simpleString(), file + ": types");
        assertEquals(expected, rows(ours), file + ": rows");
    }

    /** {@code select} over the generated type matrix {@code m}, written by DuckDB to {@code name} (extra COPY options after the format). */
    private static Path matrix(String name, String select, String copyOptions) throws Exception {
        Path file = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(GeneratedMatrixTest.TABLE);
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet" + copyOptions + ")");
        }
        return file;
    }

    @Test
    void everyGeneratedTypeReadsAsSparksReaderReadsIt() throws Exception {
        // Spark's reader refuses TIMESTAMP(NANOS), UUID, INTERVAL and TIME: typesSparksReaderRefusesAreRead covers them.
        Path file = matrix("types.parquet", "SELECT * EXCLUDE (ts_ns, u, iv, t) FROM m", ", ROW_GROUP_SIZE 1024");
        Dataset<Row> theirs = spark.read().parquet(file.toString());
        Dataset<Row> ours = spark.read().format("streaming-adaptive").option("splitSize", "16k").load(file.toString());
        assertTrue(ours.rdd().getNumPartitions() > 1, "row groups split into several partitions: " + ours.rdd().getNumPartitions());
        assertEquals(theirs.schema().simpleString(), ours.schema().simpleString());
        assertEquals(rows(theirs), rows(ours));
    }

    /** TIMESTAMP(NANOS), UUID, INTERVAL and TIME, which Spark's reader refuses, arrive with our reader's values. */
    @Test
    void typesSparksReaderRefusesAreRead() throws Exception {
        Path file = matrix("refused.parquet", "SELECT id, ts_ns, u, iv, t FROM m", "");
        Dataset<Row> df = ours(file).orderBy("id");
        assertEquals("struct<id:bigint,ts_ns:timestamp_ntz,u:binary,iv:interval,t:bigint>", df.schema().simpleString());
        List<Row> rows = df.collectAsList();
        dev.streamingadaptive.frame.DataFrame expected = dev.streamingadaptive.lazy.LazyFrame.scanParquet(file.toString()).sort("id").collect();
        assertEquals(expected.height(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            java.time.LocalDateTime ts = (java.time.LocalDateTime) expected.column("ts_ns").get(i);
            assertEquals(ts == null ? null : ts.truncatedTo(java.time.temporal.ChronoUnit.MICROS), r.getAs("ts_ns"), "ts_ns row " + i);
            java.util.UUID u = (java.util.UUID) expected.column("u").get(i);
            byte[] bytes = r.getAs("u");
            assertEquals(u == null ? null : u.toString().replace("-", ""), bytes == null ? null : java.util.HexFormat.of().formatHex(bytes), "u row " + i);
            dev.streamingadaptive.frame.Interval iv = (dev.streamingadaptive.frame.Interval) expected.column("iv").get(i);
            org.apache.spark.unsafe.types.CalendarInterval ci = r.getAs("iv");
            assertEquals(iv == null ? null : List.of((int) iv.months(), (int) iv.days(), iv.millis() * 1000),
                    ci == null ? null : List.of(ci.months, ci.days, ci.microseconds), "iv row " + i);
            java.time.LocalTime t = (java.time.LocalTime) expected.column("t").get(i);
            assertEquals(t == null ? null : t.toNanoOfDay() / 1000, r.getAs("t"), "t row " + i);
        }
    }

    @Test
    void filtersColumnsAndLimitsArePushedAndVisibleInThePlan() throws Exception {
        Path file = dir.resolve("trades.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, 'SYM' || (i % 50) AS symbol, (i % 1000) * 0.25 AS price, i % 7 AS size FROM range(200000) t(i)) TO '"
                    + file + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
        }
        Dataset<Row> q = ours(file).filter(col("price").gt(200).and(col("symbol").equalTo("SYM7"))).select("id", "price");
        String plan = q.queryExecution().executedPlan().toString();
        assertTrue(plan.contains("PushedFilters: [") && plan.contains("GreaterThan(price,200") && plan.contains("EqualTo(symbol,SYM7)"), plan);
        assertTrue(plan.contains("ReadSchema: [id, price]") || plan.contains("ReadSchema: [price, id]") || plan.contains("ReadSchema: [id, price, symbol]")
                || plan.contains("ReadSchema: [id, symbol, price]"), plan);
        assertTrue(!plan.contains("Filter ("), "no filter left for Spark: " + plan);
        Dataset<Row> same = spark.read().parquet(file.toString()).filter(col("price").gt(200).and(col("symbol").equalTo("SYM7"))).select("id", "price");
        assertEquals(rows(same), rows(q));
        assertEquals(200000L, ours(file).count());
        assertEquals(5, ours(file).filter(col("size").equalTo(3)).limit(5).collectAsList().size());
        assertTrue(ours(file).filter(col("size").equalTo(3)).limit(5).queryExecution().executedPlan().toString().contains("PushedLimit: 5"));
    }

    @Test
    void aGroupByOverAHiveDatasetMatchesSparksReader() throws Exception {
        Path data = dir.resolve("hive");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, i % 3 AS region, ['a', 'b', 'c', 'd'][i % 4 + 1] AS kind, i * 0.5 AS amount "
                    + "FROM range(100000) t(i)) TO '" + data + "' (FORMAT parquet, PARTITION_BY (region))");
        }
        Dataset<Row> ours = spark.read().format("streaming-adaptive").load(data + "/**/*.parquet");
        Dataset<Row> theirs = spark.read().parquet(data.toString());
        assertTrue(List.of(ours.schema().fieldNames()).contains("region"), "the hive key is a column");
        Dataset<Row> a = ours.filter(col("region").equalTo(1)).groupBy("region", "kind").agg(count("*").as("n"), sum("amount").as("total"));
        Dataset<Row> b = theirs.filter(col("region").equalTo(1)).groupBy("region", "kind").agg(count("*").as("n"), sum("amount").as("total"));
        assertEquals(rows(b), rows(a));
        assertEquals(rows(theirs.groupBy("kind").count()), rows(ours.groupBy("kind").count()));
    }
}
