package dev.streamingadaptive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The TPC-H tables of {@link TpchBench}: per query and system, then totals, geometric means and peak RSS. */
final class TpchReport {
    private TpchReport() {}

    static String section(double sf, String tag, List<String> systems, Map<String, String> titles,
                          Map<Integer, Map<String, Harness.Measurement>> results, int threads, int runs, String xmx, String duckMemory,
                          String polarsVersion, String load) {
        StringBuilder sb = new StringBuilder();
        sb.append("### TPC-H SF ").append(tag).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Run %s, %d threads, best of %d warm runs after a first (cold) run in a fresh process per "
                + "query and system and unmeasured warm-ups until " + TpchWorker.WARMUP_SECONDS + " s have gone by in them (at most 30), a JVM keeping its heap between runs (`-XX:MaxHeapFreeRatio=100`); ours in `-Xmx%s`, DuckDB `SET memory_limit = '%s'`, Polars %s unconstrained (streaming engine). "
                + "Load average at the end: %s. **Reproduce:** `bench/tpch --sf %s`.%n%n", TpchBench.today(), threads, runs, xmx, duckMemory,
                polarsVersion, load, tag));
        sb.append("Seconds, warm (cold).\n\n| query |");
        for (String s : systems) sb.append(' ').append(titles.get(s)).append(" |");
        boolean ratio = systems.contains("ours") && systems.contains("duckdb");
        if (ratio) sb.append(" ours ÷ DuckDB |");
        sb.append("\n|---|");
        for (int i = 0; i < systems.size() + (ratio ? 1 : 0); i++) sb.append("---:|");
        sb.append('\n');
        for (var e : results.entrySet()) {
            sb.append("| Q").append(e.getKey()).append(" |");
            long expectedRows = -1;
            boolean rowsDiffer = false;
            for (String s : systems) {
                Harness.Measurement m = e.getValue().get(s);
                if (m.ok()) {
                    sb.append(String.format(Locale.ROOT, " %.3f (%.3f) |", m.seconds(), m.coldSeconds()));
                    if (expectedRows < 0) expectedRows = m.rows();
                    else rowsDiffer |= m.rows() != expectedRows;
                } else {
                    sb.append(" failed: ").append(m.error().replace('|', '/')).append(" |");
                }
            }
            if (ratio) {
                Harness.Measurement o = e.getValue().get("ours"), d = e.getValue().get("duckdb");
                sb.append(o.ok() && d.ok() ? String.format(Locale.ROOT, " %.2f |", o.seconds() / d.seconds()) : " – |");
            }
            if (rowsDiffer) sb.append(" (row counts differ)");
            sb.append('\n');
        }
        sb.append("| **total** |");
        for (String s : systems) sb.append(' ').append(aggregate(results, s, false)).append(" |");
        if (ratio) sb.append(' ').append(ratio(results, false)).append(" |");
        sb.append("\n| **geometric mean** |");
        for (String s : systems) sb.append(' ').append(aggregate(results, s, true)).append(" |");
        if (ratio) sb.append(' ').append(ratio(results, true)).append(" |");
        sb.append("\n| **peak RSS (largest query)** |");
        for (String s : systems) {
            long max = -1;
            for (var row : results.values()) if (row.get(s).ok()) max = Math.max(max, row.get(s).peakRss());
            sb.append(max < 0 ? " n/a |" : String.format(Locale.ROOT, " %.2f GB |", max / 1e9));
        }
        if (ratio) sb.append(" |");
        sb.append("\n");
        return sb.toString();
    }

    /** Total or geometric mean of warm times over the queries every system completed. */
    private static String aggregate(Map<Integer, Map<String, Harness.Measurement>> results, String system, boolean geometric) {
        double sum = 0, logs = 0;
        int n = 0, failed = 0;
        for (var row : results.values()) {
            Harness.Measurement m = row.get(system);
            if (!m.ok()) {
                failed++;
                continue;
            }
            sum += m.seconds();
            logs += Math.log(m.seconds());
            n++;
        }
        if (n == 0) return "n/a";
        String v = geometric ? String.format(Locale.ROOT, "%.3f", Math.exp(logs / n)) : String.format(Locale.ROOT, "%.2f", sum);
        return failed == 0 ? v : v + " (" + failed + " failed)";
    }

    private static String ratio(Map<Integer, Map<String, Harness.Measurement>> results, boolean geometric) {
        double a = 0, b = 0;
        int n = 0;
        for (var row : results.values()) {
            Harness.Measurement o = row.get("ours"), d = row.get("duckdb");
            if (!o.ok() || !d.ok()) continue;
            a += geometric ? Math.log(o.seconds()) : o.seconds();
            b += geometric ? Math.log(d.seconds()) : d.seconds();
            n++;
        }
        if (n == 0) return "–";
        return String.format(Locale.ROOT, "%.2f", geometric ? Math.exp((a - b) / n) : a / b);
    }

    /** Replaces the page's section for this scale factor (between its markers), or appends it under a TPC-H heading. */
    static void writeInto(Path page, String tag, String section) throws IOException {
        String begin = "<!-- tpch-sf" + tag + ":begin -->", end = "<!-- tpch-sf" + tag + ":end -->";
        String md = Files.exists(page) ? Files.readString(page) : "";
        String block = begin + "\n" + section + end;
        int i = md.indexOf(begin), j = md.indexOf(end);
        if (i >= 0 && j > i) {
            md = md.substring(0, i) + block + md.substring(j + end.length());
        } else {
            if (!md.contains("## TPC-H")) md = md + (md.endsWith("\n") ? "" : "\n") + "\n## TPC-H\n\n" + TpchReport.METHOD + "\n";
            md = md + "\n" + block + "\n";
        }
        Path tmp = page.resolveSibling(page.getFileName() + ".tmp");
        Files.writeString(tmp, md);
        Files.move(tmp, page, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static final String METHOD = """
            The 22 TPC-H queries with the validation parameters over Parquet files made by `tpch.TpchData` (the Java
            generator Trino uses, written by DuckDB: zstd, row groups of 122,880 rows, money as DECIMAL(15,2)). Ours runs
            each query twice: as the LazyFrame form (`tpch.TpchQueries`, written the way Polars' own TPC-H benchmark writes
            them) and as the standard SQL text through `SqlContext`; DuckDB runs the same SQL text over views of the files;
            Polars runs `bench/polars/tpch.mjs` (its LazyFrame API). Every answer is checked against DuckDB's in the test
            suite at SF 0.1 (`TpchQueriesTest`, `TpchSqlTest`); here the row counts are compared.""";
}
