package dev.streamingadaptive.cli;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest {
    @TempDir Path dir;

    record Run(int exit, String err) {}

    static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new GenerateCommand());
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, err.toString());
    }

    static ResultSet query(Statement st, String sql) throws Exception {
        ResultSet rs = st.executeQuery(sql);
        assertTrue(rs.next());
        return rs;
    }

    @Test
    void tradesSplitAcrossFilesAreValidAndContinuous() throws Exception {
        Path out = dir.resolve("trades");
        Run r = run("trades", "--rows", "100001", "--out", out.toString(), "--files", "3", "--row-group-size", "20000", "--batch-size", "7000");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().startsWith("generated 100,001 trades rows in 3 files"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        for (int k = 0; k < 3; k++) assertTrue(Files.exists(out.resolve("part-0000" + k + ".parquet")));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String src = "read_parquet('" + out + "/*.parquet')";
            ResultSet rs = query(st, "SELECT count(*), count(DISTINCT trade_id), min(trade_id), max(trade_id), count(cond), "
                    + "count(DISTINCT symbol), count(DISTINCT exchange), min(size), max(size), min(ts) FROM " + src);
            assertEquals(100001, rs.getLong(1));
            assertEquals(100001, rs.getLong(2));
            assertEquals(1, rs.getLong(3));
            assertEquals(100001, rs.getLong(4));
            double condShare = rs.getLong(5) / 100001.0;
            assertTrue(condShare > 0.17 && condShare < 0.23, "cond non-null share " + condShare);
            assertTrue(rs.getLong(6) > 1000, "symbols " + rs.getLong(6));
            assertEquals(8, rs.getLong(7));
            assertTrue(rs.getInt(8) >= 1 && rs.getInt(9) <= 10_000);
            assertEquals("2024-01-02 09:30", rs.getString(10).substring(0, 16));
            // timestamps and ids increase in file order
            rs = query(st, "SELECT count(*) FROM (SELECT ts, trade_id, lag(ts) OVER (ORDER BY trade_id) AS p FROM " + src + ") WHERE ts < p");
            assertEquals(0, rs.getLong(1));
            rs = query(st, "SELECT count(*) FROM " + src + " WHERE price <> round(price, 2) OR price <= 0");
            assertEquals(0, rs.getLong(1));
            rs = query(st, "SELECT count(*) FROM parquet_metadata('" + out + "/part-00000.parquet') WHERE path_in_schema = 'ts'");
            assertEquals(2, rs.getLong(1), "33,334 rows at 20,000 per row group");
        }
        try (MmapParquetReader reader = MmapParquetReader.open(out.resolve("part-00001.parquet"))) {
            DataFrame df = reader.readAll();
            assertEquals(33334, df.height());
            assertEquals(java.util.List.of("ts", "symbol", "price", "size", "exchange", "is_buy", "trade_id", "cond"), df.schema().names());
            assertEquals(33335L + 1, df.column("trade_id").get(1));
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherData() throws Exception {
        Path a = dir.resolve("a.parquet"), b = dir.resolve("b.parquet"), c = dir.resolve("c.parquet");
        assertEquals(0, run("logs", "--rows", "20000", "--out", a.toString()).exit());
        assertEquals(0, run("logs", "--rows", "20000", "--out", b.toString(), "--batch-size", "999").exit());
        assertEquals(0, run("logs", "--rows", "20000", "--out", c.toString(), "--seed", "7").exit());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "deterministic regardless of batch size");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void logsAndFeaturesLookRight() throws Exception {
        Path logs = dir.resolve("logs.parquet"), feats = dir.resolve("f.parquet");
        assertEquals(0, run("logs", "--rows", "30000", "--out", logs.toString(), "--codec", "zstd").exit());
        assertEquals(0, run("features", "--rows", "30000", "--out", feats.toString(), "--codec", "gzip").exit());
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement()) {
            ResultSet rs = query(st, "SELECT count(*), min(length(message)), max(length(message)), count(DISTINCT service), "
                    + "count(*) FILTER (WHERE level = 'INFO'), count(DISTINCT level), min(latency_ms) FROM '" + logs + "'");
            assertEquals(30000, rs.getLong(1));
            assertTrue(rs.getInt(2) >= 50 && rs.getInt(3) <= 200, rs.getInt(2) + ".." + rs.getInt(3));
            assertEquals(50, rs.getLong(4));
            assertTrue(rs.getLong(5) > 30000 * 0.6, "INFO dominates");
            assertEquals(5, rs.getLong(6));
            assertTrue(rs.getDouble(7) > 0);
            rs = query(st, "SELECT count(*), avg(f00), stddev(f49), avg(label), corr(f00, label), count(*) FILTER (WHERE label NOT IN (0, 1)) FROM '" + feats + "'");
            assertEquals(30000, rs.getLong(1));
            assertEquals(0, rs.getDouble(2), 0.05);
            assertEquals(1, rs.getDouble(3), 0.05);
            assertEquals(0.5, rs.getDouble(4), 0.1);
            assertTrue(rs.getDouble(5) > 0.3, "label depends on f00");
            assertEquals(0, rs.getLong(6));
            rs = query(st, "DESCRIBE SELECT * FROM '" + feats + "'");
            assertEquals("f00", rs.getString(1));
            assertEquals("DOUBLE", rs.getString(2));
        }
    }

    @Test
    void errorsAreOneLineAndExitOne() throws Exception {
        Run r = run("quotes", "--rows", "10", "--out", dir.resolve("x.parquet").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("unknown dataset 'quotes'"), r.err());
        r = run("trades", "--rows", "10", "--out", dir.resolve("x.parquet").toString(), "--codec", "brotli");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("unknown codec"), r.err());
        r = run("trades", "--rows", "-1", "--out", dir.resolve("x.parquet").toString());
        assertEquals(1, r.exit());
        Files.writeString(dir.resolve("file"), "x");
        r = run("trades", "--rows", "10", "--out", dir.resolve("file").toString(), "--files", "2");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("not a folder"), r.err());
        assertFalse(Files.exists(dir.resolve("x.parquet")));
    }

    @Test
    void zeroRowsGivesAnEmptyValidFile() throws Exception {
        Path f = dir.resolve("empty.parquet");
        assertEquals(0, run("trades", "--rows", "0", "--out", f.toString()).exit());
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement()) {
            assertEquals(0, query(st, "SELECT count(*) FROM '" + f + "'").getLong(1));
        }
    }
}
