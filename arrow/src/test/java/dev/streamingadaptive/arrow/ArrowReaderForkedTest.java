package dev.streamingadaptive.arrow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A 40M-row scan (about 1 GB decoded) exported as an Arrow reader runs in a 256 MB heap with the default
 * memory settings: every row arrives with DuckDB's sums, the heap in use stays far below the data, and
 * the Arrow memory peaks at a few batches. Rows: {@code -Dstreamingadaptive.test.arrowRows=N}.
 */
class ArrowReaderForkedTest {
    private static final long MB = 1 << 20;
    private static final long ROWS = Long.getLong("streamingadaptive.test.arrowRows", 40_000_000L);

    @TempDir Path dir;

    @Test
    void aFortyMillionRowScanStreamsThroughArrowIn256MbOfHeap() throws Exception {
        Path file = dir.resolve("trades.parquet");
        String select = "SELECT i AS id, 'SYM' || lpad((hash(i) % 500)::VARCHAR, 4, '0') AS symbol, "
                + "round((hash(i * 7) % 100000) / 100.0, 2) AS price, ((hash(i * 13) % 1000) + 1)::BIGINT AS size, "
                + "TIMESTAMP '2024-01-01' + to_microseconds(i * 1000) AS ts FROM range(" + ROWS + ") t(i)";
        long sumSize, sumCents;
        try (Connection c = TestData.duckDb(); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1000000)");
            try (ResultSet rs = s.executeQuery("SELECT sum(size), sum(round(price * 100)::BIGINT) FROM '" + file + "'")) {
                rs.next();
                sumSize = rs.getLong(1);
                sumCents = rs.getLong(2);
            }
        }
        Map<String, Long> out = child(file, "-Xmx256m");
        String what = ROWS + " rows through FrameArrowReader in -Xmx256m";
        assertEquals(ROWS, out.get("ROWS"), what);
        assertEquals(sumSize, out.get("SUM_SIZE"), what);
        assertEquals(sumCents, out.get("SUM_PRICE_CENTS"), what);
        assertTrue(out.get("HEAP_OVER") < 200 * MB, what + ": heap in use after GC " + out.get("HEAP_OVER"));
        assertTrue(out.get("ARROW_PEAK") < 256 * MB, what + ": Arrow memory peak " + out.get("ARROW_PEAK"));
        System.out.println(what + ": " + out.get("MILLIS") + " ms, " + out.get("BATCHES") + " batches, heap in use after GC at most "
                + out.get("HEAP_OVER") / MB + " MB, Arrow peak " + out.get("ARROW_PEAK") / MB + " MB");
    }

    private Map<String, Long> child(Path file, String heap) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, heap, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ArrowScanChild.class.getName(), file.toString()));
        Path outFile = dir.resolve("child.out"), errFile = dir.resolve("child.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("child did not finish in 600 s");
        }
        String stdout = Files.readString(outFile);
        assertEquals(0, p.exitValue(), "child failed\nstdout:\n" + stdout + "\nstderr:\n" + Files.readString(errFile));
        Map<String, Long> values = new HashMap<>();
        for (String line : stdout.split("\n")) {
            String[] kv = line.split(" ");
            if (kv.length == 2) values.put(kv[0], Long.parseLong(kv[1]));
        }
        return values;
    }
}
