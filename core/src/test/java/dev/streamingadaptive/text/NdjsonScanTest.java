package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.format.TextFormatException;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.lazy.NdjsonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON-lines scans end to end: many chunks on several threads, gzip, filters and projections, against DuckDB's read_json. */
class NdjsonScanTest {
    @TempDir
    Path dir;

    private static String text(int records, long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < records; i++) {
            sb.append("{\"id\":").append(i).append(",\"price\":").append(rnd.nextInt(100_000) / 100.0)
                    .append(",\"name\":").append(rnd.nextInt(7) == 0 ? "null" : "\"n\\u00e9" + rnd.nextInt(50) + "\"")
                    .append(",\"ok\":").append(rnd.nextBoolean())
                    .append(",\"day\":\"2024-0").append(1 + rnd.nextInt(9)).append("-1").append(rnd.nextInt(10)).append('"')
                    .append(",\"s\":{\"a\":").append(rnd.nextInt(10)).append(",\"b\":\"x").append(i % 3).append("\"}")
                    .append(",\"tags\":[");
            int n = rnd.nextInt(4);
            for (int k = 0; k < n; k++) sb.append(k > 0 ? "," : "").append(rnd.nextInt(100));
            sb.append("]}").append(i % 5 == 0 ? "\r\n" : "\n");
            if (i % 1000 == 999) sb.append('\n'); // blank lines are skipped
        }
        return sb.toString();
    }

    private static List<String> duck(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int k = 1; k <= n; k++) sb.append(k > 1 ? " | " : "").append(rs.getObject(k));
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static List<String> rows(DataFrame df) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < df.height(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < df.width(); k++) sb.append(k > 0 ? " | " : "").append(df.column(k).get(r));
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void manyChunksOnTwoThreadsAndGzipGiveDuckDbsRows() throws Exception {
        String body = text(150_000, 7);
        Path f = dir.resolve("events.ndjson");
        Files.writeString(f, body);
        assertTrue(Files.size(f) > 8 << 20, "several chunks");
        Path gz = dir.resolve("events.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        LazyFrame scan = LazyFrame.scanNdjson(f.toString());
        assertEquals(List.of("id", "price", "name", "ok", "day", "s", "tags"), scan.schema().names());
        assertEquals(DataType.DATE, scan.schema().field("day").type());
        assertEquals(DataType.Kind.STRUCT, scan.schema().field("s").type().kind());
        assertEquals(DataType.Kind.LIST, scan.schema().field("tags").type().kind());
        String read = "read_json('" + f + "', format='newline_delimited')";
        List<String> expected = duck("SELECT id, price, name, ok, day, s.a, s.b, len(tags), list_sum(tags) FROM " + read + " ORDER BY id");
        for (String path : List.of(f.toString(), gz.toString())) {
            DataFrame df = LazyFrame.scanNdjson(path).withThreads(2).collect();
            List<String> ours = new ArrayList<>();
            for (int r = 0; r < df.height(); r++) {
                java.util.Map<?, ?> st = (java.util.Map<?, ?>) df.column("s").get(r);
                List<?> tags = (List<?>) df.column("tags").get(r);
                long sum = 0;
                for (Object t : tags) sum += ((Number) t).longValue();
                ours.add(df.column("id").get(r) + " | " + df.column("price").get(r) + " | " + df.column("name").get(r) + " | " + df.column("ok").get(r)
                        + " | " + df.column("day").get(r) + " | " + st.get("a") + " | " + st.get("b") + " | " + tags.size() + " | " + (tags.isEmpty() ? null : sum));
            }
            assertEquals(expected.size(), ours.size(), path);
            assertEquals(normalize(expected), normalize(ours), path);
        }
        DataFrame filtered = LazyFrame.scanNdjson(f.toString()).withThreads(2).filter(col("name").eq(lit("né7")))
                .select(col("id")).collect();
        List<String> want = duck("SELECT id FROM " + read + " WHERE name = 'né7' ORDER BY id");
        assertEquals(want, rows(filtered));
        assertEquals(5, LazyFrame.scanNdjson(f.toString()).limit(5).collect().height());
    }

    /** DuckDB prints empty list sums as null and lengths of null lists as null; ours as the same, but numbers of different classes. */
    private static List<String> normalize(List<String> rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (String r : rows) out.add(r.replaceAll("\\.0(?= |$)", ""));
        return out;
    }

    @Test
    void aBadLineFailsWithItsLineOrIsSkipped() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40_000; i++) sb.append("{\"a\":").append(i).append("}\n");
        sb.append("{\"a\": oops}\n{\"a\":1}\n");
        Path f = dir.resolve("bad.ndjson");
        Files.writeString(f, sb.toString());
        TextFormatException e = assertThrows(TextFormatException.class, () -> LazyFrame.scanNdjson(f.toString()).withThreads(2).collect());
        assertEquals(40_001, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("bad.ndjson:40001"), e.getMessage());
        assertEquals(40_001, LazyFrame.scanNdjson(f.toString(), NdjsonOptions.defaults().withIgnoreErrors(true)).collect().height());
    }
}
