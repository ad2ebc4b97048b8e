package dev.streamingadaptive.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cat} of a file that is truncated while it is being read — after the first rows were
 * printed, at 20 offsets per codec (100 in all), with and without checksum verification — ends in one clear line
 * naming the file and saying it was truncated (exit 1), or in every row when the cut spared the data
 * still to read. Never a JVM crash (a crash takes the test fork down and fails the build).
 */
class TruncatedWhileReadingTest {
    private static final int ROWS = 1_000_000;
    private static final List<String> CODECS = List.of("uncompressed", "snappy", "gzip", "zstd", "lz4_raw");

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String codec : CODECS) {
                s.execute("COPY (SELECT i, hash(i) % 100000 * 0.25 AS d, 'v' || (hash(i) % 5000) AS s FROM range(" + ROWS + ") t(i)) TO '"
                        + dir.resolve(codec + ".parquet") + "' (FORMAT parquet, COMPRESSION " + codec + ", ROW_GROUP_SIZE 100000)");
            }
        }
    }

    /** Truncates {@code file} to {@code length} bytes when the first output is written. */
    private static final class TruncatingWriter extends Writer {
        private final StringWriter out = new StringWriter();
        private final Path file;
        private final long length;
        private boolean cut;

        TruncatingWriter(Path file, long length) {
            this.file = file;
            this.length = length;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            if (!cut && len > 0) {
                cut = true;
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.setLength(length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            out.write(buf, off, len);
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    }

    @Test
    void catEndsInAClearErrorOrEveryRow() throws Exception {
        int truncated = 0;
        List<String> outcomes = new ArrayList<>();
        for (String codec : CODECS) {
            Path file = dir.resolve(codec + ".parquet");
            long size = Files.size(file);
            for (int k = 1; k <= 20; k++) {
                boolean skipChecksums = k % 2 == 0;
                long cut = size * k / 21;
                if (k % 3 == 0) cut &= ~4095L;
                Path copy = dir.resolve("cut-" + codec + "-" + k + ".parquet");
                Files.copy(file, copy);
                TruncatingWriter w = new TruncatingWriter(copy, cut);
                StringWriter err = new StringWriter();
                List<String> args = new ArrayList<>(List.of("cat", copy.toString(), "--format", "csv", "--memory-limit", "16m"));
                if (skipChecksums) args.add("--skip-checksums");
                int code = Main.commandLine(new PrintWriter(w), new PrintWriter(err)).execute(args.toArray(String[]::new));
                String what = codec + " cut at " + cut + " of " + size;
                if (code == 0) {
                    assertEquals(ROWS + 1, w.out.toString().split("\n").length, what + ": a successful read has every row");
                } else {
                    assertEquals(1, code, what + ": " + err);
                    String line = err.toString().strip();
                    assertTrue(line.contains(copy.toString()) && line.contains("truncated to " + cut), what + ": " + line);
                    assertEquals(1, line.lines().count(), what + ": one line: " + line);
                    truncated++;
                }
                outcomes.add(what + " -> exit " + code);
                Files.delete(copy);
            }
        }
        // Cuts in the first half of a file always take data still to be read.
        assertTrue(truncated >= CODECS.size() * 10, truncated + " reads ended in the truncation error: " + outcomes);
    }
}
