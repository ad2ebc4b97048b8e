package dev.streamingadaptive.reader;

import dev.streamingadaptive.spill.SpillDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Spilling when things go wrong, in child JVMs: a JVM killed mid-spill leaves its run folder, which
 * the next run deletes before spilling correctly itself; a disk that fills up during a spill ends the
 * query with a {@link dev.streamingadaptive.spill.SpillException} naming the folder, not a crash, and
 * leaves no files.
 */
class SpillFailureForkedTest {
    @TempDir static Path dir;
    static Path table;
    static long expectedN;
    static long expectedSum;

    @BeforeAll
    static void write() throws Exception {
        table = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i % 400000 AS k, i AS v, 'payload-' || i AS s FROM range(1600000) r(i)) TO '" + table
                    + "' (FORMAT parquet)");
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(b.v) FROM '" + table + "' a JOIN '" + table + "' b ON a.k = b.k")) {
                rs.next();
                expectedN = rs.getLong(1);
                expectedSum = rs.getLong(2);
            }
        }
    }

    private static List<Path> runFolders(Path base) throws Exception {
        if (!Files.isDirectory(base)) return List.of();
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
        }
    }

    private static long files(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aJvmKilledMidSpillLeavesNothingThatBreaksTheNextRun() throws Exception {
        Path base = dir.resolve("kill");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), SpillFailureChild.class.getName(),
                table.toString(), base.toString(), "loop"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("kill.out").toFile()).start();
        Path run = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (run == null && System.nanoTime() < deadline && p.isAlive()) {
                for (Path r : runFolders(base)) if (files(r) > 0) run = r;
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        assertTrue(run != null, "the child spilled: " + Files.readString(dir.resolve("kill.out")));
        assertTrue(Files.exists(run) && files(run) > 0, "a killed JVM cannot delete its spill files");

        // The next run: its spill folder is made after deleting the dead run's.
        ChildJvm.Result next = ChildJvm.run(dir, 300, List.of(), List.of("-Xmx256m"), SpillFailureChild.class, table.toString(),
                base.toString(), "once");
        assertEquals(0, next.exit(), next.err());
        assertEquals(expectedN, next.num("N"), next.out());
        assertEquals(expectedSum, next.num("SUM"));
        assertEquals(0, next.num("FILES_LEFT"), "the dead run's files and the run's own are gone");
        assertFalse(Files.exists(run));
        try (SpillDirectory again = SpillDirectory.create(base)) {
            assertEquals(List.of(again.folder()), runFolders(base));
        }
    }

    /**
     * The spill folder on a 4 MB tmpfs (a mount namespace of the child's own: {@code unshare -rm}), far
     * less than the join writes: the write fails with "No space left on device".
     */
    @Test
    void aFullDiskDuringASpillIsAClearErrorAndLeavesNoFiles() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        List<String> prefix = List.of("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=4m tmpfs \"$0\" && exec \"$@\"", mount.toString());
        boolean canMount;
        try {
            Process probe = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs \"$0\"", mount.toString())
                    .redirectErrorStream(true).start();
            canMount = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (java.io.IOException e) {
            canMount = false;
        }
        assumeTrue(canMount, "cannot mount a small tmpfs here (needs unshare and user namespaces): the full-disk case is not run");
        ChildJvm.Result r = ChildJvm.run(dir, 300, prefix, List.of("-Xmx256m"), SpillFailureChild.class, table.toString(),
                mount.resolve("spill").toString(), "once");
        assertEquals(0, r.exit(), r.out() + r.err());
        String error = r.text("SPILL_ERROR");
        assertTrue(error.contains("No space left on device"), error);
        assertTrue(error.contains(mount.resolve("spill").toString()) && error.contains(SpillDirectory.BASE_PROPERTY), error);
        assertEquals(0, r.num("FILES_LEFT"), r.out());
        assertFalse(r.out().contains("OutOfMemoryError") || r.err().contains("OutOfMemoryError"), r.err());
    }
}
