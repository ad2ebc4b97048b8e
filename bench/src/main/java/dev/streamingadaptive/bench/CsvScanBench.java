package dev.streamingadaptive.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV scan speed side by side (issue 14): the same queries over the same CSV file, each system and
 * workload in a fresh process: ours ({@code LazyFrame.scanCsv}), DuckDB ({@code read_csv} over JDBC),
 * Polars ({@code scanCSV}, {@code bench/polars/csvscan.mjs}). The file (trades-like: timestamp, two
 * string columns, a float, an int, a column with nulls) is made by DuckDB when missing. Per system
 * and workload: best warm time, cold (first) run, peak RSS; results are checked equal. The table goes
 * to stdout and into docs/BENCHMARKS.md between {@code <!-- csvscan:begin -->} and {@code <!-- csvscan:end -->}.
 *
 * <pre>
 *   bench/csvscan [--rows 10000000] [--workloads sum_two,all_columns,filter_eq] [--systems ours,duckdb,polars]
 *                 [--threads 2] [--runs 3] [--xmx 1g] [--no-doc]
 * </pre>
 */
public final class CsvScanBench {
    private CsvScanBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        SideBySide.Options o = SideBySide.Options.parse(args,
                new SideBySide.Options(10_000_000, List.of("sum_two", "all_columns", "filter_eq"), List.of("ours", "duckdb", "polars"), 2, 3, "1g", true));
        long rows = o.rows();
        List<String> workloads = o.workloads(), systems = o.systems();
        int threads = o.threads(), runs = o.runs();
        String xmx = o.xmx();
        Path input = root.resolve("bench-data/trades-" + rows + ".csv");
        if (!Files.exists(input)) generate(input, rows, "FORMAT csv, HEADER");
        Path logs = Files.createDirectories(root.resolve("bench-data/logs/csvscan"));
        Polars polars = Polars.find(root);
        String load = Harness.loadAverage();
        Map<String, Map<String, Harness.Measurement>> results = SideBySide.run(workloads, systems, (workload, sys) -> {
            if (sys.equals("polars")) {
                if (polars.version().equals("n/a")) return Harness.failed("polars", threads, "nodejs-polars missing");
                ProcessBuilder pb = new ProcessBuilder(List.of("node", root.resolve("bench/polars/csvscan.mjs").toString(),
                        input.toString(), workload, Integer.toString(threads)));
                pb.environment().put("REPS", Integer.toString(runs + 1));
                return Harness.runProcess("polars", threads, pb, logs.resolve(workload + "-polars"), 1800);
            }
            List<String> cmd = Harness.javaCommand(xmx, CsvScanWorker.class);
            cmd.addAll(List.of(sys, input.toString(), workload, Integer.toString(threads), Integer.toString(runs)));
            return Harness.runProcess(sys, threads, new ProcessBuilder(cmd), logs.resolve(workload + "-" + sys), 1800);
        });
        String section = section(input, systems, results, threads, runs, xmx, polars.version(), load, Harness.loadAverage());
        System.out.println();
        System.out.println(section);
        if (o.doc()) WriteBench.writeInto(root.resolve("docs/BENCHMARKS.md"), section, "csvscan", "CSV scans");
    }

    /**
     * A trades-like file of {@code rows} rows, written by DuckDB's {@code COPY … (format)} (under a temp name,
     * then renamed): timestamp, two string columns, a float, an int, a column with nulls.
     */
    static void generate(Path out, long rows, String format) throws Exception {
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        System.out.println("generating " + out + " (DuckDB)...");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT TIMESTAMP '2024-01-02 09:30:00' + to_microseconds(i * 1000) AS ts, "
                    + "'SYM' || lpad((hash(i) % 2000)::VARCHAR, 4, '0') AS symbol, round(100 + (hash(i * 7) % 100000) / 100.0, 2) AS price, "
                    + "((hash(i * 13) % 1000) + 1)::INTEGER AS size, ['NYSE','NASDAQ','ARCA','BATS'][(i % 4) + 1] AS exchange, "
                    + "CASE WHEN i % 17 = 0 THEN NULL ELSE 'C' || (i % 7) END AS cond FROM range(" + rows + ") t(i)) TO '" + tmp
                    + "' (" + format + ")");
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String section(Path input, List<String> systems, Map<String, Map<String, Harness.Measurement>> results, int threads, int runs,
                          String xmx, String polarsVersion, String loadBefore, String loadAfter) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("### CSV scans: ").append(input.getFileName()).append(" (").append(Files.size(input) >> 20).append(" MB, ")
                .append(TpchBench.today()).append(")\n\n");
        sb.append("`bench/csvscan --threads ").append(threads).append(" --runs ").append(runs).append("`: every system parses the same file ")
                .append("with its own type inference and answers the same query; best of ").append(runs)
                .append(" warm runs after a 1 s warm-up (cold: the first run in a fresh process), ").append(threads)
                .append(" threads; ours with -Xmx").append(xmx).append("; ").append(polarsVersion).append("; load average ")
                .append(loadBefore).append(" → ").append(loadAfter).append(". Workloads: `sum_two` = count, sum(price), sum(size); ")
                .append("`all_columns` = an aggregate of every column; `filter_eq` = count and sum(price) where symbol = 'SYM0042'.\n\n");
        sb.append("| workload | system | warm s | cold s | ours ÷ it (warm) | MB/s (warm) | peak RSS MB |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        double mb = Files.size(input) / 1e6;
        SideBySide.appendRows(sb, results, systems, 2, m -> String.format(Locale.ROOT, "%.0f | %d", mb / m.seconds(), m.peakRss() >> 20));
        return sb.toString();
    }
}
