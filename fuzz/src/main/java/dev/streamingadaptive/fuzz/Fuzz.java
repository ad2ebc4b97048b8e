package dev.streamingadaptive.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fuzzing round: mutants of the seed files (parquet-testing's small files and generated ones for
 * every codec) read through every public reader, in child JVMs so that a crash is caught and its
 * input kept. Every mutant must end in a correct read, a {@code ParquetFormatException} or a
 * {@code MemoryBudgetExceededException}; a JVM crash, any other exception or a mutant running longer
 * than the hang limit is a finding, saved under the output folder with what to reproduce it.
 *
 * <p>Usage: {@code fuzz/run [--mutants N] [--seed S] [--out DIR] [--chunk N] [--hang-seconds S] [--xmx SIZE]
 * [--seeds DIR]...}. Exit code 0 when there were no findings, 1 otherwise.
 */
public final class Fuzz {
    private Fuzz() {}

    /** What a round found. */
    public record Summary(long mutants, long read, long format, long budget, long untyped, long twoThreads, List<Long> crashes,
                          List<Long> hangs, double seconds) {
        public boolean clean() {
            return untyped == 0 && crashes.isEmpty() && hangs.isEmpty();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d mutants in %.0f s (%,d read on 2 threads): %,d read, %,d ParquetFormatException, "
                            + "%,d MemoryBudgetExceededException; %,d untyped exceptions, %d JVM crashes %s, %d hangs %s",
                    mutants, seconds, twoThreads, read, format, budget, untyped, crashes.size(), crashes, hangs.size(), hangs);
        }
    }

    public static void main(String[] args) throws Exception {
        long mutants = 100_000;
        long seed = 1;
        Path out = Path.of("fuzz-out");
        long chunk = 50_000;
        int hangSeconds = 5;
        String xmx = "512m";
        List<Path> seedDirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mutants" -> mutants = Long.parseLong(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--chunk" -> chunk = Long.parseLong(args[++i]);
                case "--hang-seconds" -> hangSeconds = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--seeds" -> seedDirs.add(Path.of(args[++i]));
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; usage: [--mutants N] [--seed S] [--out DIR] [--chunk N] [--hang-seconds S] [--xmx SIZE] [--seeds DIR]...");
                    System.exit(2);
                }
            }
        }
        Summary s = run(mutants, seed, out, chunk, hangSeconds, xmx, seedDirs, System.out::println);
        System.out.println(s);
        System.exit(s.clean() ? 0 : 1);
    }

    /** The corpus folders beside the checkout, as the tests find them. */
    static List<Path> defaultSeedDirs() {
        List<Path> out = new ArrayList<>();
        String prop = System.getProperty("parquet.testing.dir");
        List<Path> roots = new ArrayList<>();
        if (prop != null && !prop.isBlank()) roots.add(Path.of(prop));
        roots.add(Path.of("../shared/parquet-testing"));
        roots.add(Path.of("../../shared/parquet-testing"));
        for (Path r : roots) {
            if (Files.isDirectory(r.resolve("data"))) {
                out.add(r.resolve("data"));
                out.add(r.resolve("bad_data"));
                return out;
            }
        }
        return out;
    }

    /** Runs a round; {@code log} gets the children's findings and progress lines. */
    public static Summary run(long mutants, long seed, Path out, long chunk, int hangSeconds, String xmx, List<Path> seedDirs,
                              java.util.function.Consumer<String> log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        Path generated = out.resolve("seeds");
        Seeds.generate(generated);
        List<Path> dirs = new ArrayList<>(seedDirs.isEmpty() ? defaultSeedDirs() : seedDirs);
        dirs.add(generated);
        List<Path> seedFiles = Seeds.list(dirs);
        Path seedList = out.resolve("seed-files.txt");
        Files.write(seedList, seedFiles.stream().map(p -> p.toAbsolutePath().toString()).toList(), StandardCharsets.UTF_8);
        log.accept("fuzzing " + mutants + " mutants of " + seedFiles.size() + " seed files, round seed " + seed + ", findings in " + out);
        Mutator mutator = new Mutator(Seeds.load(seedFiles), seed);
        Path work = Files.createTempDirectory(out, "work");

        long[] total = new long[FuzzWorker.SLOTS];
        List<Long> crashes = new ArrayList<>();
        List<Long> hangs = new ArrayList<>();
        long from = 0;
        while (from < mutants) {
            long to = Math.min(mutants, from + chunk);
            Files.deleteIfExists(work.resolve("progress"));
            int exit = child(seedList, seed, from, to, work, out, hangSeconds, xmx, log);
            long[] p = progress(work.resolve("progress"));
            for (int k = FuzzWorker.READ; k < FuzzWorker.SLOTS; k++) total[k] += p[k];
            if (exit == 0) {
                from = to;
                continue;
            }
            long at = p[FuzzWorker.INDEX];
            if (exit == FuzzWorker.EXIT_HANG) {
                hangs.add(at);
            } else {
                crashes.add(at);
                FuzzWorker.save(out, "crash-" + at, mutator.mutant(at), "JVM exit code " + exit + " reading mutant " + at + " ("
                        + ReadMode.of(at) + "), round seed " + seed + "; the hs_err file, if any, is in " + work);
                log.accept("CRASH " + at + " " + ReadMode.of(at) + " exit " + exit);
            }
            from = at + 1;
        }
        deleteTree(work, crashes.isEmpty());
        return new Summary(mutants, total[FuzzWorker.READ], total[FuzzWorker.FORMAT], total[FuzzWorker.BUDGET], total[FuzzWorker.UNTYPED],
                total[FuzzWorker.TWO_THREADS], crashes, hangs, (System.nanoTime() - start) / 1e9);
    }

    private static int child(Path seedList, long seed, long from, long to, Path work, Path out, int hangSeconds, String xmx,
                             java.util.function.Consumer<String> log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx" + xmx, "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), FuzzWorker.class.getName(), seedList.toString(), Long.toString(seed),
                Long.toString(from), Long.toString(to), work.toString(), out.toString(), Integer.toString(hangSeconds));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("UNTYPED") || line.startsWith("HANG") || line.startsWith("COUNTS") || line.startsWith("BUDGET")
                        || line.startsWith("#")) {
                    log.accept(line);
                }
            }
        }
        return p.waitFor();
    }

    private static long[] progress(Path file) throws IOException {
        long[] p = new long[FuzzWorker.SLOTS];
        if (!Files.exists(file)) return p;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(FuzzWorker.SLOTS * Long.BYTES);
            c.read(b, 0);
            b.flip();
            for (int i = 0; i < p.length && b.remaining() >= Long.BYTES; i++) p[i] = b.getLong();
        }
        return p;
    }

    /** Deletes the work folder; kept when a crash left its hs_err file there. */
    private static void deleteTree(Path dir, boolean delete) throws IOException {
        if (!delete) return;
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
