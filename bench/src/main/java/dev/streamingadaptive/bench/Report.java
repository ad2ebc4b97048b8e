package dev.streamingadaptive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Markdown tables, the docs/BENCHMARKS.md page and the charts. */
final class Report {
    private Report() {}

    record Env(String mode, List<Integer> threads, int runs, String xmx, String duckdb, String polars, String args, String date) {}

    static final Map<String, String> NAMES = Map.of("ours", "streaming-adaptive", "duckdb", "DuckDB (scan)",
            "duckdb-ctas", "DuckDB (CREATE TABLE AS)", "hardwood", "Hardwood", "parquet-java", "parquet-java", "polars", "Polars (Node)");

    static String name(String sys) { return NAMES.getOrDefault(sys, sys); }

    static String table(Harness.CaseResult r) {
        Harness.Case c = r.c();
        StringBuilder sb = new StringBuilder();
        sb.append("| system | threads | best s | M rows/s | MB/s compressed | MB/s uncompressed | peak RSS MB | ours ÷ peer time | result |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Harness.Measurement m : r.ms()) {
            if (!m.ok()) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | n/a | | | | | | %s |%n", name(m.system()), m.threads(), m.error()));
                continue;
            }
            Harness.Measurement ours = r.ms().stream().filter(x -> x.ok() && x.system().equals("ours") && x.threads() == m.threads())
                    .findFirst().orElse(null);
            String ratio = ours == null ? "" : String.format(Locale.ROOT, "%.2f", ours.seconds() / m.seconds());
            boolean bad = r.mismatches().stream().anyMatch(s -> s.startsWith(m.system() + " (threads " + m.threads() + ")"));
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.1f | %.0f | %.0f | %s | %s | %s%s |%n", name(m.system()), m.threads(),
                    m.seconds(), c.inputRows() / m.seconds() / 1e6, c.compressedBytes() / m.seconds() / 1e6,
                    c.uncompressedBytes() / m.seconds() / 1e6, m.peakRss() > 0 ? String.format(Locale.ROOT, "%.0f", m.peakRss() / 1e6) : "?",
                    ratio, m.result(), bad ? " **MISMATCH**" : ""));
        }
        return sb.toString();
    }

    static void write(Path root, List<Harness.CaseResult> results, Env env) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\n");
        sb.append("Every speed claim here is a ratio measured side by side in one run on one machine. Timings live\n");
        sb.append("only here and in `bench/`, never in tests. This page is written by `bench/run`; edit the generator\n");
        sb.append("(`bench/src/main/java/dev/streamingadaptive/bench/Report.java`), not the page.\n\n");
        sb.append("## Method\n\n");
        sb.append("- **Reproduce:** `bench/run").append(env.args().isEmpty() ? "" : " " + env.args()).append("` (this page: `")
                .append(env.mode()).append("` mode, ").append(env.date()).append("). `bench/run --quick` takes minutes; `bench/run` is the\n");
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
        sb.append("  child's getrusage maxRSS inherits its parent's high-water mark. JVM peers read the data once as warm-up and then ").append(env.runs())
                .append(" more times; Polars reads it ").append(env.runs()).append(" times.\n");
        sb.append("  **best s** is the best of those ").append(env.runs()).append(" runs, timed inside the process (start-up and warm-up excluded).\n");
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
        sb.append("  - *streaming-adaptive*: loads are `MmapParquetReader.readAll()` per file (a DataFrame of Java arrays,\n");
        sb.append("    strings as dictionary + indices); queries stream `readRowGroup(i)` and aggregate by hand on the decoded arrays\n");
        sb.append("    (group-by and equality filter on dictionary indices). No predicate pushdown yet: filters decode every row group.\n");
        sb.append("  - *DuckDB (scan)*: loads are `SELECT count(*), max(col)…` over every read column (decodes all values, builds no\n");
        sb.append("    result); *DuckDB (CREATE TABLE AS)* materialises into DuckDB's in-memory storage (full runs, or quick runs\n");
        sb.append("    whose `--systems` names `duckdb-ctas`). Queries are the SQL equivalents.\n");
        sb.append("  - *Hardwood*: `ColumnReaders` over the projected columns, every batch's arrays touched (Hardwood hands out\n");
        sb.append("    reused batches; nothing is retained), strings as bytes + offsets; filters pushed down as `FilterPredicate`s.\n");
        sb.append("  - *parquet-java*: `ParquetFileReader` on `LocalInputFile`, one `ColumnReader` per column per row group,\n");
        sb.append("    values copied into primitive arrays (strings as `Binary`); filters through `readNextFilteredRowGroup`.\n");
        sb.append("  - *Polars (Node)*: `readParquet` for single-file loads, `scanParquet(...)` lazy queries otherwise.\n\n");
        sb.append("## Machine and versions\n\n");
        for (String line : machine()) sb.append("- ").append(line).append('\n');
        sb.append("- JDK: ").append(System.getProperty("java.vm.vendor")).append(' ').append(System.getProperty("java.runtime.version")).append('\n');
        sb.append("- DuckDB JDBC: ").append(env.duckdb()).append("; Hardwood: ").append(jarVersion("hardwood-core"))
                .append("; parquet-java: ").append(jarVersion("parquet-hadoop")).append(" (Hadoop ").append(jarVersion("hadoop-client-api"))
                .append(" client API); Polars: ").append(env.polars()).append('\n');
        sb.append("\n## Results\n\n");
        for (Harness.CaseResult r : results) {
            Harness.Case c = r.c();
            sb.append("### ").append(c.id()).append(" — ").append(c.workload().description).append("\n\n");
            sb.append(String.format(Locale.ROOT, "%s; %.1f MB compressed / %.1f MB uncompressed in the columns read", c.title(),
                    c.compressedBytes() / 1e6, c.uncompressedBytes() / 1e6));
            long decoded = r.ms().stream().filter(m -> m.ok() && m.system().equals("ours") && m.decodedBytes() > 0)
                    .mapToLong(Harness.Measurement::decodedBytes).findFirst().orElse(-1);
            if (decoded > 0) sb.append(String.format(Locale.ROOT, "; ours decodes them into %.0f MiB of Java arrays", decoded / 1048576.0));
            if (c.workload() == Workload.filter_eq) sb.append("; symbol = '").append(Workload.RARE_SYMBOL).append("'");
            if (c.workload() == Workload.filter_range) sb.append("; ").append(c.lo()).append(" ≤ trade_id ≤ ").append(c.hi());
            sb.append(".\n\n");
            sb.append(table(r)).append('\n');
            for (String s : r.mismatches()) sb.append("**Result mismatch:** ").append(s).append("\n\n");
            Path png = root.resolve("docs/bench/" + c.id() + ".png");
            List<Chart.Bar> bars = new ArrayList<>();
            for (Harness.Measurement m : r.ms()) {
                bars.add(new Chart.Bar(name(m.system()) + ", " + m.threads() + (m.threads() == 1 ? " thread" : " threads"), m.seconds(),
                        m.ok() ? (m.peakRss() > 0 ? String.format(Locale.ROOT, "(%.0f MB RSS)", m.peakRss() / 1e6) : null) : m.error(), m.system()));
            }
            Chart.write(png, c.id() + ": " + c.workload().description, c.title() + " — " + env.mode() + " run, " + env.date(), bars);
            sb.append("![").append(c.id()).append("](bench/").append(c.id()).append(".png)\n\n");
        }
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/BENCHMARKS.md"), sb.toString());
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
