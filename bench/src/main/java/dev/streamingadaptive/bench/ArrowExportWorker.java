package dev.streamingadaptive.bench;

import dev.streamingadaptive.arrow.FrameArrowReader;
import dev.streamingadaptive.lazy.LazyFrame;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;

/**
 * One system turning a Parquet scan into Arrow record batches in its own JVM, started by
 * {@link ArrowExportBench}: each batch is consumed as an Arrow user would (every vector's value count and
 * null count, the {@code size} column summed). Ours: {@link FrameArrowReader} over {@code LazyFrame.scanParquet};
 * DuckDB: {@code arrowExportStream} of the same query over JDBC. Timing as {@link WarmRuns}; prints
 * {@code BENCH-RESULT {"seconds","coldSeconds","rows","peakRssBytes","result"}}.
 *
 * <p>Usage: {@code ArrowExportWorker <ours|duckdb> <file.parquet> <all_columns|filter_eq> <threads> <runs>}.
 */
public final class ArrowExportWorker {
    private ArrowExportWorker() {}

    /** Rows per DuckDB Arrow batch: about one of our row-group batches. */
    private static final long DUCKDB_BATCH = 1 << 20;

    public static void main(String[] args) {
        String system = args[0], file = args[1], workload = args[2];
        int threads = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        try (BufferAllocator allocator = new RootAllocator();
             Connection duck = system.equals("duckdb") ? DriverManager.getConnection("jdbc:duckdb:") : null) {
            if (duck != null) {
                try (Statement s = duck.createStatement()) {
                    s.execute("SET threads = " + threads);
                }
            }
            WarmRuns t = WarmRuns.measure(runs, system + " " + workload, () -> switch (system) {
                case "ours" -> {
                    LazyFrame lf = LazyFrame.scanParquet(file).withThreads(threads);
                    if (workload.equals("filter_eq")) lf = lf.filter(col("symbol").eq(lit("SYM0042")));
                    try (FrameArrowReader reader = FrameArrowReader.of(lf, allocator)) {
                        yield consume(reader);
                    }
                }
                case "duckdb" -> {
                    String sql = "SELECT * FROM read_parquet('" + file + "')" + (workload.equals("filter_eq") ? " WHERE symbol = 'SYM0042'" : "");
                    try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql);
                         ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, DUCKDB_BATCH)) {
                        yield consume(reader);
                    }
                }
                default -> throw new IllegalArgumentException("unknown system " + system);
            });
            String result = t.result();
            System.out.printf(Locale.ROOT, "BENCH-RESULT {\"seconds\":%.6f,\"coldSeconds\":%.6f,\"rows\":%d,\"peakRssBytes\":%d,"
                    + "\"result\":\"%s\",\"decodedBytes\":-1}%n", t.best(), t.cold(), Long.parseLong(result.split(" ")[0]), Rss.peakBytes(), result);
            System.out.flush();
        } catch (Throwable e) {
            Worker.exitFailed(e);
        }
        System.exit(0);
    }

    /** Rows, nulls over all vectors, and sum(size): read from the Arrow vectors, batch by batch. */
    private static String consume(ArrowReader reader) throws Exception {
        long rows = 0, nulls = 0, sumSize = 0;
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        while (reader.loadNextBatch()) {
            int n = root.getRowCount();
            rows += n;
            for (FieldVector v : root.getFieldVectors()) nulls += v.getNullCount();
            IntVector size = (IntVector) root.getVector("size");
            for (int i = 0; i < n; i++) sumSize += size.get(i);
        }
        return rows + " " + nulls + " " + sumSize;
    }
}
