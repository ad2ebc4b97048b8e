package dev.streamingadaptive.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our Spark source against Spark's built-in Parquet reader (issue 15): the same DataFrame queries over the same
 * file in a Spark local session, each source and workload in a fresh JVM ({@link SparkScanWorker}). The file is
 * {@link ArrowExportBench}'s trades file (DuckDB-written, snappy, 1M-row groups), made when missing. The table
 * goes to stdout and into docs/BENCHMARKS.md between {@code <!-- sparkscan:begin -->} and {@code <!-- sparkscan:end -->}.
 *
 * <pre>
 *   bench/sparkscan [--rows 20000000] [--workloads scan,filter,group_by] [--systems ours,spark] [--threads 2] [--runs 3]
 *                   [--xmx 2g] [--no-doc]
 * </pre>
 * {@code --threads} is the session's cores ({@code local[N]}); our source decodes on one thread per task, as Spark's does.
 */
public final class SparkScanBench {
    private SparkScanBench() {}

    /** Spark's own launcher flags for Java 17+ (org.apache.spark.launcher.JavaModuleOptions). */
    static final List<String> SPARK_JVM_FLAGS = List.of("-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true");

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        SideBySide.Options o = SideBySide.Options.parse(args,
                new SideBySide.Options(20_000_000, List.of("scan", "filter", "group_by"), List.of("ours", "spark"), 2, 3, "2g", true));
        Path input = root.resolve("bench-data/arrow-trades-" + o.rows() + ".parquet");
        if (!Files.exists(input)) CsvScanBench.generate(input, o.rows(), "FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000000");
        Path logs = Files.createDirectories(root.resolve("bench-data/logs/sparkscan"));
        String load = Harness.loadAverage();
        Map<String, Map<String, Harness.Measurement>> results = SideBySide.run(o.workloads(), o.systems(), (workload, sys) -> {
            List<String> cmd = Harness.javaCommand(o.xmx(), SparkScanWorker.class);
            cmd.addAll(1, SPARK_JVM_FLAGS);
            // Spark's class path (the spark module's jar and target/lib), not the bench's: parquet-java's Hadoop and
            // Parquet versions there differ from Spark's. The bench jar brings the worker.
            int cp = cmd.indexOf("-cp") + 1;
            cmd.set(cp, root.resolve("bench/target/streaming-adaptive-bench-0.1.0-SNAPSHOT.jar") + java.io.File.pathSeparator
                    + root.resolve("spark/target/streaming-adaptive-spark-0.1.0-SNAPSHOT.jar") + java.io.File.pathSeparator
                    + root.resolve("spark/target/lib") + "/*");
            cmd.addAll(List.of(sys, input.toString(), workload, Integer.toString(o.threads()), Integer.toString(o.runs())));
            return Harness.runProcess(sys, o.threads(), new ProcessBuilder(cmd), logs.resolve(workload + "-" + sys), 1800);
        });
        StringBuilder sb = new StringBuilder();
        sb.append("### Spark: our source against Spark's Parquet reader, ").append(input.getFileName()).append(" (")
                .append(Files.size(input) >> 20).append(" MB, ").append(TpchBench.today()).append(")\n\n");
        sb.append("`bench/sparkscan --threads ").append(o.threads()).append(" --runs ").append(o.runs())
                .append("`: Spark 4.2.0 in `local[").append(o.threads()).append("]`, the same DataFrame query through ")
                .append("`format(\"streaming-adaptive\")` and through `spark.read().parquet`; best of ").append(o.runs())
                .append(" warm runs after a 1 s warm-up (cold: the first query in a fresh JVM, session start excluded), -Xmx")
                .append(o.xmx()).append("; load average ").append(load).append(" → ").append(Harness.loadAverage())
                .append(". Workloads: `scan` = count the values of every column; `filter` = count and sum(price) where ")
                .append("symbol = 'SYM0042'; `group_by` = avg(price), sum(size) by symbol.\n\n");
        sb.append("| workload | source | warm s | cold s | ours ÷ it (warm) | peak RSS MB |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        SideBySide.appendRows(sb, results, o.systems(), 1, m -> String.format(Locale.ROOT, "%d", m.peakRss() >> 20));
        String section = sb.toString();
        System.out.println();
        System.out.println(section);
        if (o.doc()) WriteBench.writeInto(root.resolve("docs/BENCHMARKS.md"), section, "sparkscan", "Spark source");
    }
}
