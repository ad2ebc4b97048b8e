package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetWriterTest {
    @TempDir Path dir;

    static final DataType TS_US = new DataType.Timestamp(TimeUnit.MICROS, false);
    static final DataType TS_MS_UTC = new DataType.Timestamp(TimeUnit.MILLIS, true);
    static final DataType TS_NS = new DataType.Timestamp(TimeUnit.NANOS, false);
    static final DataType TIME_MS = new DataType.Time(TimeUnit.MILLIS);
    static final DataType TIME_US = new DataType.Time(TimeUnit.MICROS);
    static final DataType DEC_9_2 = new DataType.Decimal(9, 2);
    static final DataType DEC_18_4 = new DataType.Decimal(18, 4);

    /** A frame of every supported flat type; about 1/7 of the values null in the nullable columns. */
    static DataFrame allTypes(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Column> cols = new ArrayList<>();
        cols.add(new BooleanColumn("b", bools(r, n), n, nulls(r, n)));
        cols.add(ints("i8", DataType.INT8, r, n, -128, 128));
        cols.add(ints("i16", DataType.INT16, r, n, -32768, 32768));
        cols.add(ints("i32", DataType.INT32, r, n, Integer.MIN_VALUE, Integer.MAX_VALUE));
        cols.add(longs("i64", DataType.INT64, r, n, Long.MIN_VALUE, Long.MAX_VALUE));
        cols.add(ints("u8", DataType.UINT8, r, n, 0, 256));
        cols.add(ints("u16", DataType.UINT16, r, n, 0, 65536));
        cols.add(ints("u32", DataType.UINT32, r, n, Integer.MIN_VALUE, Integer.MAX_VALUE)); // negative = above 2^31
        cols.add(longs("u64", DataType.UINT64, r, n, Long.MIN_VALUE, Long.MAX_VALUE));
        float[] f = new float[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (r.nextDouble() * 2e6 - 1e6);
            d[i] = r.nextDouble() * 2e12 - 1e12;
        }
        cols.add(new FloatColumn("f32", f, n, nulls(r, n)));
        cols.add(new DoubleColumn("f64", d, n, nulls(r, n)));
        cols.add(strings("s", r, n, 0, true));
        cols.add(strings("s_hi", r, n, 100_000, true));   // high cardinality: falls back to PLAIN when limits are low
        cols.add(binary("bin", r, n));
        cols.add(ints("date", DataType.DATE, r, n, -10_000, 30_000));
        cols.add(ints("t_ms", TIME_MS, r, n, 0, 86_400_000));
        cols.add(longs("t_us", TIME_US, r, n, 0, 86_400_000_000L));
        cols.add(longs("ts_us", TS_US, r, n, 0, 2_000_000_000_000_000L));
        cols.add(longs("ts_ms_utc", TS_MS_UTC, r, n, -1_000_000_000_000L, 4_000_000_000_000L));
        cols.add(longs("ts_ns", TS_NS, r, n, 0, Long.MAX_VALUE));
        cols.add(ints("dec9", DEC_9_2, r, n, -999_999_999, 1_000_000_000));
        cols.add(longs("dec18", DEC_18_4, r, n, -999_999_999_999_999_999L, 999_999_999_999_999_999L));
        cols.add(new NullColumn("all_null", DataType.STRING, n));
        return new DataFrame(cols);
    }

    static boolean[] bools(SplittableRandom r, int n) {
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) b[i] = r.nextBoolean();
        return b;
    }

    static boolean[] nulls(SplittableRandom r, int n) {
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) b[i] = r.nextInt(7) == 0;
        // long runs of nulls and non-nulls exercise the RLE runs of the level encoder
        if (n > 200) {
            Arrays.fill(b, 50, 120, true);
            Arrays.fill(b, 120, 200, false);
        }
        return b;
    }

    static IntColumn ints(String name, DataType t, SplittableRandom r, int n, long lo, long hi) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = (int) (lo + (long) (r.nextDouble() * (hi - lo)));
        return new IntColumn(name, t, v, n, nulls(r, n));
    }

    static LongColumn longs(String name, DataType t, SplittableRandom r, int n, long lo, long hi) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = hi == Long.MAX_VALUE && lo == Long.MIN_VALUE ? r.nextLong() : lo + r.nextLong(hi - lo);
        return new LongColumn(name, t, v, n, nulls(r, n));
    }

    static BinaryColumn strings(String name, SplittableRandom r, int n, int distinct, boolean withNulls) {
        String[] words = {"AAPL", "MSFT", "", "héllo wörld", "日本語", "zeta", "a"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] off = new int[n + 1];
        for (int i = 0; i < n; i++) {
            String s = distinct == 0 ? words[r.nextInt(words.length)] : "value-" + r.nextInt(distinct) + "-" + "x".repeat(r.nextInt(30));
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            off[i + 1] = out.size();
        }
        return new BinaryColumn(name, DataType.STRING, off, out.toByteArray(), n, withNulls ? nulls(r, n) : null);
    }

    static BinaryColumn binary(String name, SplittableRandom r, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] off = new int[n + 1];
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[r.nextInt(12)];
            for (int k = 0; k < b.length; k++) b[k] = (byte) r.nextInt(256);
            out.writeBytes(b);
            off[i + 1] = out.size();
        }
        return new BinaryColumn(name, DataType.BINARY, off, out.toByteArray(), n, nulls(r, n));
    }

    static Schema schemaOf(DataFrame df) {
        return df.schema();
    }

    static void writeInBatches(Path file, DataFrame df, WriterOptions opt, int batch) {
        try (ParquetWriter w = ParquetWriter.open(file, schemaOf(df), opt)) {
            for (int off = 0; off < df.height(); off += batch) w.write(df.slice(off, Math.min(batch, df.height() - off)));
        }
    }

    static void assertSameValues(DataFrame expected, DataFrame actual) {
        assertEquals(expected.height(), actual.height(), "rows");
        assertEquals(expected.width(), actual.width(), "columns");
        for (int c = 0; c < expected.width(); c++) {
            Column e = expected.column(c);
            Column a = actual.column(c);
            assertEquals(e.name(), a.name());
            assertEquals(e.type(), a.type(), "type of " + e.name());
            for (int i = 0; i < e.size(); i++) {
                Object ev = e.get(i), av = a.get(i);
                if (ev instanceof byte[] eb) assertArrayEquals(eb, (byte[]) av, e.name() + "[" + i + "]");
                else assertEquals(ev, av, e.name() + "[" + i + "]");
            }
        }
        assertEquals(expected, actual);
    }

    static DataFrame readOurs(Path file) {
        try (MmapParquetReader r = MmapParquetReader.open(file).withChecksumVerification(true)) {
            return r.readAll();
        }
    }

    static Stream<Object[]> codecs() {
        List<Object[]> out = new ArrayList<>();
        for (CompressionCodec c : List.of(CompressionCodec.UNCOMPRESSED, CompressionCodec.SNAPPY, CompressionCodec.GZIP,
                CompressionCodec.ZSTD, CompressionCodec.LZ4_RAW)) {
            out.add(new Object[] {c, false});
            out.add(new Object[] {c, true});
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} v2={1}")
    @MethodSource("codecs")
    void allTypesRoundTripThroughOurReaderAndDuckDb(CompressionCodec codec, boolean v2) throws Exception {
        DataFrame df = allTypes(5000, 42);
        Path file = dir.resolve("all-" + codec + "-" + v2 + ".parquet");
        WriterOptions opt = WriterOptions.defaults().withCodec(codec).withDataPageV2(v2)
                .withRowGroupRows(1200).withPageSizeBytes(2000).withDictionaryLimits(1000, 64 * 1024);
        writeInBatches(file, df, opt, 777);

        assertSameValues(df, readOurs(file));
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            assertEquals(5, r.numRowGroups());
            assertEquals(5000, r.totalRows());
        }
        assertDuckDbSees(file, df);
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
    }

    /** DuckDB reads the file to the same values (compared per column through typed getters). */
    static void assertDuckDbSees(Path file, DataFrame df) throws Exception {
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement()) {
            String src = "read_parquet('" + file.toString().replace("'", "''") + "')";
            Map<String, String> types = new HashMap<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + src)) {
                while (rs.next()) types.put(rs.getString(1), rs.getString(2));
            }
            for (Column c : df.columns()) {
                String expectedType = duckType(c.type());
                if (expectedType != null) assertEquals(expectedType, types.get(c.name()), "DuckDB type of " + c.name());
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < df.width(); i++) {
                if (i > 0) sql.append(", ");
                sql.append(duckExpr(df.column(i)));
            }
            sql.append(" FROM ").append(src);
            try (ResultSet rs = st.executeQuery(sql.toString())) {
                int row = 0;
                while (rs.next()) {
                    for (int c = 0; c < df.width(); c++) {
                        Column col = df.column(c);
                        Object got = rs.getObject(c + 1);
                        Object want = expectedDuck(col, row);
                        if (want == null) {
                            assertNull(got, col.name() + "[" + row + "]");
                        } else if (want instanceof byte[] wb) {
                            assertArrayEquals(wb, rs.getBytes(c + 1), col.name() + "[" + row + "]");
                        } else {
                            assertEquals(want, normalize(got), col.name() + "[" + row + "]");
                        }
                    }
                    row++;
                }
                assertEquals(df.height(), row, "DuckDB row count");
            }
        }
    }

    static String duckType(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case UINT8 -> "UTINYINT";
            case UINT16 -> "USMALLINT";
            case UINT32 -> "UINTEGER";
            case UINT64 -> "UBIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case STRING -> "VARCHAR";
            case BINARY -> "BLOB";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) t;
                if (ts.utcAdjusted()) yield "TIMESTAMP WITH TIME ZONE";
                yield ts.unit() == TimeUnit.NANOS ? "TIMESTAMP_NS" : "TIMESTAMP";
            }
            case DECIMAL -> "DECIMAL(" + ((DataType.Decimal) t).precision() + "," + ((DataType.Decimal) t).scale() + ")";
            default -> null;
        };
    }

    /** A DuckDB expression giving the column as a plain number/string/blob. */
    static String duckExpr(Column c) {
        String q = "\"" + c.name() + "\"";
        return switch (c.type().kind()) {
            case UINT64, DECIMAL -> "CAST(" + q + " AS VARCHAR)";
            case DATE -> "date_diff('day', DATE '1970-01-01', " + q + ")";
            case TIME -> "((hour(" + q + ") * 60 + minute(" + q + ")) * 60000000::BIGINT + microsecond(" + q + "))";
            case TIMESTAMP -> {
                DataType.Timestamp ts = (DataType.Timestamp) c.type();
                yield switch (ts.unit()) {
                    case MILLIS -> "epoch_ms(" + q + ")";
                    case MICROS -> "epoch_us(" + q + ")";
                    case NANOS -> "epoch_ns(" + q + ")";
                };
            }
            default -> q;
        };
    }

    static Object expectedDuck(Column c, int i) {
        Object v = c.get(i);
        if (v == null) return null;
        return switch (c.type().kind()) {
            case BOOLEAN, STRING -> v;
            case BINARY -> v;
            case INT8, INT16, INT32, UINT8, UINT16, UINT32, INT64 -> ((Number) v).longValue();
            case UINT64 -> v.toString();
            case DECIMAL -> ((BigDecimal) v).toPlainString();
            case FLOAT32 -> (double) (Float) v;
            case FLOAT64 -> v;
            case DATE -> (long) ((IntColumn) c).getInt(i);
            case TIME -> c instanceof IntColumn ic ? ic.getInt(i) * 1000L : ((LongColumn) c).getLong(i);
            case TIMESTAMP -> ((LongColumn) c).getLong(i);
            default -> throw new AssertionError(c.type());
        };
    }

    static Object normalize(Object got) {
        return switch (got) {
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer x -> (long) x;
            case Long l -> l;
            case Float f -> (double) f;
            case BigInteger b -> b.longValueExact();
            default -> got;
        };
    }

    @Test
    void sortedIntegersAreDeltaEncodedAndReadBackByUsAndDuckDb() throws Exception {
        int n = 10_007;   // not a multiple of a block or a miniblock
        long[] ts = new long[n], wild = new long[n];
        int[] counter = new int[n], wraps = new int[n];
        boolean[] gaps = new boolean[n];
        SplittableRandom r = new SplittableRandom(5);
        long t = 1_700_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(1_000);
            ts[i] = t;
            counter[i] = i * 7 - 35_000;
            // the first page decides: it is sorted, so these columns are delta-encoded and later pages hold extremes
            wraps[i] = i < 3_000 ? i : (i % 2 == 0 ? Integer.MIN_VALUE + i : Integer.MAX_VALUE - i);
            wild[i] = i < 3_000 ? i * 1_000L : (i % 3 == 0 ? Long.MIN_VALUE : i % 3 == 1 ? Long.MAX_VALUE : r.nextLong());
            gaps[i] = i % 10 == 3;
        }
        DataFrame df = new DataFrame(List.of(
                new LongColumn("ts", TS_US, ts, n, null),
                new IntColumn("counter", DataType.INT32, counter, n, gaps),
                new IntColumn("wraps", DataType.INT32, wraps, n, null),
                new LongColumn("wild", DataType.INT64, wild, n, gaps)));
        for (boolean v2 : new boolean[] {false, true}) {
            Path file = dir.resolve("delta-" + v2 + ".parquet");
            writeInBatches(file, df, WriterOptions.defaults().withDataPageV2(v2).withPageSizeBytes(8 * 1024).withRowGroupRows(6_000), 999);
            try (MmapParquetReader reader = MmapParquetReader.open(file)) {
                // the first row group starts sorted; the second holds only extremes, so it may choose otherwise
                for (var g : reader.metadata().rowGroups().subList(0, 1)) {
                    for (var c : g.columns()) {
                        assertTrue(c.metaData().encodings().contains(dev.streamingadaptive.parquet.meta.Encoding.DELTA_BINARY_PACKED),
                                c.metaData().pathInSchema() + ": " + c.metaData().encodings());
                    }
                }
            }
            assertSameValues(df, readOurs(file));
            assertDuckDbSees(file, df);
        }
        // random values gain nothing from deltas: PLAIN
        Path random = dir.resolve("random.parquet");
        DataFrame noise = new DataFrame(List.of(longs("noise", DataType.INT64, r, 5_000, Long.MIN_VALUE, Long.MAX_VALUE)));
        writeInBatches(random, noise, WriterOptions.defaults(), 5_000);
        try (MmapParquetReader reader = MmapParquetReader.open(random)) {
            assertFalse(reader.metadata().rowGroups().get(0).columns().get(0).metaData().encodings()
                    .contains(dev.streamingadaptive.parquet.meta.Encoding.DELTA_BINARY_PACKED));
        }
    }

    @Test
    void dictionaryFallsBackToPlainWhenTooManyDistinctValues() throws Exception {
        int n = 20_000;
        SplittableRandom r = new SplittableRandom(1);
        DataFrame df = new DataFrame(List.of(strings("low", r, n, 0, true), strings("high", r, n, 50_000, false)));
        Path file = dir.resolve("dict.parquet");
        writeInBatches(file, df, WriterOptions.defaults().withDictionaryLimits(1000, 1 << 20), 4096);
        assertSameValues(df, readOurs(file));
        assertDuckDbSees(file, df);
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT path_in_schema, encodings FROM parquet_metadata('" + file + "')")) {
            Map<String, String> enc = new HashMap<>();
            while (rs.next()) enc.put(rs.getString(1), rs.getString(2));
            assertTrue(enc.get("low").contains("RLE_DICTIONARY"), enc.toString());
            assertFalse(enc.get("high").contains("DICTIONARY"), enc.toString());
        }
    }

    @Test
    void dictionaryColumnInputIsWrittenByValue() throws Exception {
        int n = 10_000;
        SplittableRandom r = new SplittableRandom(3);
        BinaryColumn dict = strings("sym", r, 5, 0, false);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = r.nextInt(5);
        boolean[] nulls = nulls(r, n);
        DataFrame df = new DataFrame(List.of(new DictionaryColumn("sym", dict, idx, n, nulls),
                new DictionaryColumn("ints", new IntColumn("ints", new int[] {7, -3, 100}, 3, null), Arrays.copyOf(
                        Arrays.stream(idx).map(x -> x % 3).toArray(), n), n, null)));
        Path file = dir.resolve("dictcol.parquet");
        writeInBatches(file, df, WriterOptions.defaults().withRowGroupRows(3000), 1000);
        assertSameValues(df, readOurs(file));
        assertDuckDbSees(file, df);
    }

    @Test
    void statisticsHaveTheRightOrder() throws Exception {
        int n = 6;
        DataFrame df = new DataFrame(List.of(
                new IntColumn("i", new int[] {5, -7, 3, 0, 9, -1}, n, null),
                new IntColumn("u32", DataType.UINT32, new int[] {1, -1, 5, 0, 7, 2}, n, null),  // -1 = 4294967295
                new BinaryColumn("s", DataType.STRING, new int[] {0, 1, 3, 4, 6, 8, 10},
                        "bababcé日本".getBytes(StandardCharsets.UTF_8), n, new boolean[] {false, false, false, false, false, true}),
                new DoubleColumn("d", new double[] {1.5, Double.NaN, -2, 0, 3, 4}, n, null),
                new DoubleColumn("z", new double[] {0.0, -0.0, 0.0, 0.0, 0.0, 0.0}, n, null),
                new BooleanColumn("b", new boolean[] {true, true, true, true, true, true}, n, null)));
        Path file = dir.resolve("stats.parquet");
        writeInBatches(file, df, WriterOptions.defaults(), 100);
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT path_in_schema, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('" + file + "')")) {
            Map<String, String[]> s = new HashMap<>();
            while (rs.next()) s.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            assertArrayEquals(new String[] {"-7", "9", "0"}, s.get("i"));
            assertArrayEquals(new String[] {"0", "4294967295", "0"}, s.get("u32"));
            assertEquals("1", s.get("s")[2]);
            assertEquals("a", s.get("s")[0]);
            assertEquals("é", s.get("s")[1]);
            assertNull(s.get("d")[0], "NaN suppresses min/max");
            assertNull(s.get("d")[1]);
            assertEquals("true", s.get("b")[0]);
            assertEquals("true", s.get("b")[1]);
            assertEquals("-0.0", s.get("z")[0]);
            assertEquals("0.0", s.get("z")[1]);
        }
        // DuckDB prunes with the statistics: a filter outside [min, max] must still give the right count
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE u32 > 4000000000), count(*) FILTER (WHERE s > 'b') FROM '" + file + "'")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
            assertEquals(2, rs.getLong(2));   // "bc", "é"

        }
    }

    @Test
    void emptyFileIsValid() throws Exception {
        Schema schema = new Schema(List.of(Field.of("a", DataType.INT64), Field.of("s", DataType.STRING)));
        Path file = dir.resolve("empty.parquet");
        ParquetWriter.open(file, schema, WriterOptions.defaults()).close();
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            assertEquals(0, r.totalRows());
            assertEquals(0, r.readAll().height());
        }
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM '" + file + "'")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void requiredColumnsHaveNoLevelsAndRejectNulls() throws Exception {
        Schema schema = new Schema(List.of(new Field("id", DataType.INT64, false), new Field("s", DataType.STRING, false)));
        int n = 3000;
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = i * 3L;
        DataFrame df = new DataFrame(List.of(new LongColumn("id", ids, n, null), strings("s", new SplittableRandom(5), n, 0, false)));
        Path file = dir.resolve("req.parquet");
        try (ParquetWriter w = ParquetWriter.open(file, schema, WriterOptions.defaults().withRowGroupRows(1000))) {
            w.write(df);
        }
        assertSameValues(df, readOurs(file));
        assertDuckDbSees(file, df);

        Path bad = dir.resolve("bad.parquet");
        ParquetWriter w = ParquetWriter.open(bad, schema, WriterOptions.defaults().withRowGroupRows(10));
        DataFrame withNull = new DataFrame(List.of(new LongColumn("id", new long[20], 20, new boolean[20]),
                new NullColumn("s", DataType.STRING, 20)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(withNull));
        assertTrue(e.getMessage().contains("non-nullable"), e.getMessage());
        w.close();
        assertFalse(Files.exists(bad), "nothing written on failure");
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp file deleted");
    }

    @Test
    void existingFileIsOnlyReplacedOnSuccessfulClose() throws Exception {
        Path file = dir.resolve("keep.parquet");
        Files.writeString(file, "old");
        Schema schema = new Schema(List.of(Field.of("a", DataType.INT32)));
        ParquetWriter w = ParquetWriter.open(file, schema, WriterOptions.defaults());
        w.write(new DataFrame(List.of(new IntColumn("a", new int[] {1, 2}, 2, null))));
        assertEquals("old", Files.readString(file));
        // a failed write poisons the writer: close() (as in try-with-resources) must not commit a partial file
        assertThrows(IllegalArgumentException.class, () -> w.write(new DataFrame(List.of(new IntColumn("b", new int[] {1}, 1, null)))));
        w.close();
        assertEquals("old", Files.readString(file));
        try (ParquetWriter w2 = ParquetWriter.open(file, schema, WriterOptions.defaults())) {
            w2.write(new DataFrame(List.of(new IntColumn("a", new int[] {1, 2}, 2, null))));
        }
        assertEquals(2, readOurs(file).height());
    }

    @Test
    void aStructWithoutFieldsIsRejectedClearly() {
        Schema schema = new Schema(List.of(Field.of("s", new DataType.StructType(List.of()))));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> ParquetWriter.open(dir.resolve("n.parquet"), schema, WriterOptions.defaults()));
        assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("without fields"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("n.parquet")));
    }

    @Test
    void rleHybridEncoderRoundTripsAgainstTheDecoder() {
        SplittableRandom r = new SplittableRandom(9);
        for (int trial = 0; trial < 200; trial++) {
            int bw = 1 + r.nextInt(20);
            int n = r.nextInt(3000);
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextInt(4) == 0 && i > 0 ? v[i - 1] : r.nextInt(1 << bw);
                if (r.nextInt(50) == 0) {   // long runs
                    int len = Math.min(n - i, r.nextInt(100));
                    Arrays.fill(v, i, i + len, v[i]);
                    i += Math.max(0, len - 1);
                }
            }
            ByteSink out = new ByteSink(16);
            RleHybridEncoder.encode(v, 0, n, bw, out);
            int[] back = RefDecode.decode(out.toByteArray(), bw, n);
            assertArrayEquals(v, back, "bit width " + bw + " n " + n);
        }
    }

    /** A straightforward reference decoder of the hybrid format. */
    static final class RefDecode {
        static int[] decode(byte[] b, int bw, int n) {
            int[] out = new int[n];
            int pos = 0, k = 0;
            while (k < n) {
                long h = 0;
                int shift = 0;
                while (true) {
                    int x = b[pos++] & 0xFF;
                    h |= (long) (x & 0x7F) << shift;
                    if (x < 0x80) break;
                    shift += 7;
                }
                if ((h & 1) == 0) {
                    int run = (int) (h >>> 1);
                    int v = 0;
                    for (int i = 0; i < (bw + 7) / 8; i++) v |= (b[pos++] & 0xFF) << (8 * i);
                    for (int i = 0; i < run && k < n; i++) out[k++] = v;
                } else {
                    int count = (int) (h >>> 1) * 8;
                    long bitPos = (long) pos * 8;
                    for (int i = 0; i < count; i++) {
                        long v = 0;
                        for (int bit = 0; bit < bw; bit++) {
                            long p = bitPos + (long) i * bw + bit;
                            if ((b[(int) (p >>> 3)] >> (p & 7) & 1) != 0) v |= 1L << bit;
                        }
                        if (k < n) out[k++] = (int) v;
                    }
                    pos += (count * bw + 7) / 8;
                }
            }
            return out;
        }
    }
}
