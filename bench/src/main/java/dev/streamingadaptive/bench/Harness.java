package dev.streamingadaptive.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The side-by-side benchmark (issue 3): generates the data once, runs every system on every
 * workload in its own fresh process ({@link Worker} for the JVM peers, {@code bench/polars/run.mjs}
 * for Polars), checks that all systems return the same result, prints a Markdown table per
 * workload and writes {@code docs/BENCHMARKS.md} plus a PNG chart per workload (a partial run merges into
 * the page: see {@link Report#write}).
 *
 * <p>Usage (normally through {@code bench/run}): {@code Harness [--quick|--large] [--threads 1,2]
 * [--only load_all,multi_file,...] [--systems ours,duckdb,...] [--runs N] [--xmx 4g] [--no-doc]}.
 * Run from the repository root.
 */
public final class Harness {
    private Harness() {}

    /** The workloads of this harness (the scale bench's {@link Workload#filter_stream} is not one). */
    static final List<Workload> WORKLOADS = Arrays.stream(Workload.values()).filter(w -> w != Workload.filter_stream).toList();

    static final List<String> ALL_SYSTEMS = List.of("ours", "duckdb", "duckdb-ctas", "hardwood", "parquet-java", "polars");
    /** The streaming workloads of {@code --large} (a full materialisation would not fit the heap). */
    static final List<Workload> LARGE = List.of(Workload.sum_two, Workload.group_by, Workload.filter_eq, Workload.filter_range, Workload.head_ten);

    /** Every case id a run can produce, in the order of a full ({@code --large}) run: the order of docs/BENCHMARKS.md. */
    static List<String> caseIds() {
        List<String> ids = new ArrayList<>();
        for (Workload w : WORKLOADS) ids.add(w == Workload.load_all ? "load_all-trades" : w.name());
        ids.addAll(List.of("load_all-logs", "load_all-features", "multi_file-8", "multi_file-64"));
        for (Workload w : LARGE) ids.add(w.name() + "-large");
        return ids;
    }

    /** One table: a workload on one dataset. */
    record Case(String id, Workload workload, String title, List<Path> files, String polarsSource, long inputRows,
                long compressedBytes, long uncompressedBytes, long lo, long hi) {}

    /**
     * Variants of a system measured as rows of their own: on {@link Workload#stream_all}, ours streams
     * ({@code ours}) and, in the same run, materialises the file ({@code ours-collect}) and streams under a fixed
     * 32 MB budget in a small heap ({@code ours-32mb}, {@link #VARIANT_XMX}). Every other system and workload: the system itself.
     */
    static List<String> variants(String sys, Workload w) {
        return sys.equals("ours") && w == Workload.stream_all ? List.of("ours", "ours-collect", "ours-32mb") : List.of(sys);
    }

    /** The heap of a variant whose point is its memory (the run's -Xmx for everything else). */
    static final Map<String, String> VARIANT_XMX = Map.of("ours-32mb", "256m");

    /** The order of rows at one thread count: systems, each followed by its variants. */
    static final List<String> ROW_ORDER = List.of("ours", "ours-collect", "ours-32mb", "duckdb", "duckdb-ctas", "hardwood", "parquet-java", "polars");

    /** One system (or variant) at one thread count on one case; {@code coldSeconds}: its first run in the fresh process. */
    record Measurement(String system, int threads, double seconds, double coldSeconds, long rows, long peakRss, String result,
                       long decodedBytes, String error) {
        boolean ok() { return error == null; }
    }

    /** A case's measurements; {@code load}: the 1-minute load average when the case started and ended (other work on the machine). */
    record CaseResult(Case c, List<Measurement> ms, List<String> mismatches, String load) {}

    /** The 1-minute load average ({@code /proc/loadavg}), or "?". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = "full";
        List<Integer> threads = List.of(1, 2);
        Set<String> only = null;
        List<String> systems = ALL_SYSTEMS;
        int runs = -1;
        String xmx = null;
        boolean doc = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = "quick";
                case "--large" -> mode = "large";
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--systems" -> systems = Arrays.stream(args[++i].split(",")).map(String::trim).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--no-doc" -> doc = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --quick|--large, --threads 1,2, --only w1,w2, --systems s1,s2, --runs N, --xmx 4g, --no-doc)");
            }
        }
        for (String s : systems) if (!ALL_SYSTEMS.contains(s)) throw new IllegalArgumentException("unknown system " + s + "; one of " + ALL_SYSTEMS);
        boolean quick = mode.equals("quick");
        boolean explicitSystems = systems != ALL_SYSTEMS;
        if (runs < 0) runs = quick ? 2 : 3;
        if (xmx == null) xmx = quick ? "4g" : "12g";
        Path root = Path.of("").toAbsolutePath();
        Path data = root.resolve("bench-data");
        long tradesRows = quick ? 4_000_000 : 40_000_000;
        long logsRows = quick ? 1_000_000 : 10_000_000;
        long featuresRows = quick ? 1_000_000 : 5_000_000;

        List<Case> cases = new ArrayList<>();
        String duckVersion;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            duckVersion = string(c, "SELECT version()");
            System.out.println("data in " + data + " (generated by DuckDB " + duckVersion + " when missing)");
            boolean any = false;
            for (Workload w : WORKLOADS) any |= wanted(only, w.name());
            if (any || wanted(only, "multi_file")) {
                Path trades = DataGen.trades(c, data, tradesRows);
                String t = "trades, " + String.format(Locale.ROOT, "%,d", tradesRows) + " rows, 1 file";
                for (Workload w : WORKLOADS) {
                    if (wanted(only, w.name())) cases.add(makeCase(c, w == Workload.load_all ? "load_all-trades" : w.name(), w, t, List.of(trades), trades.toString(), tradesRows));
                }
            }
            if (wanted(only, "load_all")) {
                Path logs = DataGen.logs(c, data, logsRows);
                cases.add(makeCase(c, "load_all-logs", Workload.load_all, "logs, " + String.format(Locale.ROOT, "%,d", logsRows) + " rows, 1 file",
                        List.of(logs), logs.toString(), logsRows));
                Path features = DataGen.features(c, data, featuresRows);
                cases.add(makeCase(c, "load_all-features", Workload.load_all, "features (50 float64 + label), "
                        + String.format(Locale.ROOT, "%,d", featuresRows) + " rows, 1 file", List.of(features), features.toString(), featuresRows));
            }
            if (wanted(only, "multi_file")) {
                for (int parts : quick ? new int[] {8} : new int[] {8, 64}) {
                    List<Path> files = DataGen.tradesSplit(c, data, tradesRows, parts);
                    cases.add(makeCase(c, "multi_file-" + parts, Workload.load_all, "trades, " + String.format(Locale.ROOT, "%,d", tradesRows)
                            + " rows in " + parts + " files", files, files.get(0).getParent() + "/*.parquet", tradesRows));
                }
            }
            if (mode.equals("large")) {
                // ≥ 5 GB: ~15 bytes a row. Only the streaming workloads: a full materialisation would not fit the heap.
                long largeRows = 350_000_000L;
                Path large = DataGen.trades(c, data, largeRows);
                for (Workload w : LARGE) {
                    if (wanted(only, w.name()) || wanted(only, "large")) {
                        cases.add(makeCase(c, w.name() + "-large", w, "trades, " + String.format(Locale.ROOT, "%,d", largeRows) + " rows, "
                                + String.format(Locale.ROOT, "%.1f GB", Files.size(large) / 1e9) + ", 1 file", List.of(large), large.toString(), largeRows));
                    }
                }
            }
        }

        Path logDir = root.resolve("bench/target/bench-logs");
        Files.createDirectories(logDir);
        Polars polars = Polars.find(root);
        List<CaseResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Case cs : cases) {
            System.out.printf(Locale.ROOT, "%n== %s: %s on %s (%.1f MB read, lo..hi %d..%d)%n", cs.id(), cs.workload().description, cs.title(),
                    cs.compressedBytes() / 1e6, cs.lo(), cs.hi());
            List<Measurement> ms = new ArrayList<>();
            String loadAtStart = loadAverage();
            for (int th : threads) {
                for (String sys : systems) {
                    if (sys.equals("duckdb-ctas") && (cs.workload() != Workload.load_all || quick && !explicitSystems)) continue;
                    // parquet-java has no thread setting: on one file more threads change nothing.
                    if (sys.equals("parquet-java") && cs.files().size() == 1 && th != threads.get(0)) continue;
                    for (String v : variants(sys, cs.workload())) {
                        Measurement m = sys.equals("polars") ? polars.run(cs, th, runs, logDir)
                                : runJvm(v, cs, th, runs, VARIANT_XMX.getOrDefault(v, xmx), logDir, quick ? 600 : 3600);
                        System.out.printf(Locale.ROOT, "  %-13s t=%d  %s%n", v, th, m.ok()
                                ? String.format(Locale.ROOT, "%.3f s  cold %.3f s  rss %.0f MB  result %s", m.seconds(), m.coldSeconds(),
                                        m.peakRss() / 1e6, m.result())
                                : "n/a: " + m.error());
                        ms.add(m);
                    }
                }
            }
            List<String> mism = check(cs, ms);
            CaseResult cr = new CaseResult(cs, ms, mism, loadAtStart + " → " + loadAverage());
            System.out.println("load average (1 min) " + cr.load());
            results.add(cr);
            System.out.println();
            System.out.print(Report.table(cr));
        }
        double total = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%nall workloads: %.0f s%n", total);
        long mismatches = results.stream().mapToLong(r -> r.mismatches().size()).sum();
        if (mismatches > 0) {
            System.out.println("!!!!!!!! " + mismatches + " RESULT MISMATCH(ES) — see the tables above !!!!!!!!");
            for (CaseResult r : results) for (String s : r.mismatches()) System.out.println("!!! " + r.c().id() + ": " + s);
        }
        if (doc && !results.isEmpty()) {
            Report.Env env = new Report.Env(mode, threads, runs, xmx, duckVersion, polars.version(), String.join(" ", args), LocalDate.now().toString());
            // Not every workload or not every system: only the sections (and rows) measured replace the page's.
            boolean allWorkloads = only == null || only.containsAll(WORKLOADS.stream().map(Workload::name).toList()) && only.contains("multi_file");
            Report.write(root, results, env, !allWorkloads || !systems.containsAll(ALL_SYSTEMS));
            System.out.println("wrote docs/BENCHMARKS.md and docs/bench/*.png");
        }
    }

    static boolean wanted(Set<String> only, String name) {
        return only == null || only.contains(name);
    }

    static Case makeCase(Connection c, String id, Workload w, String title, List<Path> files, String polarsSource, long rows) throws Exception {
        long comp = 0;
        long uncomp = 0;
        String filter = w.columns.isEmpty() ? "" : w.columns.stream().map(x -> "'" + x + "'")
                .collect(Collectors.joining(", ", " WHERE path_in_schema IN (", ")"));
        try (Statement s = c.createStatement()) {
            for (Path f : files) {
                try (ResultSet rs = s.executeQuery("SELECT sum(total_compressed_size), sum(total_uncompressed_size) FROM parquet_metadata('"
                        + f + "')" + filter)) {
                    rs.next();
                    comp += rs.getLong(1);
                    uncomp += rs.getLong(2);
                }
            }
        }
        long lo = rows / 2;
        long hi = lo + rows / 100 - 1;
        return new Case(id, w, title, files, polarsSource, rows, comp, uncomp, lo, hi);
    }

    private static String string(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Runs {@link Worker} in a fresh JVM with the same java, classpath and the given -Xmx. */
    static Measurement runJvm(String sys, Case cs, int threads, int runs, String xmx, Path logDir, long timeoutSeconds) throws Exception {
        List<String> cmd = javaCommand(xmx, Worker.class);
        cmd.addAll(List.of(sys, cs.workload().name(), Integer.toString(threads), Integer.toString(runs), Long.toString(cs.lo()), Long.toString(cs.hi())));
        for (Path f : cs.files()) cmd.add(f.toString());
        return runProcess(sys, threads, new ProcessBuilder(cmd), logDir.resolve(cs.id() + "-" + sys + "-t" + threads), timeoutSeconds);
    }

    /** A fresh JVM of this one's java and class path running {@code main} in {@code -Xmx<xmx>}; arguments go after. */
    static List<String> javaCommand(String xmx, Class<?> main) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + xmx);
        // Every JVM peer gets transparent huge pages: page faults otherwise dominate large loads here.
        cmd.add("-XX:+UseTransparentHugePages");
        // The heap a warm run finds is the one the previous run grew, as in a JVM serving queries: Worker's System.gc()
        // between runs (which drops the last result) would otherwise hand the freed heap back, and every warm run paid
        // the page faults of growing it again (TPC-H Q18 at SF 10: 8.6 s warm, 6.1 s with the heap kept).
        cmd.add("-XX:MaxHeapFreeRatio=100");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");   // Arrow's memory module (bench/arrowexport)
        // Our settings given to the harness (e.g. -Dstreamingadaptive.codecs=java through BENCH_JAVA_OPTS) reach every worker.
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("streamingadaptive.")) cmd.add("-D" + name + "=" + System.getProperty(name));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        return cmd;
    }

    static Measurement runProcess(String sys, int threads, ProcessBuilder pb, Path logBase, long timeoutSeconds) throws Exception {
        Path out = Path.of(logBase + ".out");
        Path err = Path.of(logBase + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        // Peak RSS seen from outside: VmHWM of the child, polled until it exits. Used for processes that
        // cannot read their own (a Node child's getrusage maxRSS inherits the parent's high-water mark).
        long[] polled = {-1};
        Thread poller = Thread.ofPlatform().daemon().start(() -> {
            Path status = Path.of("/proc/" + p.pid() + "/status");
            while (p.isAlive()) {
                long v = vmHwm(status);
                if (v > polled[0]) polled[0] = v;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return failed(sys, threads, "timed out after " + timeoutSeconds + " s");
        }
        poller.join();
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        for (String line : stdout.split("\n")) {
            if (line.startsWith("BENCH-ERROR ")) return failed(sys, threads, line.substring(12).trim());
        }
        String json = null;
        for (String line : stdout.split("\n")) {
            String l = line.trim();
            if (l.startsWith("BENCH-RESULT ")) json = l.substring(13);
            else if (l.startsWith("{") && l.contains("\"seconds\"")) json = l;
        }
        if (p.exitValue() != 0 || json == null) {
            String e = lastLine(err);
            return failed(sys, threads, "exit " + p.exitValue() + (e.isEmpty() ? "" : ": " + e));
        }
        long rss = json.contains("\"decodedBytes\"") ? lng(json, "peakRssBytes") : polled[0];
        return new Measurement(sys, threads, dbl(json, "seconds"), dbl(json, "coldSeconds"), lng(json, "rows"), rss, rawValue(json, "result"),
                json.contains("\"decodedBytes\"") ? lng(json, "decodedBytes") : -1, null);
    }

    private static long vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended
        }
        return -1;
    }

    static Measurement failed(String sys, int threads, String why) {
        String w = why.length() > 160 ? why.substring(0, 157) + "..." : why;
        return new Measurement(sys, threads, Double.NaN, Double.NaN, -1, -1, null, -1, w);
    }

    private static String lastLine(Path p) throws IOException {
        if (!Files.exists(p)) return "";
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).toList();
        for (String l : lines) if (l.startsWith("run.mjs:")) return l.replace('|', '/');
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim().replace('|', '/');
    }

    static double dbl(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static long lng(String json, String key) {
        double d = dbl(json, key);
        return Double.isNaN(d) ? -1 : (long) d;
    }

    /** The raw JSON text of a value: a number, a string, or a flat array. */
    static String rawValue(String json, String key) {
        int i = json.indexOf("\"" + key + "\"");
        if (i < 0) return "null";
        i = json.indexOf(':', i) + 1;
        while (Character.isWhitespace(json.charAt(i))) i++;
        int end;
        if (json.charAt(i) == '[') end = json.indexOf(']', i) + 1;
        else {
            end = i;
            while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') end++;
        }
        return json.substring(i, end).trim();
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    static List<Double> numbers(String result) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(result);
        while (m.find()) out.add(Double.parseDouble(m.group()));
        return out;
    }

    /** The same numbers, sums of doubles to the cent. */
    static boolean sameResult(String a, String b) {
        return sameResult(a, b, 1e-12);
    }

    /**
     * The same numbers, sums of doubles to the cent or to {@code relative} of their size: summed in another order, a sum
     * of n doubles differs by about sqrt(n) ulps (3.4 billion prices at 50 GB: 2 in 2e12, beyond the cent).
     */
    static boolean sameResult(String a, String b, double relative) {
        List<Double> x = numbers(a);
        List<Double> y = numbers(b);
        boolean same = x.size() == y.size();
        for (int i = 0; same && i < x.size(); i++) {
            double u = x.get(i), v = y.get(i);
            same = Math.abs(u - v) <= 0.011 + relative * Math.max(Math.abs(u), Math.abs(v));
        }
        return same;
    }

    /** Every system's result must equal the reference (ours, else the first that ran); sums of doubles are compared to the cent. */
    static List<String> check(Case cs, List<Measurement> ms) {
        List<String> out = new ArrayList<>();
        Measurement ref = ms.stream().filter(m -> m.ok() && m.system().equals("ours")).findFirst()
                .orElse(ms.stream().filter(Measurement::ok).findFirst().orElse(null));
        if (ref == null) return out;
        List<Double> want = numbers(ref.result());
        for (Measurement m : ms) {
            if (!m.ok()) continue;
            if (!sameResult(ref.result(), m.result())) {
                String s = String.format(Locale.ROOT, "%s (threads %d) returned %s, %s (threads %d) returned %s",
                        m.system(), m.threads(), m.result(), ref.system(), ref.threads(), ref.result());
                out.add(s);
                System.out.println("!!!!!!!! RESULT MISMATCH in " + cs.id() + ": " + s);
            }
        }
        if (cs.workload() == Workload.filter_range && !ms.isEmpty()) {
            long expected = cs.hi() - cs.lo() + 1;
            if (!want.isEmpty() && want.get(0) != expected) {
                String s = ref.system() + " counted " + ref.result() + " ids in [" + cs.lo() + ", " + cs.hi() + "], expected " + expected;
                out.add(s);
                System.out.println("!!!!!!!! RESULT MISMATCH in " + cs.id() + ": " + s);
            }
        }
        return out;
    }
}
