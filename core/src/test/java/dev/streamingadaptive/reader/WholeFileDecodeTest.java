package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * readAll decodes flat fixed-width columns straight into the whole-file arrays and spreads each row group's values
 * over its nulls in place; page and level buffers pass from chunk to chunk. Every value equals DuckDB's, for row
 * groups without nulls, all null, and mixed, with PLAIN and dictionary-encoded values, at 1 and 2 threads.
 */
class WholeFileDecodeTest {

    @Test
    void valuesEqualDuckDbAcrossNullPatternsAndEncodings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.parquet");
        int rows = 30_000;
        // Row group g = i / 1000: g % 4 == 0 no nulls, 1 all null, 2 every third null, 3 a null run in the middle.
        String nullIf = "(CASE (i // 1000) % 4 WHEN 0 THEN false WHEN 1 THEN true WHEN 2 THEN i % 3 = 0 ELSE i % 1000 BETWEEN 300 AND 700 END)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i::BIGINT AS id,"
                    + " CASE WHEN " + nullIf + " THEN NULL ELSE (i * 7)::INTEGER END AS i32,"
                    + " CASE WHEN " + nullIf + " THEN NULL ELSE i * 1000003 END AS i64,"
                    + " CASE WHEN " + nullIf + " THEN NULL ELSE (i % 5)::BIGINT END AS i64dict,"
                    + " CASE WHEN " + nullIf + " THEN NULL ELSE (i * 0.25)::FLOAT END AS f32,"
                    + " CASE WHEN " + nullIf + " THEN NULL ELSE i / 7.0 END AS f64,"
                    + " CASE WHEN " + nullIf + " THEN NULL ELSE (i % 3) * 1.5 END AS f64dict"
                    + " FROM range(" + rows + ") t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
            for (int threads : new int[] {1, 2}) {
                DataFrame df;
                try (MmapParquetReader r = MmapParquetReader.open(file).withThreads(threads)) {
                    df = r.readAll();
                }
                assertEquals(rows, df.height());
                try (ResultSet rs = s.executeQuery("SELECT i32, i64, i64dict, f32, f64, f64dict FROM '" + file + "' ORDER BY id")) {
                    int row = 0;
                    String[] names = {"i32", "i64", "i64dict", "f32", "f64", "f64dict"};
                    while (rs.next()) {
                        for (int k = 0; k < names.length; k++) {
                            Object want = rs.getObject(k + 1);
                            Object got = df.column(names[k]).get(row);
                            assertEquals(want, got, names[k] + " row " + row + " at " + threads + " threads");
                        }
                        row++;
                    }
                    assertEquals(rows, row);
                }
            }
        }
    }
}
