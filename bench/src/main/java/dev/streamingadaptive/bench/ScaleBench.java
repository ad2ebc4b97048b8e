package dev.streamingadaptive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The design's headline table, measured (issue 16): trades datasets of 1, 10 and 50 GB (~0.5 GB files, see
 * {@link ScaleData}) and one single 10 GB file, each query on each system in a fresh process with a cold page cache
 * (the caches dropped before every run when this process may write {@code /proc/sys/vm/drop_caches}, i.e. as root;
 * the table says when it could not), one run each: the time a user waits the first time.
 * <ul>
 *   <li>{@code filter_range}: count of a 1% range of the sorted {@code trade_id};</li>
 *   <li>{@code sum_two}: {@code sum(price), sum(size)};</li>
 *   <li>{@code group_by}: by symbol, mean(price), sum(size), count;</li>
 *   <li>{@code filter_stream}: {@code symbol < 'S0020'} (1%), every column streamed to a sink that discards.</li>
 * </ul>
 * Systems: ours through the LazyFrame API in {@code -Xmx1g}; DuckDB (JDBC) with {@code SET memory_limit='1GB'};
 * Polars' streaming engine (nodejs-polars); Hardwood (its column readers, in the same heap as ours; the scans only, see
 * {@link #measures}). Reported: time,
 * GB/s of file, peak RSS (VmHWM: heap, native memory and the mapped file pages resident at once), how much the
 * page cache grew during the run, and whether the run completed. Results are checked equal to ours. Tables go to
 * stdout and to docs/BENCHMARKS.md (between {@code <!-- scale:begin -->} and {@code <!-- scale:end -->}); a chart per
 * query (time against size, one line per system) to docs/bench/scale-&lt;query&gt;.png.
 *
 * <pre>
 *   bench/run --scale [--sizes 1,10,50] [--single 10|none] [--queries filter_range,sum_two,group_by,filter_stream]
 *                     [--systems ours,duckdb,polars,hardwood] [--threads 2] [--xmx 1g] [--timeout 3600] [--no-doc]
 *   bench/run --scale --replot      (the charts again from the table in docs/BENCHMARKS.md)
 * </pre>
 */
public final class ScaleBench {
    private ScaleBench() {}

    static final List<Workload> QUERIES = List.of(Workload.filter_range, Workload.sum_two, Workload.group_by, Workload.filter_stream);
    static final List<String> SYSTEMS = List.of("ours", "duckdb", "polars", "hardwood");

    /** One measured run: the dataset, the query, the system, what it measured, and the page cache's growth in bytes. */
    record Run(ScaleData.Dataset data, Workload query, Harness.Measurement m, long cacheGrowth) {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(1, 10, 50);
        int single = 10;
        List<Workload> queries = QUERIES;
        List<String> systems = SYSTEMS;
        int threads = 2;
        String xmx = "1g";
        long timeout = 3600;
        boolean doc = true;
        boolean replot = false;
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--scale")) shown.add(args[i]);
            switch (args[i]) {
                case "--scale" -> { }
                case "--sizes" -> sizes = List.of(args[++i].split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
                case "--single" -> single = args[++i].equals("none") ? 0 : Integer.parseInt(args[i]);
                case "--queries" -> queries = List.of(args[++i].split(",")).stream().map(String::trim).map(Workload::valueOf).toList();
                case "--systems" -> systems = List.of(args[++i].split(",")).stream().map(String::trim).toList();
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--timeout" -> timeout = Long.parseLong(args[++i]);
                case "--no-doc" -> doc = false;
                case "--replot" -> replot = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --sizes 1,10,50, --single 10|none, "
                        + "--queries " + String.join(",", QUERIES.stream().map(Workload::name).toList()) + ", --systems "
                        + String.join(",", SYSTEMS) + ", --threads N, --xmx 1g, --timeout S, --no-doc, --replot)");
            }
        }
        for (String s : systems) if (!SYSTEMS.contains(s)) throw new IllegalArgumentException("unknown system " + s + "; one of " + SYSTEMS);
        Path root = Path.of("").toAbsolutePath();
        if (replot) {
            // The charts again from the page's table (a change to the drawing without hours of measuring).
            List<Run> old = ScaleReport.readBack(Files.readString(root.resolve("docs/BENCHMARKS.md")));
            for (Workload q : queries) ScaleReport.chart(root.resolve("docs/bench/scale-" + q.name() + ".png"), q, old, systems);
            System.out.println("redrew docs/bench/scale-*.png from docs/BENCHMARKS.md");
            return;
        }
        Path data = root.resolve("bench-data");
        List<ScaleData.Dataset> datasets = new ArrayList<>();
        String duckVersion;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT version()")) {
                rs.next();
                duckVersion = rs.getString(1);
            }
            System.out.println("data in " + ScaleData.root(data) + " (generated by DuckDB " + duckVersion + " when missing)");
            for (int gb : sizes) {
                datasets.add(ScaleData.folder(c, data, gb));
                if (gb == single) datasets.add(ScaleData.single(c, data, gb));
            }
            if (single > 0 && !sizes.contains(single)) datasets.add(ScaleData.single(c, data, single));
        }
        PageCache cache = PageCache.probe();
        System.out.println("page cache: " + cache.describe());
        Path logDir = root.resolve("bench/target/bench-logs");
        Files.createDirectories(logDir);
        Polars polars = Polars.find(root);
        List<Run> runs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (ScaleData.Dataset d : datasets) {
            System.out.printf(Locale.ROOT, "%n== %s (%.2f GB, %,d rows)%n", d.label(), d.gigabytes(), d.rows());
            for (Workload q : queries) {
                for (String sys : systems) {
                    if (!measures(sys, q)) continue;
                    cache.drop();
                    long cachedBefore = PageCache.cachedBytes();
                    Harness.Measurement m = run(sys, q, d, threads, xmx, timeout, polars, logDir);
                    long growth = PageCache.cachedBytes() - cachedBefore;
                    runs.add(new Run(d, q, m, growth));
                    System.out.printf(Locale.ROOT, "  %-13s %-9s %s%n", q, sys, m.ok()
                            ? String.format(Locale.ROOT, "%.2f s  %.2f GB/s  rss %d MB  cache +%.1f GB  result %s", m.seconds(),
                                    d.gigabytes() / m.seconds(), m.peakRss() >> 20, growth / 1e9, m.result())
                            : "n/a: " + m.error());
                }
                check(d, q, runs);
            }
        }
        System.out.printf(Locale.ROOT, "%nall runs: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        String section = ScaleReport.section(runs, datasets, queries, systems, new ScaleReport.Env(threads, xmx, duckVersion,
                polars.version(), cache.describe(), String.join(" ", shown), LocalDate.now().toString()));
        System.out.println();
        System.out.print(section);
        if (doc) {
            for (Workload q : queries) ScaleReport.chart(root.resolve("docs/bench/scale-" + q.name() + ".png"), q, runs, systems);
            WriteBench.writeInto(root.resolve("docs/BENCHMARKS.md"), section, "scale", "Scale: 1, 10 and 50 GB, larger than memory");
            System.out.println("wrote docs/BENCHMARKS.md (scale section) and docs/bench/scale-*.png");
        }
    }

    /** One cold run of {@code sys} on {@code q} over {@code d} in a fresh process. */
    static Harness.Measurement run(String sys, Workload q, ScaleData.Dataset d, int threads, String xmx, long timeout, Polars polars,
                                   Path logDir) throws Exception {
        long lo = d.rows() / 2;
        long hi = lo + d.rows() / 100 - 1;
        String tag = "scale-" + d.label().replaceAll("[^0-9A-Za-z]+", "_") + "-" + q + "-" + sys + "-t" + threads;
        ProcessBuilder pb;
        if (sys.equals("polars")) {
            if (polars.version().equals("n/a")) return Harness.failed(sys, threads, "Polars not installed (npm install in bench/polars)");
            pb = new ProcessBuilder(List.of("node", Path.of("bench/polars/run.mjs").toAbsolutePath().toString(), q.name(), d.glob(),
                    Integer.toString(threads)));
            pb.environment().put("REPS", "0");
            pb.environment().put("SYMBOL", Workload.RARE_SYMBOL);
            pb.environment().put("STREAM_BOUND", Workload.STREAM_BOUND);
            pb.environment().put("LO", Long.toString(lo));
            pb.environment().put("HI", Long.toString(hi));
        } else {
            List<String> cmd = Harness.javaCommand(xmx, Worker.class);
            if (sys.equals("duckdb")) cmd.add(1, "-D" + DuckDbRunner.MEMORY_LIMIT_PROPERTY + "=" + duckdbLimit(xmx));
            cmd.addAll(List.of(sys, q.name(), Integer.toString(threads), "0", Long.toString(lo), Long.toString(hi)));
            for (Path f : d.files()) cmd.add(f.toString());
            pb = new ProcessBuilder(cmd);
        }
        return Harness.runProcess(sys, threads, pb, logDir.resolve(tag), timeout);
    }

    /**
     * Whether {@code sys} runs {@code q}. Hardwood is a reader without a query engine: it runs the scans (the range count
     * and the sums); a group-by or a streaming filter over it would time the bench's own loops around its batches
     * (bench/run measures those on 40M rows) for many minutes at 50 GB.
     */
    static boolean measures(String sys, Workload q) {
        return !sys.equals("hardwood") || q == Workload.filter_range || q == Workload.sum_two;
    }

    /** DuckDB's memory_limit for a JVM heap size: {@code 1g} → {@code 1GB}. */
    static String duckdbLimit(String xmx) {
        return xmx.toUpperCase(Locale.ROOT).replaceAll("([KMGT])$", "$1B");
    }

    /** Every system's result on (d, q) must equal ours (Polars' discarding sink returns none: not checked). */
    private static void check(ScaleData.Dataset d, Workload q, List<Run> runs) {
        Harness.Measurement ours = null;
        for (Run r : runs) if (r.data() == d && r.query() == q && r.m().system().equals("ours") && r.m().ok()) ours = r.m();
        if (ours == null) return;
        for (Run r : runs) {
            if (r.data() != d || r.query() != q || !r.m().ok() || r.m().result() == null || r.m().result().equals("null")) continue;
            if (!Harness.sameResult(ours.result(), r.m().result(), 1e-10)) {
                System.out.println("!!!!!!!! RESULT MISMATCH in " + d.label() + " " + q + ": " + r.m().system() + " " + r.m().result()
                        + " vs ours " + ours.result());
            }
        }
    }

    /** Dropping the page cache before a run, where this process may ({@code /proc/sys/vm/drop_caches}, root). */
    record PageCache(boolean canDrop, String describe) {
        static PageCache probe() {
            Path p = Path.of("/proc/sys/vm/drop_caches");
            try {
                Files.writeString(p, "1");
                return new PageCache(true, "dropped before every run (sync; echo 1 > /proc/sys/vm/drop_caches)");
            } catch (IOException | RuntimeException e) {
                return new PageCache(false, "NOT dropped: cannot write " + p + " (" + e.getClass().getSimpleName()
                        + "; run as root for cold-cache figures) — later runs may find files cached");
            }
        }

        void drop() throws Exception {
            if (!canDrop) return;
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "1");
        }

        /** The page cache's size ("Cached" in /proc/meminfo), or 0 where unknown. */
        static long cachedBytes() {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (l.startsWith("Cached:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }
    }
}
