package dev.streamingadaptive.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Write speed side by side (issue 14): each system copies the same Parquet file (every column) into a
 * new snappy and a new zstd file, each in a fresh process: ours ({@code LazyFrame.sinkParquet}),
 * DuckDB ({@code COPY … TO … (FORMAT parquet)} over JDBC), Polars ({@code scanParquet().sinkParquet()},
 * {@code bench/polars/write.mjs}). Per system and codec: best warm time, cold (first) run, output size
 * and peak RSS; rows are checked equal. The table goes to stdout and into docs/BENCHMARKS.md between
 * {@code <!-- writes:begin -->} and {@code <!-- writes:end -->}.
 *
 * <pre>
 *   bench/write [--input bench-data/trades-40000000.parquet] [--codecs snappy,zstd] [--systems ours,duckdb,polars]
 *               [--threads 2] [--runs 3] [--xmx 2g] [--no-doc]
 * </pre>
 */
public final class WriteBench {
    private WriteBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path input = root.resolve("bench-data/trades-40000000.parquet");
        List<String> codecs = List.of("snappy", "zstd"), systems = List.of("ours", "duckdb", "polars");
        int threads = 2, runs = 3;
        String xmx = "2g";
        boolean doc = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> input = Path.of(args[++i]).toAbsolutePath();
                case "--codecs" -> codecs = List.of(args[++i].split(","));
                case "--systems" -> systems = List.of(args[++i].split(","));
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--no-doc" -> doc = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!Files.exists(input)) throw new IllegalArgumentException(input + " does not exist (bench/run makes the trades file)");
        Path work = Files.createDirectories(root.resolve("bench-data/write-out"));
        Path logs = Files.createDirectories(root.resolve("bench-data/logs/write"));
        Polars polars = Polars.find(root);
        String load = Harness.loadAverage();
        Map<String, Map<String, Harness.Measurement>> results = new LinkedHashMap<>();
        for (String codec : codecs) {
            Map<String, Harness.Measurement> row = new LinkedHashMap<>();
            for (String sys : systems) {
                Path out = work.resolve(sys + "-" + codec + ".parquet");
                Harness.Measurement m;
                if (sys.equals("polars")) {
                    Path script = root.resolve("bench/polars/write.mjs");
                    if (polars.version().equals("n/a")) {
                        m = Harness.failed("polars", threads, "nodejs-polars missing");
                    } else {
                        ProcessBuilder pb = new ProcessBuilder(List.of("node", script.toString(), input.toString(), out.toString(), codec,
                                Integer.toString(threads)));
                        pb.environment().put("REPS", Integer.toString(runs + 1));
                        m = Harness.runProcess("polars", threads, pb, logs.resolve(codec + "-polars"), 1800);
                    }
                } else {
                    List<String> cmd = Harness.javaCommand(xmx, WriteWorker.class);
                    cmd.addAll(List.of(sys, input.toString(), out.toString(), codec, Integer.toString(threads), Integer.toString(runs)));
                    m = Harness.runProcess(sys, threads, new ProcessBuilder(cmd), logs.resolve(codec + "-" + sys), 1800);
                }
                row.put(sys, m);
                System.out.printf(Locale.ROOT, "  %-6s %-7s %s%n", codec, sys, m.ok()
                        ? String.format(Locale.ROOT, "%.2f s (cold %.2f s), %d rows, %s MB written, peak RSS %d MB", m.seconds(),
                                m.coldSeconds(), m.rows(), mb(m.result()), m.peakRss() >> 20) : "failed: " + m.error());
                Files.deleteIfExists(out);
            }
            results.put(codec, row);
        }
        String section = section(input, systems, results, threads, runs, xmx, polars.version(), load, Harness.loadAverage());
        System.out.println();
        System.out.println(section);
        if (doc) writeInto(root.resolve("docs/BENCHMARKS.md"), section, "writes", "Writes");
    }

    private static String mb(String bytes) {
        try {
            return String.format(Locale.ROOT, "%.0f", Long.parseLong(bytes.trim()) / 1e6);
        } catch (RuntimeException e) {
            return "?";
        }
    }

    static String section(Path input, List<String> systems, Map<String, Map<String, Harness.Measurement>> results, int threads, int runs,
                          String xmx, String polarsVersion, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Writes: copy ").append(input.getFileName()).append(" into a new Parquet file (").append(TpchBench.today()).append(")\n\n");
        sb.append("`bench/write --threads ").append(threads).append(" --runs ").append(runs).append("`: every system reads the same file and writes every ")
                .append("column; best of ").append(runs).append(" warm runs after a 1 s warm-up (cold: the first run in a fresh process), ")
                .append(threads).append(" threads; ours with -Xmx").append(xmx).append("; ").append(polarsVersion)
                .append("; load average ").append(loadBefore).append(" → ").append(loadAfter).append(".\n\n");
        sb.append("| codec | system | warm s | cold s | ours ÷ it (warm) | output MB | peak RSS MB | rows |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        SideBySide.appendRows(sb, results, systems, 3, m -> String.format(Locale.ROOT, "%s | %d | %,d", mb(m.result()), m.peakRss() >> 20, m.rows()));
        return sb.toString();
    }

    /** Puts {@code section} between {@code <!-- marker:begin -->} and {@code <!-- marker:end -->}, or under a new heading at the end. */
    static void writeInto(Path page, String section, String marker, String heading) throws Exception {
        String begin = "<!-- " + marker + ":begin -->", end = "<!-- " + marker + ":end -->";
        String md = Files.exists(page) ? Files.readString(page) : "";
        String block = begin + "\n" + section + end;
        int i = md.indexOf(begin), j = md.indexOf(end);
        if (i >= 0 && j > i) md = md.substring(0, i) + block + md.substring(j + end.length());
        else md = md + (md.endsWith("\n") ? "" : "\n") + "\n## " + heading + "\n\n" + block + "\n";
        Path tmp = page.resolveSibling(page.getFileName() + ".tmp");
        Files.writeString(tmp, md);
        Files.move(tmp, page, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
