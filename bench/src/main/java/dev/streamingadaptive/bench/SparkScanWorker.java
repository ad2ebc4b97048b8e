package dev.streamingadaptive.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * One source in a Spark local session of its own JVM, started by {@link SparkScanBench}: ours
 * ({@code format("streaming-adaptive")}) or Spark's built-in Parquet reader, the same DataFrame queries on the
 * same file. Timing as {@link WarmRuns}; prints {@code BENCH-RESULT {...}} with the query's numbers.
 *
 * <p>Usage: {@code SparkScanWorker <ours|spark> <file.parquet> <scan|filter|group_by> <cores> <runs>}.
 */
public final class SparkScanWorker {
    private SparkScanWorker() {}

    static String run(Dataset<Row> df, String workload) {
        Dataset<Row> q = switch (workload) {
            // every column read: count the non-null values of each
            case "scan" -> df.agg(count(lit(1)), count(col("ts")), count(col("symbol")), sum(col("price")), sum(col("size")),
                    count(col("exchange")), count(col("cond")));
            case "filter" -> df.filter(col("symbol").equalTo("SYM0042")).agg(count(lit(1)), sum(col("price")));
            case "group_by" -> df.groupBy("symbol").agg(avg(col("price")), sum(col("size"))).agg(count(lit(1)), sum(col("sum(size)")));
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
        List<Row> rows = q.collectAsList();
        StringBuilder sb = new StringBuilder();
        Row r = rows.getFirst();
        for (int i = 0; i < r.length(); i++) {
            Object v = r.get(i);
            sb.append(i > 0 ? " " : "").append(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(v));
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        String system = args[0], file = args[1], workload = args[2];
        int cores = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        try {
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("bench")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", Integer.toString(cores))
                    .config("spark.driver.host", "127.0.0.1").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            WarmRuns t = WarmRuns.measure(runs, system + " " + workload, () -> {
                Dataset<Row> df = system.equals("ours") ? spark.read().format("streaming-adaptive").load(file) : spark.read().parquet(file);
                return run(df, workload);
            });
            String result = t.result();
            System.out.printf(Locale.ROOT, "BENCH-RESULT {\"seconds\":%.6f,\"coldSeconds\":%.6f,\"rows\":%d,\"peakRssBytes\":%d,"
                    + "\"result\":\"%s\",\"decodedBytes\":-1}%n", t.best(), t.cold(), Long.parseLong(result.split(" ")[0]), Rss.peakBytes(), result);
            System.out.flush();
            spark.stop();
        } catch (Throwable e) {
            Worker.exitFailed(e);
        }
        System.exit(0);
    }
}
