package dev.streamingadaptive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Markdown tables, the docs/BENCHMARKS.md page and the charts. */
final class Report {
    private Report() {}

    record Env(String mode, List<Integer> threads, int runs, String xmx, String duckdb, String polars, String args, String date) {}

    static final Map<String, String> NAMES = Map.of("ours", "streaming-adaptive", "ours-collect", "streaming-adaptive (collect)",
            "ours-32mb", "streaming-adaptive (32 MB budget)", "duckdb", "DuckDB (scan)",
            "duckdb-ctas", "DuckDB (CREATE TABLE AS)", "hardwood", "Hardwood", "parquet-java", "parquet-java", "polars", "Polars (Node)");

    static String name(String sys) { return NAMES.getOrDefault(sys, sys); }

    static final String HEADER = "| system | threads | best s | cold s | M rows/s | MB/s compressed | MB/s uncompressed | peak RSS MB | ours ÷ peer time | result |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
    /** Cells of a row under {@link #HEADER} (0-based). */
    static final int COLD_CELL = 3, RSS_CELL = 7, RESULT_CELL = 9;

    static String table(Harness.CaseResult r) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (Harness.Measurement m : r.ms()) sb.append(row(r, m)).append('\n');
        return sb.toString();
    }

    /** One table row (no line end). */
    static String row(Harness.CaseResult r, Harness.Measurement m) {
        Harness.Case c = r.c();
        if (!m.ok()) return String.format(Locale.ROOT, "| %s | %d | n/a | | | | | | | %s |", name(m.system()), m.threads(), m.error());
        Harness.Measurement ours = r.ms().stream().filter(x -> x.ok() && x.system().equals("ours") && x.threads() == m.threads())
                .findFirst().orElse(null);
        String ratio = ours == null ? "" : String.format(Locale.ROOT, "%.2f", ours.seconds() / m.seconds());
        boolean bad = r.mismatches().stream().anyMatch(s -> s.startsWith(m.system() + " (threads " + m.threads() + ")"));
        return String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %.1f | %.0f | %.0f | %s | %s | %s%s |", name(m.system()), m.threads(),
                m.seconds(), Double.isNaN(m.coldSeconds()) ? "" : String.format(Locale.ROOT, "%.3f", m.coldSeconds()), c.inputRows() / m.seconds() / 1e6, c.compressedBytes() / m.seconds() / 1e6,
                c.uncompressedBytes() / m.seconds() / 1e6, m.peakRss() > 0 ? String.format(Locale.ROOT, "%.0f", m.peakRss() / 1e6) : "?",
                ratio, m.result(), bad ? " **MISMATCH**" : "");
    }

    /**
     * Writes docs/BENCHMARKS.md and the charts of the cases measured. A complete run (every workload and
     * system, in the mode the existing page's sections were measured in) rewrites the page. Any other run
     * ({@code partial}: {@code --only} or {@code --systems}; or another mode) merges: it replaces the sections
     * of the cases it measured and, within them, only the rows of the systems and thread counts it ran (on
     * the same data); other sections, other rows and the hand-written sections after the results stay as
     * they were, and only the re-measured cases get new charts.
     */
    static void write(Path root, List<Harness.CaseResult> results, Env env, boolean partial) throws IOException {
        Path file = root.resolve("docs/BENCHMARKS.md");
        BenchmarksPage old = Files.exists(file) ? BenchmarksPage.parse(Files.readString(file)) : null;
        boolean merge = old != null && !old.sections.isEmpty() && (partial || !old.modes().equals(Set.of(env.mode())));
        // A merged page's Method describes the run that wrote the page first (every section without a run line).
        BenchmarksPage.Base b = merge && old.hasBase() ? old.base : null;
        Env method = b == null ? env : new Env(b.mode(), b.threads(), b.runs(), b.xmx(), env.duckdb(), env.polars(), b.args(), b.date());
        StringBuilder sb = new StringBuilder();
        method(sb, method, merge ? env : null);
        Map<String, String> sections = new LinkedHashMap<>();
        if (merge) for (BenchmarksPage.Section s : old.sections.values()) sections.put(s.id(), s.text());
        for (Harness.CaseResult r : results) sections.put(r.c().id(), section(root, r, env, merge ? old.sections.get(r.c().id()) : null));
        summary(sb, sections);
        sb.append("\n## Results\n\n");
        List<String> ids = new ArrayList<>(sections.keySet());
        if (merge) {
            List<String> order = Harness.caseIds();
            ids.sort(Comparator.comparingInt(id -> order.contains(id) ? order.indexOf(id) : order.size()));
        }
        for (String id : ids) {
            String text = sections.get(id);
            sb.append(text);
            if (!text.endsWith("\n\n")) sb.append('\n');
        }
        if (merge) sb.append(old.tail);
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(file, sb.toString());
    }

    /** The workloads of issue 11's goal (each ≤ 1.0x the best of DuckDB and Polars), plus stream_all. */
    static final List<String> ENGINE_QUERIES = List.of("sum_two", "group_by", "filter_eq", "filter_range", "head_ten", "stream_all");

    /**
     * A table of ours against the best of DuckDB and Polars on the engine's queries, read back from the result sections
     * (so a partial run's summary still covers every section on the page): best and cold times, their ratios, peak RSS.
     */
    static void summary(StringBuilder sb, Map<String, String> sections) {
        StringBuilder t = new StringBuilder();
        for (String id : ENGINE_QUERIES) {
            String text = sections.get(id);
            if (text == null) continue;
            boolean cold = text.contains("| best s | cold s |");
            int rss = cold ? RSS_CELL : RSS_CELL - 1;
            List<String> rows = new ArrayList<>();
            for (String l : text.split("\n")) if (l.startsWith("| ") && !l.startsWith("| system |") && !l.startsWith("| --- ")) rows.add(l);
            Set<Integer> threads = new java.util.TreeSet<>();
            for (String r : rows) threads.add(BenchmarksPage.threads(r));
            for (int th : threads) {
                String ours = null;
                String best = null;
                for (String r : rows) {
                    if (BenchmarksPage.threads(r) != th || Double.isNaN(BenchmarksPage.seconds(r))) continue;
                    String sys = system(BenchmarksPage.systemName(r));
                    if (sys.equals("ours")) ours = r;
                    if ((sys.equals("duckdb") || sys.equals("polars"))
                            && (best == null || BenchmarksPage.seconds(r) < BenchmarksPage.seconds(best))) best = r;
                }
                if (ours == null || best == null) continue;
                double os = BenchmarksPage.seconds(ours), bs = BenchmarksPage.seconds(best);
                String oc = cold ? BenchmarksPage.cell(ours, COLD_CELL) : "", bc = cold ? BenchmarksPage.cell(best, COLD_CELL) : "";
                String coldRatio = "";
                try {
                    coldRatio = String.format(Locale.ROOT, "%.2f", Double.parseDouble(oc) / Double.parseDouble(bc));
                } catch (NumberFormatException e) {
                    // no cold times in that section
                }
                t.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %.3f | **%.2f** | %s | %s | %s | %s | %s |%n", id, th, os,
                        BenchmarksPage.systemName(best), bs, os / bs, oc, bc, coldRatio, BenchmarksPage.cell(ours, rss), BenchmarksPage.cell(best, rss)));
            }
        }
        if (t.isEmpty()) return;
        sb.append("\n## Summary: the query engine against the best of DuckDB and Polars\n\n");
        sb.append("Issue 11's goal is each of the five queries at ≤ 1.0× the best of DuckDB and Polars (ratio = ours ÷ best peer time;\n");
        sb.append("above 1 we are slower); `stream_all` is added for the streaming path. Read back from the sections below (each names\n");
        sb.append("the run that measured it); where the time goes is at the end of the page.\n\n");
        sb.append("| query | threads | ours best s | best peer | peer best s | ours ÷ best | ours cold s | peer cold s | ours ÷ best, cold | ours peak RSS MB | peer peak RSS MB |\n");
        sb.append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        sb.append(t);
    }

    /** Title, Method and Machine; {@code latest} is the run that merged into the page, or null when it rewrites the page. */
    private static void method(StringBuilder sb, Env env, Env latest) {
        sb.append("# Benchmarks\n\n");
        sb.append("Every speed claim here is a ratio measured side by side in one run on one machine. Timings live\n");
        sb.append("only here and in `bench/`, never in tests. This page is written by `bench/run`; edit the generator\n");
        sb.append("(`bench/src/main/java/dev/streamingadaptive/bench/Report.java`), not the page.\n\n");
        sb.append("## Method\n\n");
        sb.append("- **Reproduce:** `bench/run").append(env.args().isEmpty() ? "" : " " + env.args()).append("` (this page: `")
                .append(env.mode()).append("` mode, ").append(env.date());
        if (latest != null) {
            // Partial runs replace only the sections (and in them the rows) they measured; each section's first line names its run.
            sb.append(", except the sections whose first line names a later run; the latest:\n  `bench/run")
                    .append(latest.args().isEmpty() ? "" : " " + latest.args()).append("`, `").append(latest.mode()).append("` mode, ").append(latest.date());
        }
        sb.append("). `bench/run --quick` takes minutes; `bench/run` is the\n");
        sb.append("  full run (40M-row trades, 8 and 64 files, 10M logs, 5M features); `--large` adds a ≥ 5 GB trades file for the\n");
        sb.append("  streaming workloads. Options: `--threads 1,2`, `--only load_all,multi_file,…`, `--systems ours,duckdb,…`,\n");
        sb.append("  `--runs N`, `--xmx SIZE`, `--no-doc`.\n");
        sb.append("- **Data:** generated once by DuckDB through JDBC into `bench-data/` (reused when present) with snappy and\n");
        sb.append("  1M-row row groups; the SQL is in `DataGen.java`. `trades`: ts timestamp µs, symbol (2,000 values), price\n");
        sb.append("  double, size int32, exchange (8 values), is_buy boolean, trade_id int64 sorted, cond string 80% null. `logs`:\n");
        sb.append("  ts, level (5 values), service (40 values), message (50–200 chars), latency_ms. `features`: 50 float64 + int32 label.\n");
        sb.append("  Multi-file variants split the same trades rows into 8 (and 64) files, trade_id continuing across files.\n");
        sb.append("- **Processes:** every system runs each workload in its own fresh process (JVM peers: the same `java`,\n");
        sb.append("  classpath and `-Xmx").append(env.xmx()).append("`; Polars: `node bench/polars/run.mjs`), so peak RSS (VmHWM of\n");
        sb.append("  that process) is its own; for Polars the harness polls the child's VmHWM every 20 ms, as a Node\n");
        sb.append("  child's getrusage maxRSS inherits its parent's high-water mark. Every process (JVM peers and Polars alike) runs the\n");
        sb.append("  workload once cold, then again unmeasured until ").append(Worker.WARMUP_SECONDS).append(" s has gone by in warm-ups (at most ")
                .append(Worker.MAX_EXTRA_WARMUPS).append(" more runs: a query of a few\n");
        sb.append("  milliseconds would otherwise be timed while the JIT is still compiling it; a load of a second or more gets none),\n");
        sb.append("  then ").append(env.runs()).append(" measured times (since 2026-12-06; before, JVM peers had one warm-up run and Polars none).\n");
        sb.append("  **best s** is the best of those ").append(env.runs()).append(" runs, timed inside the process (start-up and warm-up excluded);\n");
        sb.append("  **cold s** is the first run in that fresh process (JVM peers: before the JIT has compiled the reader;\n");
        sb.append("  start-up excluded, the file most likely in the page cache from the runs before).\n");
        sb.append("- **Threads:** the same for everyone (").append(env.threads()).append("): DuckDB `SET threads`, Hardwood\n");
        sb.append("  `HardwoodContext.create(n)`, Polars `POLARS_MAX_THREADS`, streaming-adaptive `withThreads(n)` (one task per\n");
        sb.append("  row group and column). parquet-java has no thread setting: a single file is read as the library does it (so\n");
        sb.append("  only in the first thread count's rows); several files are read by a pool of n threads, one file each at a time.\n");
        sb.append("- **Columns:** M rows/s counts the input rows; MB/s compressed and uncompressed divide the Parquet column\n");
        sb.append("  chunk sizes (footer `total_compressed_size` / `total_uncompressed_size`) of the columns the workload reads by the\n");
        sb.append("  time — a nominal volume: a system that prunes row groups or pages reads less. **ours ÷ peer time** below 1\n");
        sb.append("  means we are faster. **result** is what the system returned; all must agree (sums to the cent), a\n");
        sb.append("  disagreement is printed as **MISMATCH**.\n");
        sb.append("- **What each system does:**\n");
        sb.append("  - *streaming-adaptive*: every query is a `LazyFrame` (`import static dev.streamingadaptive.expr.Expr.*`) over\n");
        sb.append("    `LazyFrame.scanParquet(file).withThreads(n)`, so the optimizer pushes projection, filter and limit into the scan\n");
        sb.append("    and the streaming executor computes every number of the result (no aggregation loop in `bench/`):\n");
        sb.append("    `sum_two` is `.agg(col(\"price\").sum(), col(\"size\").sum())`; `group_by` is `.groupBy(\"symbol\").agg(col(\"price\").mean(),\n");
        sb.append("    col(\"size\").sum(), len())`; `filter_eq` is `.filter(col(\"symbol\").eq(lit(\"S1999\"))).collect()` (a DataFrame of\n");
        sb.append("    every column of the matching rows), whose `len()` and `sum(price)` are then `df.lazy().agg(...)`; `filter_range` is\n");
        sb.append("    `.filter(col(\"trade_id\").isBetween(lit(lo), lit(hi))).agg(len())`; `head_ten` is `.select(\"ts\", \"symbol\", \"price\")\n");
        sb.append("    .head(10).collect()`. The pushed filter prunes row groups by footer statistics, bloom filters and dictionaries\n");
        sb.append("    (on the trades file statistics prune all but the 2 row groups holding the trade_id range; the rare symbol\n");
        sb.append("    occurs in every row group, so the equality filter prunes none). `stream_all` is `.stream()` of the whole file\n");
        sb.append("    (every column; rows are the batches' heights, each batch's `sum(size)` is `batch.lazy().agg(col(\"size\").sum())`\n");
        sb.append("    on the consuming thread, microseconds of planning against milliseconds of decoding per batch; nothing kept), and,\n");
        sb.append("    in the same run, `.collect()` of the file and `.stream()` under `.withMemoryManager(MemoryManager.fixed(32 MB))`\n");
        sb.append("    with `-Xmx").append(Harness.VARIANT_XMX.get("ours-32mb")).append("` (each a row of its own). The loads measure the reader, not\n");
        sb.append("    the engine: `MmapParquetReader.readAll()` per file (a DataFrame of Java arrays, strings as dictionary + indices),\n");
        sb.append("    several files through `ParallelStreamReader.collectParallel()`.\n");
        sb.append("  - *DuckDB (scan)*: loads are `SELECT count(*), max(col)…` over every read column (decodes all values, builds no\n");
        sb.append("    result); *DuckDB (CREATE TABLE AS)* materialises into DuckDB's in-memory storage (full runs, or quick runs\n");
        sb.append("    whose `--systems` names `duckdb-ctas`). Queries are the SQL equivalents; `filter_eq` materialises the matching\n");
        sb.append("    rows with `CREATE TEMP TABLE m AS SELECT * … WHERE symbol = 'S1999'` and counts and sums `m` (DuckDB's\n");
        sb.append("    equivalent of a DataFrame of every column; fetching 20,000 rows through JDBC would time the driver instead);\n");
        sb.append("    `head_ten` fetches `SELECT ts, symbol, price … LIMIT 10` through JDBC (DuckDB keeps insertion order);\n");
        sb.append("    `stream_all` is the load scan plus `sum(size)`.\n");
        sb.append("  - *Hardwood* (a reader, no query engine: what it cannot compute is the user code a Hardwood user writes):\n");
        sb.append("    `ColumnReaders` over the projected columns, every batch's arrays touched (Hardwood hands out reused batches;\n");
        sb.append("    nothing is retained), strings as bytes + offsets; filters pushed down as `FilterPredicate`s, and `filter_eq`\n");
        sb.append("    copies every column of the matching rows into arrays of its own; the group-by is a `HashMap` keyed by the\n");
        sb.append("    symbol's bytes; `head_ten` is its row reader with `head(10)`; `stream_all` is the load plus `sum(size)`.\n");
        sb.append("  - *parquet-java*: `ParquetFileReader` on `LocalInputFile`, one `ColumnReader` per column per row group,\n");
        sb.append("    values copied into primitive arrays (strings as `Binary`), one row group at a time (`stream_all`: plus\n");
        sb.append("    `sum(size)`; the group-by a `HashMap<Binary, …>`); filters through `readNextFilteredRowGroup`, `filter_eq` keeping\n");
        sb.append("    every column of the matching rows; `head_ten` reads 10 values of each column of the first row group.\n");
        sb.append("  - *Polars (Node)*: `readParquet` for single-file loads, `scanParquet(...)` lazy queries otherwise, collected\n");
        sb.append("    by the streaming engine (`collectSync({engine: \"streaming\"})`); `filter_eq` is `scanParquet(file).filter(...)`\n");
        sb.append("    collected (every column), then `height` and `getColumn(\"price\").sum()` of that frame; `head_ten` is\n");
        sb.append("    `scanParquet(file).select(\"ts\", \"symbol\", \"price\").head(10)`; `stream_all` is `scanParquet(file).select(len(),\n");
        sb.append("    sum(size), max of every column)` (nodejs-polars 0.26.1 has no batch iterator; its sinks write files).\n\n");
        sb.append("## Machine and versions\n\n");
        for (String line : machine()) sb.append("- ").append(line).append('\n');
        sb.append("- JDK: ").append(System.getProperty("java.vm.vendor")).append(' ').append(System.getProperty("java.runtime.version")).append('\n');
        sb.append("- DuckDB JDBC: ").append(env.duckdb()).append("; Hardwood: ").append(jarVersion("hardwood-core"))
                .append("; parquet-java: ").append(jarVersion("parquet-hadoop")).append(" (Hadoop ").append(jarVersion("hadoop-client-api"))
                .append(" client API); Polars: ").append(env.polars()).append('\n');
    }

    private static final Pattern OURS_DECODES = Pattern.compile("; ours decodes them into \\d+ MiB of Java arrays");

    /**
     * One {@code ### id} section and its chart. With {@code old}, the section this one replaces, on the
     * same data: its rows of systems and thread counts this run did not measure are kept, marked as earlier.
     */
    private static String section(Path root, Harness.CaseResult r, Env env, BenchmarksPage.Section old) throws IOException {
        Harness.Case c = r.c();
        // Only rows on the same data are kept: a quick run's 4M rows never sit next to a full run's 40M.
        List<String> kept = new ArrayList<>();
        if (old != null && old.dataLine().startsWith(c.title() + ";")) {
            Set<String> measured = new HashSet<>();
            for (Harness.Measurement m : r.ms()) measured.add(name(m.system()) + "/" + m.threads());
            for (String row : old.rows()) {
                // A row of a page from before the cold column gets an empty cold cell.
                String r2 = old.hasColdColumn() ? row : BenchmarksPage.insertCell(row, COLD_CELL, "");
                if (!measured.contains(BenchmarksPage.systemName(r2) + "/" + BenchmarksPage.threads(r2))) kept.add(BenchmarksPage.markEarlier(r2, old.date()));
            }
        }
        boolean hasOurs = r.ms().stream().anyMatch(m -> m.system().equals("ours"));
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(c.id()).append(" — ").append(c.workload().description).append("\n\n");
        sb.append(BenchmarksPage.RUN_PREFIX).append(env.date()).append(", `").append(env.mode()).append("` mode, best of ").append(env.runs())
                .append(", `-Xmx").append(env.xmx()).append("`: ").append(String.join(", ", r.ms().stream().map(m -> name(m.system())).distinct().toList()))
                .append(" (`bench/run").append(env.args().isEmpty() ? "" : " " + env.args()).append("`).")
                .append(" Load average (1 min, ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs) at start → end: ").append(r.load()).append('.');
        if (!kept.isEmpty()) {
            sb.append(" Rows marked *(earlier run, date)* are kept from that run, not re-measured here; their ours ÷ peer time is")
                    .append(" against that run's streaming-adaptive").append(hasOurs ? "" : ", and this run's rows have none (streaming-adaptive was not re-run)").append('.');
        }
        sb.append("\n\n");
        sb.append(String.format(Locale.ROOT, "%s; %.1f MB compressed / %.1f MB uncompressed in the columns read", c.title(),
                c.compressedBytes() / 1e6, c.uncompressedBytes() / 1e6));
        long decoded = r.ms().stream().filter(m -> m.ok() && m.system().startsWith("ours") && m.decodedBytes() > 0)
                .mapToLong(Harness.Measurement::decodedBytes).findFirst().orElse(-1);
        if (decoded > 0) sb.append(String.format(Locale.ROOT, "; ours decodes them into %.0f MiB of Java arrays", decoded / 1048576.0));
        else if (!kept.isEmpty()) {
            Matcher m = OURS_DECODES.matcher(old.dataLine());
            if (m.find()) sb.append(m.group());
        }
        if (c.workload() == Workload.filter_eq) sb.append("; symbol = '").append(Workload.RARE_SYMBOL)
                .append("', every column of the matching rows materialised (ours: a DataFrame; DuckDB: a temporary table; Polars: a DataFrame;")
                .append(" Hardwood and parquet-java: arrays), count and sum(price) computed from them");
        if (c.workload() == Workload.head_ten) sb.append("; the first 10 rows in file order, result = [rows, sum of their prices]");
        if (c.workload() == Workload.filter_range) sb.append("; ").append(c.lo()).append(" ≤ trade_id ≤ ").append(c.hi());
        if (c.workload() == Workload.stream_all) {
            sb.append(". streaming-adaptive is `LazyFrame.scanParquet(file).stream()` (every batch's rows counted and its size column summed")
                    .append(" by `batch.lazy().agg(col(\"size\").sum())`, nothing kept); *(collect)* is `collect()` of the same LazyFrame, *(32 MB budget)*")
                    .append(" is `stream()` under `withMemoryManager(MemoryManager.fixed(32 MB))` in a JVM of `-Xmx").append(Harness.VARIANT_XMX.get("ours-32mb"))
                    .append("`; their ours ÷ peer time is stream ÷ them");
        }
        sb.append(".\n\n");

        // Table rows and chart bars, this run's and the kept ones, by thread count and then system.
        record Line(int order, String row, Chart.Bar bar) {}
        List<Line> lines = new ArrayList<>();
        for (Harness.Measurement m : r.ms()) {
            lines.add(new Line(m.threads() * 100 + Harness.ROW_ORDER.indexOf(m.system()), row(r, m), new Chart.Bar(
                    name(m.system()) + ", " + m.threads() + (m.threads() == 1 ? " thread" : " threads"), m.seconds(),
                    m.ok() ? (m.peakRss() > 0 ? String.format(Locale.ROOT, "(%.0f MB RSS)", m.peakRss() / 1e6) : null) : m.error(), m.system())));
        }
        List<String> mismatches = new ArrayList<>(r.mismatches());
        Harness.Measurement ref = r.ms().stream().filter(m -> m.ok() && m.system().equals("ours")).findFirst()
                .orElse(r.ms().stream().filter(Harness.Measurement::ok).findFirst().orElse(null));
        for (String row : kept) {
            String sys = system(BenchmarksPage.systemName(row));
            int th = BenchmarksPage.threads(row);
            double seconds = BenchmarksPage.seconds(row);
            boolean na = Double.isNaN(seconds);
            String result = BenchmarksPage.cell(row, RESULT_CELL).replace("**MISMATCH**", "").trim();
            if (!na && ref != null && !Harness.sameResult(ref.result(), result)) {
                mismatches.add(String.format(Locale.ROOT, "%s (threads %d, earlier run) returned %s, %s (threads %d) returned %s",
                        sys, th, result, ref.system(), ref.threads(), ref.result()));
            }
            String rss = BenchmarksPage.cell(row, RSS_CELL);
            lines.add(new Line(th * 100 + (Harness.ROW_ORDER.contains(sys) ? Harness.ROW_ORDER.indexOf(sys) : 99), row, new Chart.Bar(
                    BenchmarksPage.systemName(row) + ", " + th + (th == 1 ? " thread" : " threads"), seconds,
                    na ? "earlier run" : "(" + (rss.matches("\\d+") ? rss + " MB RSS, " : "") + "earlier run)", sys)));
        }
        if (!kept.isEmpty()) lines.sort(Comparator.comparingInt(Line::order));
        sb.append(HEADER);
        for (Line l : lines) sb.append(l.row()).append('\n');
        sb.append('\n');
        for (String s : mismatches) sb.append("**Result mismatch:** ").append(s).append("\n\n");
        Chart.write(root.resolve("docs/bench/" + c.id() + ".png"), c.id() + ": " + c.workload().description,
                c.title() + " — " + env.mode() + " run, " + env.date() + (kept.isEmpty() ? "" : "; \"earlier run\" bars: kept from the run the table names"),
                lines.stream().map(Line::bar).toList());
        sb.append("![").append(c.id()).append("](bench/").append(c.id()).append(".png)\n\n");
        return sb.toString();
    }

    /** The system id of a display name (the name itself when unknown). */
    static String system(String name) {
        for (Map.Entry<String, String> e : NAMES.entrySet()) if (e.getValue().equals(name)) return e.getKey();
        return name;
    }

    static List<String> machine() {
        List<String> out = new ArrayList<>();
        try {
            String model = "?";
            int cpus = 0;
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name") && model.equals("?")) model = l.substring(l.indexOf(':') + 1).trim();
                if (l.startsWith("processor")) cpus++;
            }
            out.add("CPU: " + model + ", " + cpus + " logical CPUs");
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    out.add(String.format(Locale.ROOT, "RAM: %.1f GiB (MemTotal), no swap in use assumed", kb / 1048576.0));
                }
            }
        } catch (IOException | RuntimeException e) {
            out.add("machine facts unavailable: " + e);
        }
        out.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return out;
    }

    static String jarVersion(String artifact) {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String f = Path.of(e).getFileName().toString();
            if (f.startsWith(artifact + "-") && f.endsWith(".jar")) return f.substring(artifact.length() + 1, f.length() - 4);
        }
        return "?";
    }
}
