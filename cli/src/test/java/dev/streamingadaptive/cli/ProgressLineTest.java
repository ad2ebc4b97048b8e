package dev.streamingadaptive.cli;

import dev.streamingadaptive.reader.ParallelStreamReader;
import dev.streamingadaptive.reader.ScanStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The progress line says what the live statistics say, and draws nothing when the console is not a
 * terminal (as under a test, a pipe or a file).
 */
class ProgressLineTest {
    @TempDir Path dir;

    @Test
    void rendersRowGroupsRowsBytesAndTime() throws Exception {
        Path f = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i, i * 2 AS j FROM range(100000) t(i)) TO '" + f + "' (FORMAT parquet, ROW_GROUP_SIZE 25000)");
        }
        ScanStatistics live = new ScanStatistics();
        assertEquals("reading footers · 0 rows · 0.0 KB · 0.0 s", ProgressLine.render(live, Duration.ZERO));
        try (ParallelStreamReader r = new ParallelStreamReader(java.util.List.of(f)).withThreads(1).withStatistics(live);
             var batches = r.stream()) {
            batches.forEach(b -> { });
        }
        String line = ProgressLine.render(live, Duration.ofMillis(3250));
        assertEquals("reading 4/4 row groups (100%) · 100,000 rows · " + String.format(java.util.Locale.ROOT, "%.1f KB", live.bytesRead() / 1024.0)
                + " · 3.3 s", line);
    }

    @Test
    void textScansShowRowsAndBytesParsed() throws Exception {
        Path f = dir.resolve("t.csv");
        java.nio.file.Files.writeString(f, "a,b\n1,x\n2,y\n3,z\n");
        ScanStatistics live = new ScanStatistics();
        dev.streamingadaptive.lazy.LazyFrame.scanCsv(f.toString()).withStatistics(live).collect();
        assertEquals("reading text · 3 rows · 0.0 KB · 1.0 s", ProgressLine.render(live, Duration.ofSeconds(1)));
    }

    @Test
    void drawsNothingWhenNotATerminal() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(text);
        try (ProgressLine p = ProgressLine.start(new ScanStatistics(), err)) {
            Thread.sleep(ProgressLine.QUIET_MILLIS + 3 * ProgressLine.REDRAW_MILLIS);
        }
        assertEquals("", text.toString());
    }
}
