package dev.streamingadaptive.bench;

import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.parquet.write.WriterOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * One system copying a Parquet file into a new one, in its own JVM, started by {@link WriteBench}:
 * a cold first run, warm-ups as {@link Worker}, then {@code runs} measured runs, the best reported;
 * prints {@code BENCH-RESULT {"seconds","coldSeconds","rows","peakRssBytes","result":<bytes written>}}.
 *
 * <p>Usage: {@code WriteWorker <ours|duckdb> <in> <out> <snappy|zstd> <threads> <runs>}. Ours is
 * {@code LazyFrame.scanParquet(in).sinkParquet(out)}; DuckDB is {@code COPY (SELECT * FROM in) TO out}.
 */
public final class WriteWorker {
    private WriteWorker() {}

    public static void main(String[] args) {
        String system = args[0];
        Path in = Path.of(args[1]), out = Path.of(args[2]);
        String codec = args[3];
        int threads = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        try (Connection duck = system.equals("duckdb") ? DriverManager.getConnection("jdbc:duckdb:") : null) {
            if (duck != null) {
                try (Statement s = duck.createStatement()) {
                    s.execute("SET threads = " + threads);
                }
            }
            WarmRuns t = WarmRuns.measure(runs, system + " " + codec, () -> {
                Files.deleteIfExists(out);
                switch (system) {
                    case "ours" -> LazyFrame.scanParquet(in).withThreads(threads).sinkParquet(out, WriterOptions.defaults().withCodec(codec));
                    case "duckdb" -> {
                        try (Statement s = duck.createStatement()) {
                            s.execute("COPY (SELECT * FROM read_parquet('" + in + "')) TO '" + out + "' (FORMAT parquet, COMPRESSION " + codec + ")");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown system " + system);
                }
                return "";
            });
            long rows;
            try (Connection check = DriverManager.getConnection("jdbc:duckdb:"); Statement s = check.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + out + "')")) {
                rs.next();
                rows = rs.getLong(1);
            }
            System.out.printf(Locale.ROOT, "BENCH-RESULT {\"seconds\":%.6f,\"coldSeconds\":%.6f,\"rows\":%d,\"peakRssBytes\":%d,"
                    + "\"result\":%d,\"decodedBytes\":-1}%n", t.best(), t.cold(), rows, Rss.peakBytes(), Files.size(out));
            System.out.flush();
        } catch (Throwable t) {
            Worker.exitFailed(t);
        }
        System.exit(0);
    }
}
