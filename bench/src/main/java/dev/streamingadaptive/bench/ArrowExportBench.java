package dev.streamingadaptive.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parquet to Arrow record batches in the JVM side by side (issue 15): the same scans over the same file, each
 * system and workload in a fresh process: ours ({@code FrameArrowReader} over {@code LazyFrame.scanParquet}) and
 * DuckDB ({@code arrowExportStream} over JDBC), both consumed from the Arrow vectors ({@link ArrowExportWorker}).
 * Polars is not in it: nodejs-polars cannot hand Arrow memory to a JVM. The file (trades-like, as
 * {@link CsvScanBench}'s, snappy, 1M-row groups) is made by DuckDB when missing. The table goes to stdout and
 * into docs/BENCHMARKS.md between {@code <!-- arrowexport:begin -->} and {@code <!-- arrowexport:end -->}.
 *
 * <pre>
 *   bench/arrowexport [--rows 20000000] [--workloads all_columns,filter_eq] [--systems ours,duckdb]
 *                     [--threads 2] [--runs 3] [--xmx 1g] [--no-doc]
 * </pre>
 */
public final class ArrowExportBench {
    private ArrowExportBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        SideBySide.Options o = SideBySide.Options.parse(args,
                new SideBySide.Options(20_000_000, List.of("all_columns", "filter_eq"), List.of("ours", "duckdb"), 2, 3, "1g", true));
        long rows = o.rows();
        List<String> workloads = o.workloads(), systems = o.systems();
        int threads = o.threads(), runs = o.runs();
        String xmx = o.xmx();
        Path input = root.resolve("bench-data/arrow-trades-" + rows + ".parquet");
        if (!Files.exists(input)) CsvScanBench.generate(input, rows, "FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000000");
        Path logs = Files.createDirectories(root.resolve("bench-data/logs/arrowexport"));
        String load = Harness.loadAverage();
        Map<String, Map<String, Harness.Measurement>> results = SideBySide.run(workloads, systems, (workload, sys) -> {
            List<String> cmd = Harness.javaCommand(xmx, ArrowExportWorker.class);
            cmd.addAll(List.of(sys, input.toString(), workload, Integer.toString(threads), Integer.toString(runs)));
            return Harness.runProcess(sys, threads, new ProcessBuilder(cmd), logs.resolve(workload + "-" + sys), 1800);
        });
        String section = section(input, systems, results, threads, runs, xmx, load, Harness.loadAverage());
        System.out.println();
        System.out.println(section);
        if (o.doc()) WriteBench.writeInto(root.resolve("docs/BENCHMARKS.md"), section, "arrowexport", "Arrow export");
    }

    static String section(Path input, List<String> systems, Map<String, Map<String, Harness.Measurement>> results, int threads, int runs,
                          String xmx, String loadBefore, String loadAfter) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("### Parquet to Arrow batches: ").append(input.getFileName()).append(" (").append(Files.size(input) >> 20).append(" MB, ")
                .append(TpchBench.today()).append(")\n\n");
        sb.append("`bench/arrowexport --threads ").append(threads).append(" --runs ").append(runs).append("`: every system scans the same file ")
                .append("into Arrow record batches in the JVM, read from the vectors (value and null counts, sum(size)); best of ").append(runs)
                .append(" warm runs after a 1 s warm-up (cold: the first run in a fresh process), ").append(threads)
                .append(" threads, -Xmx").append(xmx).append("; load average ")
                .append(loadBefore).append(" → ").append(loadAfter).append(". Workloads: `all_columns` = every column of every row; ")
                .append("`filter_eq` = every column of the rows where symbol = 'SYM0042'.\n\n");
        sb.append("| workload | system | warm s | cold s | ours ÷ it (warm) | MB/s (warm) | peak RSS MB |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        double mb = Files.size(input) / 1e6;
        SideBySide.appendRows(sb, results, systems, 2, m -> String.format(Locale.ROOT, "%.0f | %d", mb / m.seconds(), m.peakRss() >> 20));
        return sb.toString();
    }
}
