package dev.streamingadaptive.spill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of this run's spill files: {@code <base>/run-<pid>-<n>}, deleted with everything in it on
 * {@link #close()} and, for folders still open, when the JVM exits. A JVM killed mid-spill cannot
 * delete its folder, so {@link #create} first deletes the run folders of processes that no longer
 * exist: what a killed run leaves behind never accumulates nor breaks the next run.
 *
 * <p>The base folder is {@value #BASE_PROPERTY} if set, else {@code streaming-adaptive-spill} under
 * {@code java.io.tmpdir}.
 */
public final class SpillDirectory implements AutoCloseable {
    /** System property naming the base folder of spill files. */
    public static final String BASE_PROPERTY = "streamingadaptive.spill.dir";

    private static final Pattern RUN = Pattern.compile("run-(\\d+)-\\d+");
    private static final AtomicLong RUNS = new AtomicLong();
    private static final Set<SpillDirectory> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (SpillDirectory d : OPEN) d.deleteQuietly();
        }, "spill-cleanup"));
    }

    private final Path folder;
    private final AtomicLong files = new AtomicLong();
    private volatile boolean closed;

    private SpillDirectory(Path folder) {
        this.folder = folder;
    }

    /** The default base folder (see the class comment). */
    public static Path defaultBase() {
        String configured = System.getProperty(BASE_PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "streaming-adaptive-spill");
    }

    /** A new run folder under {@link #defaultBase()}. */
    public static SpillDirectory create() {
        return create(defaultBase());
    }

    /**
     * A new run folder under {@code base}, after deleting the run folders there of processes that
     * have ended.
     *
     * @throws SpillException when the folder cannot be made
     */
    public static SpillDirectory create(Path base) {
        try {
            Files.createDirectories(base);
            deleteStaleRuns(base);
            Path folder = base.resolve("run-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet());
            Files.createDirectory(folder);
            SpillDirectory d = new SpillDirectory(folder);
            OPEN.add(d);
            return d;
        } catch (IOException e) {
            throw new SpillException("cannot make a spill folder under " + base + ": " + e.getMessage()
                    + "; set -D" + BASE_PROPERTY + "=<folder with free space>", e);
        }
    }

    private static void deleteStaleRuns(Path base) throws IOException {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, "run-*")) {
            for (Path run : runs) {
                Matcher m = RUN.matcher(run.getFileName().toString());
                if (!m.matches()) continue;
                long pid = Long.parseLong(m.group(1));
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) deleteTree(run);
            }
        }
    }

    /** This run's folder. */
    public Path folder() {
        return folder;
    }

    /** A path for a new file in this run's folder (not created). */
    public Path newFile(String what) {
        if (closed) throw new IllegalStateException("spill folder " + folder + " is closed");
        return folder.resolve(what.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + files.incrementAndGet() + ".parquet");
    }

    /** Deletes the folder and every file in it. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        OPEN.remove(this);
        try {
            deleteTree(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete spill folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private void deleteQuietly() {
        try {
            deleteTree(folder);
        } catch (IOException | RuntimeException ignored) {
            // at exit: nothing else can be done
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }
}
