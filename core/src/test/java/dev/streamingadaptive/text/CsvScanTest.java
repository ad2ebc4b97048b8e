package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.TextFormatException;
import dev.streamingadaptive.lazy.CsvOptions;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSV scans against DuckDB's {@code read_csv} on a corpus of edge cases: every value and every
 * inferred type must be DuckDB's, and bad input must fail with the file and line DuckDB's users
 * would look at.
 */
class CsvScanTest {
    @TempDir
    static Path dir;
    static Connection duck;

    @BeforeAll
    static void open() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** Our scan equals DuckDB's read_csv of the same file with the same dialect: types and values, in order. */
    private static DataFrame assertLikeDuckDb(Path file, CsvOptions ours, String duckOptions) throws Exception {
        DataFrame df = LazyFrame.scanCsv(file.toString(), ours).collect();
        String sql = "SELECT * FROM read_csv('" + file + "'" + (duckOptions.isEmpty() ? "" : ", " + duckOptions) + ")";
        List<String> expectedTypes = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            for (int c = 1; c <= n; c++) expectedTypes.add(rs.getMetaData().getColumnName(c) + ":" + duckType(rs.getMetaData().getColumnTypeName(c)));
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int c = 1; c <= n; c++) sb.append(c > 1 ? " | " : "").append(norm(rs.getObject(c)));
                expected.add(sb.toString());
            }
        }
        List<String> types = new ArrayList<>();
        for (Field f : df.schema().fields()) types.add(f.name() + ":" + f.type());
        assertEquals(expectedTypes, types, "types of " + file.getFileName());
        List<String> actual = new ArrayList<>();
        for (int r = 0; r < df.height(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < df.width(); c++) sb.append(c > 0 ? " | " : "").append(norm(df.column(c).get(r)));
            actual.add(sb.toString());
        }
        assertEquals(expected.size(), actual.size(), "rows of " + file.getFileName());
        assertEquals(expected, actual, "values of " + file.getFileName());
        return df;
    }

    private static String duckType(String t) {
        return switch (t) {
            case "BIGINT" -> "int64";
            case "INTEGER" -> "int32";
            case "DOUBLE" -> "float64";
            case "BOOLEAN" -> "boolean";
            case "DATE" -> "date";
            case "TIME" -> "time[micros]";
            case "TIMESTAMP" -> "timestamp[micros]";
            case "TIMESTAMP WITH TIME ZONE" -> "timestamp[micros, UTC]";
            case "VARCHAR" -> "string";
            default -> t;
        };
    }

    /** Exact values: doubles by their shortest text, timestamps as UTC ISO text. */
    private static String norm(Object v) {
        if (v == null) return "null";
        if (v instanceof Float f) return Double.toString(f);
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof BigDecimal)) return Long.toString(n.longValue());
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().toString();
        if (v instanceof OffsetDateTime t) return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
        if (v instanceof Instant i) return LocalDateTime.ofInstant(i, ZoneOffset.UTC).toString();
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof java.sql.Time t) return t.toLocalTime().toString();
        return v.toString();
    }

    private static final String STRICT = "delim=',', quote='\"', escape='\"', header=true";

    @Test
    void typesAreInferredAsDuckDbInfersThem() throws Exception {
        Path f = write("types.csv", """
                i,d,b,dt,ts,tz,s,z,lead,plus,sp,yn,tm,big,neg,sci,special,mixed
                1,2.5,true,2024-01-31,2024-01-31 09:30:00,2024-01-31 09:30:00+02,x,0,007,+5, 5 ,yes,09:30:00,12345678901234567890,-3,1e3,NaN,1
                -2,,false,2024-02-29,2024-01-31T09:30:00.123456,2024-01-31T09:30:00Z,"a,b",1,8,3,6,no,23:59:59.999,1,-0,2.5E-3,inf,x
                ,3,T,1999-12-31,2024-01-31,2024-06-01 00:00:00-05:30,,,9,4,,n,00:00:00,2,-9223372036854775808,-1.5e+10,-Infinity,2.5
                """);
        assertLikeDuckDb(f, CsvOptions.defaults(), STRICT);
    }

    @Test
    void quotesEscapesAndEmbeddedNewlines() throws Exception {
        Path f = write("quotes.csv", "id,txt,n\n"
                + "1,\"plain\",1\n"
                + "2,\"with \"\"quotes\"\" inside\",2\n"
                + "3,\"comma, and\nnewline\",3\n"
                + "4,\"crlf\r\ninside\",4\n"
                + "5,\"\",5\n"
                + "6,unquoted text with spaces ,6\n"
                + "7,\"\"\"\",7\n");
        DataFrame df = assertLikeDuckDb(f, CsvOptions.defaults(), STRICT);
        assertEquals("comma, and\nnewline", df.column("txt").get(2));
        assertEquals("\"", df.column("txt").get(6));
    }

    @Test
    void bomCrlfAndMultiByteUtf8() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "id,name,city\r\n1,café,Zürich\r\n2,\"€ 5,00\",東京\r\n3,😀 emoji,\r\n4,naïve,Ελλάδα";
        Path f = dir.resolve("utf8.csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(bom);
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        DataFrame df = assertLikeDuckDb(f, CsvOptions.defaults(), STRICT);
        assertEquals(List.of("id", "name", "city"), df.schema().names(), "the BOM is not part of the first name");
        assertEquals("東京", df.column("city").get(1));
    }

    @Test
    void emptyFieldsAreNullsAndAllNullColumnsAreText() throws Exception {
        Path f = write("empty.csv", "a,b,c,d\n1,,x,\n,2.5,,\n,,,\n3,1,\"\",\n");
        assertLikeDuckDb(f, CsvOptions.defaults(), STRICT);
    }

    @Test
    void wideRows() throws Exception {
        StringBuilder sb = new StringBuilder();
        int cols = 600;
        for (int c = 0; c < cols; c++) sb.append(c > 0 ? "," : "").append("c").append(c);
        sb.append('\n');
        for (int r = 0; r < 50; r++) {
            for (int c = 0; c < cols; c++) sb.append(c > 0 ? "," : "").append(c % 3 == 0 ? Integer.toString(r * c) : c % 3 == 1 ? (r + c) / 4.0 + "" : "s" + r);
            sb.append('\n');
        }
        DataFrame df = assertLikeDuckDb(write("wide.csv", sb.toString()), CsvOptions.defaults(), STRICT);
        assertEquals(cols, df.width());
    }

    @Test
    void dialects() throws Exception {
        Path semi = write("semi.csv", "# a comment\nk;v\n# another\nx;1\ny;\"a;b\"\n");
        assertLikeDuckDb(semi, CsvOptions.defaults().withDelimiter(';').withComment('#'), "delim=';', quote='\"', comment='#', header=true");
        Path tab = write("tab.tsv", "a\tb\n1\thello world\n2\t\"q\"\n");
        assertLikeDuckDb(tab, CsvOptions.defaults().withDelimiter('\t'), "delim='\t', header=true");
        Path noHeader = write("noheader.csv", "1,a\n2,b\n");
        assertLikeDuckDb(noHeader, CsvOptions.defaults().withHeader(false), "delim=',', header=false");
        Path backslash = write("backslash.csv", "a,b\n1,\"say \\\"hi\\\"\"\n2,\"back\\\\slash\"\n");
        assertLikeDuckDb(backslash, CsvOptions.defaults().withEscape('\\'), "delim=',', quote='\"', escape='\\', header=true");
        Path nulls = write("nulls.csv", "a,b\nNA,x\n1,NA\n2,\n");
        assertLikeDuckDb(nulls, CsvOptions.defaults().withNullValues("NA"), "delim=',', header=true, nullstr='NA'");
        Path noEol = write("noeol.csv", "a,b\n1,2\n3,4");
        assertLikeDuckDb(noEol, CsvOptions.defaults(), STRICT);
        Path skip = write("skip.csv", "generated by a tool\nsecond junk line\na,b\n1,2\n");
        assertLikeDuckDb(skip, CsvOptions.defaults().withSkipRows(2), "delim=',', header=true, skip=2");
    }

    @Test
    void givenTypesOverrideInference() throws Exception {
        Path f = write("given.csv", "id,price,day,code\n1,12.345,2024-01-02,007\n2,-0.005,2024-03-04,010\n");
        DataFrame df = LazyFrame.scanCsv(f.toString(), CsvOptions.defaults().withTypes(Map.of(
                "id", DataType.INT32, "price", new DataType.Decimal(10, 2), "code", DataType.INT64))).collect();
        assertEquals(DataType.INT32, df.column("id").type());
        assertEquals(new BigDecimal("12.35"), df.column("price").get(0));
        assertEquals(new BigDecimal("-0.01"), df.column("price").get(1));
        assertEquals(DataType.DATE, df.column("day").type());
        assertEquals(7L, df.column("code").get(0), "a given int64 column takes leading zeros, as DuckDB's cast does");
        TextFormatException e = assertThrows(TextFormatException.class, () -> LazyFrame.scanCsv(f.toString(),
                CsvOptions.defaults().withTypes(Map.of("code", DataType.BOOLEAN))).collect());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("given.csv:2") && e.getMessage().contains("'code'"), e.getMessage());
        Schema full = new Schema(List.of(Field.of("a", DataType.INT64), Field.of("b", DataType.FLOAT64),
                Field.of("c", DataType.STRING), Field.of("d", DataType.STRING)));
        DataFrame named = LazyFrame.scanCsv(f.toString(), CsvOptions.defaults().withSchema(full)).collect();
        assertEquals(List.of("a", "b", "c", "d"), named.schema().names());
        assertEquals(-0.005, named.column("b").get(1));
    }

    @Test
    void raggedRowsFailWithTheirLineOrAreSkippedOrPadded() throws Exception {
        Path f = write("ragged.csv", "x,y\n1,a\n2,\"multi\nline\"\n3\n4,d,extra\n5,e\n");
        TextFormatException e = assertThrows(TextFormatException.class, () -> LazyFrame.scanCsv(f.toString()).collect());
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("ragged.csv:5") && e.getMessage().contains("expected 2 fields, found 1"), e.getMessage());
        assertLikeDuckDb(f, CsvOptions.defaults().withIgnoreErrors(true), STRICT + ", ignore_errors=true");
        Path short_ = write("short.csv", "x,y,z\n1,a,b\n2\n3,c\n");
        assertLikeDuckDb(short_, CsvOptions.defaults().withNullPadding(true), STRICT + ", null_padding=true");
    }

    @Test
    void badValuesAndUnterminatedQuotesNameTheLine() throws Exception {
        StringBuilder sb = new StringBuilder("n,s\n");
        for (int i = 0; i < 30_000; i++) sb.append(i).append(",v").append(i).append('\n');
        sb.append("oops,v\n");
        Path f = write("badvalue.csv", sb.toString());
        // Inference samples 20,480 records: n is int64; the bad value is far past the sample.
        TextFormatException e = assertThrows(TextFormatException.class, () -> LazyFrame.scanCsv(f.toString()).collect());
        assertEquals(30_002, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("'oops' is not a int64"), e.getMessage());
        assertEquals(30_000, LazyFrame.scanCsv(f.toString(), CsvOptions.defaults().withIgnoreErrors(true)).collect().height());
        Path q = write("unterminated.csv", "a,b\n1,\"fine\"\n2,\"never closed\n3,x\n");
        TextFormatException u = assertThrows(TextFormatException.class, () -> LazyFrame.scanCsv(q.toString(),
                CsvOptions.defaults().withSchema(new Schema(List.of(Field.of("a", DataType.INT64), Field.of("b", DataType.STRING))))).collect());
        assertEquals(3, u.line(), u.getMessage());
        assertTrue(u.getMessage().contains("not closed"), u.getMessage());
    }

    /** Many chunks (quotes and newlines across chunk ends), several threads, gzip: DuckDB's values in order. */
    @Test
    void largeFilesParseInParallelChunks() throws Exception {
        Random rnd = new Random(42);
        StringBuilder sb = new StringBuilder("id,name,price,qty,day,note\n");
        for (int i = 0; i < 120_000; i++) {
            sb.append(i).append(',').append("name").append(rnd.nextInt(1000)).append(',')
                    .append(rnd.nextInt(100_000) / 100.0).append(',').append(rnd.nextInt(5) == 0 ? "" : Integer.toString(rnd.nextInt(1000))).append(',')
                    .append(String.format("2024-%02d-%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28))).append(',');
            switch (rnd.nextInt(5)) {
                case 0 -> sb.append("\"line one\nline two, with comma\"");
                case 1 -> sb.append("\"she said \"\"hi\"\"\"");
                case 2 -> sb.append("ünïcödé ").append(i);
                case 3 -> sb.append("");
                default -> sb.append("plain").append(i % 7);
            }
            sb.append('\n');
        }
        Path f = write("large.csv", sb.toString());
        assertTrue(Files.size(f) > 4 << 20, "several chunks");
        DataFrame one = assertLikeDuckDb(f, CsvOptions.defaults(), STRICT);
        DataFrame two = LazyFrame.scanCsv(f.toString()).withThreads(2).collect();
        assertEquals(one.toString(), two.toString());
        assertEquals(120_000, two.height());
        Path gz = dir.resolve("large.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertLikeDuckDb(gz, CsvOptions.defaults(), STRICT);
        Path zst = dir.resolve("large.csv.zst");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + f + "', " + STRICT + ")) TO '" + zst + "' (FORMAT csv, HEADER, COMPRESSION zstd)");
        }
        assertLikeDuckDb(zst, CsvOptions.defaults(), STRICT);
        // A filter, a projection and a limit over the same file agree with DuckDB's.
        DataFrame filtered = LazyFrame.scanCsv(f.toString()).filter(col("qty").gt(lit(900L))).select(col("id"), col("note")).withThreads(2).collect();
        assertSameRows("SELECT id, note FROM read_csv('" + f + "', " + STRICT + ") WHERE qty > 900", filtered);
        DataFrame head = LazyFrame.scanCsv(f.toString()).limit(5).collect();
        assertEquals(5, head.height());
        assertEquals(0L, head.column("id").get(0));
    }

    /** Without quotes, the fields after the last one read are only counted: values, counts and ragged rows as before. */
    @Test
    void projectionsOfQuoteFreeFilesSkipTheFieldsNobodyReads() throws Exception {
        StringBuilder sb = new StringBuilder("a,b,c,d\r\n");
        for (int i = 0; i < 70_000; i++) {
            sb.append(i).append(',').append(i % 13 == 0 ? "" : "s" + i).append(',').append(i * 0.5).append(',').append("tail,with,extra".substring(0, 4)).append("\r\n");
            if (i % 10_000 == 5) sb.append("\r\n"); // a blank line
        }
        Path f = write("quotefree.csv", sb.toString());
        for (int threads : new int[] {1, 2}) {
            DataFrame first = LazyFrame.scanCsv(f.toString()).select(col("a")).withThreads(threads).collect();
            assertSameRows("SELECT a FROM read_csv('" + f + "', " + STRICT + ")", first);
            DataFrame middle = LazyFrame.scanCsv(f.toString()).select(col("b"), col("a")).withThreads(threads).collect();
            assertSameRows("SELECT b, a FROM read_csv('" + f + "', " + STRICT + ")", middle);
            assertEquals(70_000L, LazyFrame.scanCsv(f.toString()).agg(dev.streamingadaptive.expr.Expr.len()).withThreads(threads).collect().column(0).get(0));
        }
        String ragged = sb.toString().replace("\r\n40000,s40000,20000.0,tail\r\n", "\r\n40000,s40000,20000.0,tail,extra\r\n");
        Path r = write("quotefree-ragged.csv", ragged);
        TextFormatException e = assertThrows(TextFormatException.class, () -> LazyFrame.scanCsv(r.toString()).select(col("a")).collect());
        assertTrue(e.getMessage().contains("expected 4 fields, found 5"), e.getMessage());
        assertEquals(40_006, e.line(), "header, 40,000 rows before it, four blank lines");
        TextFormatException none = assertThrows(TextFormatException.class, () -> LazyFrame.scanCsv(r.toString()).agg(dev.streamingadaptive.expr.Expr.len()).collect());
        assertEquals(40_006, none.line());
    }

    @Test
    void globsReadEveryFileAndCheckTheirHeaders() throws Exception {
        Path d = Files.createDirectories(dir.resolve("parts"));
        Files.writeString(d.resolve("a.csv"), "k,v\n1,x\n2,y\n");
        Files.writeString(d.resolve("b.csv"), "k,v\n3,z\n");
        DataFrame df = LazyFrame.scanCsv(d + "/*.csv").collect();
        assertEquals(3, df.height());
        assertEquals(3L, df.column("k").get(2));
        assertEquals(3, LazyFrame.scanCsv(d.toString()).collect().height(), "a directory reads its CSV files");
        Files.writeString(d.resolve("c.csv"), "k,w\n4,q\n");
        TextFormatException e = assertThrows(TextFormatException.class, () -> LazyFrame.scanCsv(d + "/*.csv").collect());
        assertTrue(e.getMessage().contains("c.csv") && e.getMessage().contains("differs"), e.getMessage());
    }

    @Test
    void memoryStaysWithinABudgetAndTheExplainNamesTheScan() throws Exception {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 200_000; i++) sb.append(i).append(",text").append(i).append('\n');
        Path f = write("budget.csv", sb.toString());
        MemoryManager budget = MemoryManager.fixed(64L << 20);
        LazyFrame q = LazyFrame.scanCsv(f.toString()).filter(col("a").lt(lit(10L))).withMemoryManager(budget).withThreads(2);
        assertEquals(10, q.collect().height());
        assertTrue(budget.peakTrackedBytes() <= 64L << 20, "peak " + budget.peakTrackedBytes());
        String plan = q.explain();
        assertTrue(plan.contains("SCAN CSV") && plan.contains("filter evaluated in the scan"), plan);
    }

    @Test
    void valueParsersFollowDuckDbCasts() {
        byte[] b = "  -12 ".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-12, TextValues.parseLong(b, 0, b.length));
        byte[] z = "007".getBytes(StandardCharsets.US_ASCII);
        assertEquals(7, TextValues.parseLong(z, 0, z.length), "casts read leading zeros");
        assertTrue(!TextValues.plainNumber(z, 0, z.length), "inference does not");
        double[] d = new double[1];
        for (String s : List.of("0.1", "123456789.123456789", "1e-7", "-0.0", "4.9e-324", "1.7976931348623157e308", "0.30000000000000004")) {
            byte[] x = s.getBytes(StandardCharsets.US_ASCII);
            assertTrue(TextValues.parseDouble(x, 0, x.length, d), s);
            assertEquals(Double.parseDouble(s), d[0], s);
        }
        boolean[] zone = new boolean[1];
        byte[] ts = "2024-02-29 23:59:59.9999999+01:00".getBytes(StandardCharsets.US_ASCII);
        long micros = TextValues.parseTimestamp(ts, 0, ts.length, zone);
        assertTrue(zone[0]);
        assertEquals(Instant.parse("2024-02-29T22:59:59.999999Z"), Instant.EPOCH.plusNanos(micros * 1000));
        byte[] bad = "2023-02-29".getBytes(StandardCharsets.US_ASCII);
        assertEquals(TextValues.NOT_DATE, TextValues.parseDate(bad, 0, bad.length));
    }

    private static void assertSameRows(String sql, DataFrame ours) throws Exception {
        dev.streamingadaptive.lazy.DuckDbRows.assertSame(duck, sql, ours, true, CsvScanTest::norm);
    }
}
