package dev.streamingadaptive.bench;

import dev.streamingadaptive.tpch.TpchData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TPC-H side by side (issue 12): the 22 queries at the given scale factors, each system and query in
 * a fresh process (ours as the LazyFrame form and as SQL text, DuckDB over JDBC, Polars via Node),
 * same Parquet files, same threads, same run. Per query the best warm time and the first run in the
 * fresh process (cold); per system the total, the geometric mean and the peak RSS. The tables go to
 * stdout and into docs/BENCHMARKS.md (its TPC-H section for that scale factor).
 *
 * <pre>
 *   bench/tpch [--sf 1,10] [--systems ours,ours-sql,duckdb,polars] [--queries 1-22] [--runs 2] [--threads 2]
 *              [--xmx 2g] [--duckdb-memory 2GB] [--timeout 1800] [--no-doc]
 * </pre>
 *
 * Data: {@code bench-data/tpch-sf<sf>/}, made once by {@link TpchData} (the Java generator, written by
 * DuckDB) and reused.
 */
public final class TpchBench {
    private TpchBench() {}

    static final List<String> SYSTEMS = List.of("ours", "ours-sql", "duckdb", "polars");
    private static final Map<String, String> TITLES = Map.of("ours", "ours (LazyFrame)", "ours-sql", "ours (SQL)",
            "duckdb", "DuckDB", "polars", "Polars");

    public static void main(String[] args) throws Exception {
        List<Double> sfs = List.of(1.0);
        List<String> systems = SYSTEMS;
        List<Integer> queries = range(1, 22);
        int runs = 2, threads = 2;
        long timeout = 1800;
        String xmx = "2g", duckMemory = "2GB";
        boolean doc = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sfs = List.of(args[++i].split(",")).stream().map(Double::parseDouble).toList();
                case "--systems" -> systems = List.of(args[++i].split(","));
                case "--queries" -> queries = parseQueries(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--duckdb-memory" -> duckMemory = args[++i];
                case "--timeout" -> timeout = Long.parseLong(args[++i]);
                case "--no-doc" -> doc = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (String s : systems) if (!SYSTEMS.contains(s)) throw new IllegalArgumentException("unknown system " + s + "; known: " + SYSTEMS);
        Path root = Path.of("").toAbsolutePath();
        Polars polars = Polars.find(root);
        for (double sf : sfs) {
            String tag = tag(sf);
            Path data = root.resolve("bench-data").resolve("tpch-sf" + tag);
            System.out.println("TPC-H SF " + tag + ": data in " + data + " (made once, then reused)...");
            long t0 = System.nanoTime();
            TpchData.write(data, sf);
            System.out.printf(Locale.ROOT, "  ready (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
            Path logs = Files.createDirectories(root.resolve("bench-data/logs/tpch-sf" + tag));
            Map<Integer, Map<String, Harness.Measurement>> results = new LinkedHashMap<>();
            for (int q : queries) {
                Map<String, Harness.Measurement> row = new LinkedHashMap<>();
                for (String sys : systems) {
                    Harness.Measurement m = sys.equals("polars") ? polars(polars, q, data, threads, runs, logs, timeout)
                            : jvm(sys, q, data, threads, runs, xmx, duckMemory, logs, timeout);
                    row.put(sys, m);
                    System.out.printf(Locale.ROOT, "  Q%-2d %-9s %s%n", q, sys, m.ok()
                            ? String.format(Locale.ROOT, "%.3f s (cold %.3f s), %d rows, peak RSS %d MB", m.seconds(), m.coldSeconds(), m.rows(),
                                    m.peakRss() >> 20) : "failed: " + m.error());
                }
                results.put(q, row);
            }
            String section = TpchReport.section(sf, tag, systems, TITLES, results, threads, runs, xmx, duckMemory, polars.version(),
                    Harness.loadAverage());
            System.out.println();
            System.out.println(section);
            if (doc) TpchReport.writeInto(root.resolve("docs/BENCHMARKS.md"), tag, section);
        }
    }

    static String tag(double sf) {
        return sf == Math.rint(sf) ? Long.toString((long) sf) : Double.toString(sf);
    }

    private static List<Integer> range(int a, int b) {
        List<Integer> out = new ArrayList<>();
        for (int i = a; i <= b; i++) out.add(i);
        return out;
    }

    private static List<Integer> parseQueries(String s) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (part.contains("-")) out.addAll(range(Integer.parseInt(part.split("-")[0]), Integer.parseInt(part.split("-")[1])));
            else out.add(Integer.parseInt(part));
        }
        return out;
    }

    private static Harness.Measurement jvm(String sys, int q, Path data, int threads, int runs, String xmx, String duckMemory, Path logs,
                                           long timeout) throws Exception {
        List<String> cmd = Harness.javaCommand(xmx, TpchWorker.class);
        cmd.addAll(List.of(sys, Integer.toString(q), data.toString(), Integer.toString(threads), Integer.toString(runs), duckMemory));
        return Harness.runProcess(sys, threads, new ProcessBuilder(cmd), logs.resolve("q" + q + "-" + sys), timeout);
    }

    private static Harness.Measurement polars(Polars polars, int q, Path data, int threads, int runs, Path logs, long timeout) throws Exception {
        Path script = Path.of("bench/polars/tpch.mjs").toAbsolutePath();
        if (polars.version().equals("n/a") || !Files.exists(script)) return Harness.failed("polars", threads, "bench/polars/tpch.mjs or nodejs-polars missing");
        ProcessBuilder pb = new ProcessBuilder(List.of("node", script.toString(), Integer.toString(q), data.toString(), Integer.toString(threads)));
        pb.environment().put("REPS", Integer.toString(runs + 1));
        pb.environment().put("WARMUP_SECONDS", Double.toString(TpchWorker.WARMUP_SECONDS));
        return Harness.runProcess("polars", threads, pb, logs.resolve("q" + q + "-polars"), timeout);
    }

    static String today() {
        return LocalDate.now().toString();
    }
}
