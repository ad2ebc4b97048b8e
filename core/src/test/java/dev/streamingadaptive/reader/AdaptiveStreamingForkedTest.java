package dev.streamingadaptive.reader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 4's "done when": a file whose decoded size is many times the heap is streamed to the end
 * in a separate small JVM ({@code -Xmx160m}) and in a JVM without {@code -Xmx} inside a 1 GiB
 * cgroup (v1 memory controller, when this machine lets us make one), where {@code collect()} of the
 * same file must be refused cleanly.
 */
class AdaptiveStreamingForkedTest {
    private static final long ROWS = 40_000_000;
    private static final long MB = 1L << 20;

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void generate() throws Exception {
        file = dir.resolve("large.parquet");
        write(file, ROWS, "");
    }

    /**
     * {@code rows} rows of six numeric columns: 44 decoded bytes a row (1.76 GB for 40M rows), but
     * runs of repeated values, so a few MB on disk.
     */
    static void write(Path target, long rows, String options) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 2");
            s.execute("COPY (SELECT (i // 100) % 1000 AS a, ((i // 10) % 500)::DOUBLE AS b, (i // 1000) % 10007 AS c, "
                    + "((i // 50) % 13)::INTEGER AS d, (i // 200) % 65536 AS e, (((i // 20) % 101) * 0.5)::DOUBLE AS f "
                    + "FROM range(" + rows + ") t(i)) TO '" + target + "' (FORMAT parquet, COMPRESSION zstd" + options + ")");
        }
    }

    /** Runs {@code prefix + java [jvmArgs] AdaptiveStreamingChild args}, killing it after 120 s. */
    static ChildJvm.Result runChild(List<String> prefix, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        return ChildJvm.run(dir, 120, prefix, jvmArgs, AdaptiveStreamingChild.class, args);
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    void streamsAFileTenTimesTheHeapWithinTheBudget() throws Exception {
        long budget = 32 * MB;
        ChildJvm.Result c = runChild(List.of(), List.of("-Xmx160m"), file.toString(), String.valueOf(budget));
        assertEquals(0, c.exit(), "child failed\nstdout:\n" + c.out() + "\nstderr:\n" + c.err());
        assertFalse(c.values().containsKey("OOM"), c.out());
        assertFalse(c.err().contains("OutOfMemoryError"), c.err());
        assertTrue(c.values().containsKey("DONE"), c.out());
        assertEquals(ROWS, c.num("ROWS"));
        long heap = c.num("MAXHEAP");
        assertTrue(heap <= 170 * MB, "child heap " + heap);
        assertTrue(c.num("DECODED") >= 10 * heap, "decoded " + c.num("DECODED") + " bytes is not 10x the heap " + heap);
        assertTrue(c.num("PEAK") <= budget, "peak tracked " + c.num("PEAK") + " > budget " + budget);
        assertTrue(c.num("PEAK") > 0);
        assertTrue(c.num("MAXBATCH") <= budget, "largest batch " + c.num("MAXBATCH"));
        assertEquals(0, c.num("TRACKED_AFTER"));
        assertTrue(c.num("BATCHES") >= 55, "batches of at most 32 MB: " + c.num("BATCHES"));
    }

    /**
     * Row groups of 1M rows whose pages each hold ~1M values (runs compress them to a few KB): a
     * batch under a 32 MB budget must not keep the decoded rest of every page alive beyond the heap.
     * (With row groups of DuckDB's default 122,880 rows the same data streams with ~45 MB live.)
     */
    @Test
    void largePagesStayWithinTheBudgetInASmallHeap() throws Exception {
        Path bigPages = dir.resolve("big-pages.parquet");
        write(bigPages, 10_000_000, ", ROW_GROUP_SIZE 1000000");
        long budget = 32 * MB;
        // A 32 MB budget in a heap four times larger; G1 (the server default) fails where fragmentation-free Serial may pass.
        ChildJvm.Result c = runChild(List.of(), List.of("-Xmx128m", "-XX:+UseG1GC"), bigPages.toString(), String.valueOf(budget));
        assertEquals(0, c.exit(), "child failed\nstdout:\n" + c.out() + "\nstderr:\n" + c.err());
        assertEquals(10_000_000, c.num("ROWS"));
        assertTrue(c.num("PEAK") <= budget, "peak tracked " + c.num("PEAK") + " > budget " + budget);
    }

    @Test
    void inAOneGigabyteCgroupStreamWorksAndCollectIsRefused() throws Exception {
        Path parent = ownMemoryCgroup();
        assumeTrue(parent != null, "no writable cgroup v1 memory controller");
        Path cg = parent.resolve("streaming-adaptive-test-" + ProcessHandle.current().pid());
        try {
            try {
                Files.createDirectory(cg);
                Files.writeString(cg.resolve("memory.limit_in_bytes"), String.valueOf(1L << 30));
            } catch (IOException | RuntimeException e) {
                assumeTrue(false, "cannot make a memory cgroup: " + e);
            }
            String procs = cg.resolve("cgroup.procs").toString();
            // The wrapper shell moves itself into the cgroup, then becomes the JVM (no -Xmx: it sizes its heap from the limit).
            List<String> wrapper = List.of("sh", "-c", "echo $$ > " + shellQuote(procs) + " && exec \"$@\"", "sh");
            ChildJvm.Result c = runChild(wrapper, List.of(), file.toString(), "system", "collect");
            assertEquals(0, c.exit(), "child failed (killed by the cgroup?)\nstdout:\n" + c.out() + "\nstderr:\n" + c.err());
            assertFalse(c.values().containsKey("OOM"), c.out());
            assertTrue(c.values().containsKey("DONE"), c.out());
            assertEquals(ROWS, c.num("ROWS"));
            long heap = c.num("MAXHEAP");
            assertTrue(heap <= 1L << 30, "the JVM saw the container: max heap " + heap);
            assertTrue(c.num("AVAILABLE") <= 1L << 30, "system() saw the container: " + c.num("AVAILABLE"));
            assertTrue(c.num("DECODED") > 1L << 30, "the file decodes to more than the container");
            assertTrue(c.values().containsKey("COLLECT_REFUSED"), "collect() was not refused:\n" + c.out());
            String[] figures = c.values().get("COLLECT_REFUSED").split(" ");
            assertTrue(Long.parseLong(figures[0]) > Long.parseLong(figures[1]), c.out());
            assertTrue(c.values().get("MESSAGE").contains("stream()"), c.out());
            assertEquals(0, c.num("TRACKED_AFTER"));
        } finally {
            removeCgroup(cg);
        }
    }

    /** This process's memory cgroup directory under /sys/fs/cgroup/memory when it is writable, else null. */
    static Path ownMemoryCgroup() {
        try {
            Path root = Path.of("/sys/fs/cgroup/memory");
            if (!Files.isDirectory(root) || !Files.isWritable(root)) return null;
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3 && List.of(parts[1].split(",")).contains("memory")) {
                    Path own = root.resolve(parts[2].startsWith("/") ? parts[2].substring(1) : parts[2]);
                    return Files.isDirectory(own) && Files.isWritable(own) ? own : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    static void removeCgroup(Path cg) throws InterruptedException {
        if (!Files.isDirectory(cg)) return;
        // A cgroup can be removed once its processes are gone; the child may take a moment to exit.
        for (int i = 0; i < 50; i++) {
            try {
                Files.delete(cg);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        System.err.println("could not remove cgroup " + cg);
    }
}
