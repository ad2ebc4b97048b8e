package dev.streamingadaptive.fuzz;

import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.parquet.ParquetFormatException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The child JVM of a fuzzing round: reads mutants {@code [from, to)} one after another, each through
 * the {@link ReadMode} its index picks, and sorts what happened. Before each mutant it writes the
 * index and the counts so far to the progress file, so that when the JVM dies the parent knows which
 * mutant killed it. A mutant still running after the hang limit is saved and the JVM halts (exit 4);
 * an exception other than the typed ones is saved with its stack trace and counted.
 *
 * <p>Arguments: {@code SEED_LIST ROUND_SEED FROM TO WORK_DIR OUT_DIR HANG_SECONDS}.
 */
public final class FuzzWorker {
    /** Exit code of a child that stopped on a hang. */
    static final int EXIT_HANG = 4;

    /** Slots of the progress file (longs). */
    static final int INDEX = 0, READ = 1, FORMAT = 2, BUDGET = 3, UNTYPED = 4, TWO_THREADS = 5, SLOTS = 6;

    /** Budget errors shown per child (with their mutant index). */
    private static final int SHOWN_BUDGET_ERRORS = 3;

    private FuzzWorker() {}

    public static void main(String[] args) throws Exception {
        List<Path> seedFiles = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).map(Path::of).toList();
        long roundSeed = Long.parseLong(args[1]);
        long from = Long.parseLong(args[2]);
        long to = Long.parseLong(args[3]);
        Path work = Path.of(args[4]);
        Path out = Path.of(args[5]);
        long hangNanos = Long.parseLong(args[6]) * 1_000_000_000L;
        Mutator mutator = new Mutator(Seeds.load(seedFiles), roundSeed);
        Files.createDirectories(work);
        Files.createDirectories(out);

        long[] counts = new long[SLOTS];
        Watchdog watchdog = new Watchdog(hangNanos, mutator, out);
        watchdog.start();
        try (FileChannel progress = FileChannel.open(work.resolve("progress"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(SLOTS * Long.BYTES);
            for (long i = from; i < to; i++) {
                byte[] mutant = mutator.mutant(i);
                // A new file (new inode) per mutant: nothing still mapping the last one sees it change.
                Path file = work.resolve("mutant-" + (i & 3) + ".parquet");
                Files.deleteIfExists(file);
                Files.write(file, mutant);
                counts[INDEX] = i;
                writeProgress(progress, buf, counts);
                ReadMode mode = ReadMode.of(i);
                watchdog.begin(i);
                try {
                    mode.read(file);
                    counts[READ]++;
                } catch (ParquetFormatException e) {
                    counts[FORMAT]++;
                } catch (MemoryBudgetExceededException e) {
                    // Legitimate when the mutant claims sizes a reader could hold; a few are shown to judge that.
                    if (counts[BUDGET]++ < SHOWN_BUDGET_ERRORS) System.out.println("BUDGET " + i + " " + mode + " " + e.getMessage());
                } catch (Throwable e) {
                    counts[UNTYPED]++;
                    save(out, "untyped-" + i, mutant, mode + ": " + stackTrace(e));
                    System.out.println("UNTYPED " + i + " " + mode + " " + e);
                }
                watchdog.end();
                if (mode.threads > 1) counts[TWO_THREADS]++;
            }
            counts[INDEX] = to;
            writeProgress(progress, buf, counts);
        }
        System.out.println("COUNTS " + counts[READ] + " " + counts[FORMAT] + " " + counts[BUDGET] + " " + counts[UNTYPED] + " "
                + counts[TWO_THREADS]);
        System.out.flush();
        System.exit(0);   // decoding pools of readers closed on failure are daemon threads; do not wait for stragglers
    }

    /** Overwrites the progress file with the index and counts (read by the parent if this JVM dies). */
    private static void writeProgress(FileChannel progress, ByteBuffer buf, long[] counts) throws IOException {
        buf.clear();
        for (long c : counts) buf.putLong(c);
        buf.flip();
        progress.write(buf, 0);
    }

    static void save(Path out, String name, byte[] mutant, String what) {
        try {
            Files.write(out.resolve(name + ".parquet"), mutant);
            Files.writeString(out.resolve(name + ".txt"), what);
        } catch (IOException e) {
            System.out.println("cannot save " + name + ": " + e);
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** Halts the JVM when one mutant takes longer than the hang limit, after saving it. */
    private static final class Watchdog extends Thread {
        private final long limitNanos;
        private final Mutator mutator;
        private final Path out;
        private volatile long index = -1;
        private volatile long started;

        Watchdog(long limitNanos, Mutator mutator, Path out) {
            super("fuzz-watchdog");
            setDaemon(true);
            this.limitNanos = limitNanos;
            this.mutator = mutator;
            this.out = out;
        }

        void begin(long i) {
            started = System.nanoTime();
            index = i;
        }

        void end() {
            index = -1;
        }

        @Override
        public void run() {
            while (true) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                long i = index;
                if (i >= 0 && System.nanoTime() - started > limitNanos && index == i) {
                    StringBuilder threads = new StringBuilder();
                    Thread.getAllStackTraces().forEach((t, st) -> {
                        threads.append(t).append('\n');
                        for (StackTraceElement e : st) threads.append("    at ").append(e).append('\n');
                    });
                    save(out, "hang-" + i, mutator.mutant(i), ReadMode.of(i) + " still running after the limit\n" + threads);
                    System.out.println("HANG " + i + " " + ReadMode.of(i));
                    System.out.flush();
                    Runtime.getRuntime().halt(EXIT_HANG);
                }
            }
        }
    }
}
