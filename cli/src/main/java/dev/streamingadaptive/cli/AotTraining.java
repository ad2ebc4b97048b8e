package dev.streamingadaptive.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the JDK's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25), started once
 * by {@code bin/streaming-adaptive} after it builds the jar: the commands a user runs most, on small
 * generated files, so the classes they load and the methods they run hot are in the cache the later
 * runs start from. Not a user command; its output is discarded.
 */
final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        // A failing command means the cache would miss what users run: the launcher then goes without it.
        if (run() > 0) System.exit(1);
    }

    /** Runs the training commands twice (generating the files once); returns how many failed, each named on stderr. */
    static int run() throws IOException {
        Path dir = Files.createTempDirectory("streaming-adaptive-aot");
        try {
            String trades = dir.resolve("trades.parquet").toString();
            String tradesZstd = dir.resolve("trades-zstd.parquet").toString();
            String logs = dir.resolve("logs.parquet").toString();
            List<List<String>> commands = List.of(
                    List.of("generate", "trades", "--rows", "600000", "--row-group-size", "200000", "--out", trades),
                    List.of("generate", "trades", "--rows", "200000", "--codec", "zstd", "--out", tradesZstd),
                    List.of("generate", "logs", "--rows", "200000", "--out", logs),
                    List.of("schema", trades),
                    List.of("inspect", trades),
                    List.of("count", trades),
                    List.of("count", trades, "--where", "symbol = 'SYM0042'"),
                    List.of("cat", trades, "--limit", "20"),
                    List.of("cat", logs, "--limit", "20"),
                    List.of("query", "SELECT count(*), sum(price) FROM '" + trades + "' WHERE symbol = 'SYM0042'"),
                    List.of("query", "SELECT symbol, avg(price), sum(size), count(*) FROM '" + trades + "' GROUP BY symbol ORDER BY 4 DESC LIMIT 5"),
                    List.of("query", "SELECT * FROM '" + tradesZstd + "' WHERE trade_id BETWEEN 1000 AND 2000 ORDER BY price DESC LIMIT 10"),
                    List.of("query", "SELECT level, count(*) FROM '" + logs + "' GROUP BY level"),
                    List.of("query", "SELECT t.symbol, count(*) FROM '" + trades + "' t JOIN '" + tradesZstd
                            + "' u ON t.trade_id = u.trade_id GROUP BY t.symbol ORDER BY 1 LIMIT 3"));
            PrintWriter discard = new PrintWriter(Writer.nullWriter());
            int failed = 0;
            for (int round = 0; round < 2; round++) {
                for (List<String> c : commands) {
                    if (round > 0 && c.get(0).equals("generate")) continue;
                    int code = Main.commandLine(discard, discard).execute(c.toArray(String[]::new));
                    if (code != 0) {
                        System.err.println("training command failed (exit " + code + "): " + String.join(" ", c));
                        failed++;
                    }
                }
            }
            return failed;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
