package dev.streamingadaptive.oracle;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code *_expect.csv} companions in parquet-testing/data: a header row (names may differ
 * slightly from the Parquet names, e.g. a leading space, so columns are matched by position), one
 * row per Parquet row in file order; an unquoted empty field is null, a quoted one ("") an
 * empty string.
 */
class ExpectCsvTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column", "delta_encoding_required_column"})
    void matchesCsv(String base) throws Exception {
        Path data = OracleSupport.testingDir().resolve("data");
        List<List<String>> csv = parse(Files.readString(data.resolve(base + "_expect.csv"), StandardCharsets.UTF_8));
        List<String> header = csv.get(0);
        DataFrame df = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (MmapParquetReader r = MmapParquetReader.open(data.resolve(base + ".parquet"))) { return r.readAll(); }
        });
        assertEquals(header.size(), df.width(), base + ": column count");
        assertEquals(csv.size() - 1, df.height(), base + ": row count");
        List<String> names = df.schema().names();
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            var col = df.column(names.get(c));
            for (int r = 0; r < df.height(); r++) {
                String want = csv.get(r + 1).get(c);
                String got = text(col.get(r));
                if (want == null ? got != null : !want.equals(got)) {
                    failures.add(base + ": row " + r + ", column " + names.get(c) + " (csv " + header.get(c) + "): expected "
                            + (want == null ? "null" : '"' + want + '"') + " vs ours " + (got == null ? "null" : '"' + got + '"'));
                    break;   // first mismatch per column
                }
            }
        }
        if (!failures.isEmpty()) fail(failures.size() + " column(s) differ:\n" + String.join("\n", failures));
    }

    /** The CSV reading above agrees with DuckDB's reading of the Parquet file (proves the null/quote convention). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column", "delta_encoding_required_column"})
    void csvAgreesWithDuckDb(String base) throws Exception {
        Path data = OracleSupport.testingDir().resolve("data");
        List<List<String>> csv = parse(Files.readString(data.resolve(base + "_expect.csv"), StandardCharsets.UTF_8));
        try (DuckDbOracle o = new DuckDbOracle();
             var st = o.connection().createStatement();
             var rs = st.executeQuery("SELECT * FROM read_parquet(" + DuckDbOracle.lit(data.resolve(base + ".parquet").toString()) + ")")) {
            int cols = rs.getMetaData().getColumnCount();
            assertEquals(csv.get(0).size(), cols);
            int r = 0;
            while (rs.next()) {
                r++;
                for (int c = 0; c < cols; c++) {
                    Object v = rs.getObject(c + 1);
                    assertEquals(csv.get(r).get(c), v == null ? null : v.toString(), base + " row " + (r - 1) + " col " + c);
                }
            }
            assertEquals(csv.size() - 1, r);
        }
    }

    static String text(Object v) {
        if (v == null) return null;
        if (v instanceof byte[] b) return new String(b, StandardCharsets.UTF_8);
        if (v instanceof BigDecimal d) return d.toPlainString();
        return v.toString();
    }

    /** RFC 4180 with the null convention above. */
    static List<List<String>> parse(String s) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n) {
            String field;
            if (s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    char c = s.charAt(i++);
                    if (c == '"') {
                        if (i < n && s.charAt(i) == '"') { sb.append('"'); i++; } else break;
                    } else sb.append(c);
                }
                field = sb.toString();
            } else {
                int start = i;
                while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') i++;
                field = i == start ? null : s.substring(start, i);
            }
            row.add(field);
            if (i >= n) { rows.add(row); break; }
            char c = s.charAt(i++);
            if (c == '\r' && i < n && s.charAt(i) == '\n') i++;
            if (c != ',') {
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        return rows;
    }
}
