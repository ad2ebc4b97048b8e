package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.JoinType;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.spill.SpillException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;

/**
 * Child JVM of {@link SpillFailureForkedTest}: a self-join of a table on a key that repeats, under a
 * 16 MB budget, so it spills (grace join). Args: table, spill base, mode ({@code once}: run and print
 * {@code N}, {@code SUM}, {@code FILES_LEFT}, or {@code SPILL_ERROR message}; {@code loop}: run until
 * killed, printing {@code STARTED} first).
 */
public final class SpillFailureChild {
    public static void main(String[] args) throws Exception {
        Path table = Path.of(args[0]), base = Path.of(args[1]);
        boolean loop = args[2].equals("loop");
        LazyFrame t = LazyFrame.scanParquet(table);
        LazyFrame q = t.join(t.select(col("k").alias("k2"), col("v").alias("v2"), col("s").alias("s2")), java.util.List.of("k"),
                        java.util.List.of("k2"), JoinType.INNER)
                .agg(len().alias("n"), col("v2").sum().alias("sum"))
                .withMemoryManager(MemoryManager.fixed(16L << 20)).withThreads(2).withSpillDirectory(base);
        System.out.println("STARTED");
        System.out.flush();
        do {
            try {
                DataFrame r = q.collect();
                if (!loop) {
                    System.out.println("N " + r.column("n").get(0));
                    System.out.println("SUM " + r.column("sum").get(0));
                }
            } catch (SpillException e) {
                System.out.println("SPILL_ERROR " + e.getMessage().replace('\n', ' '));
            }
        } while (loop);
        try (Stream<Path> all = Files.walk(base)) {
            System.out.println("FILES_LEFT " + all.filter(Files::isRegularFile).count());
        }
        System.out.flush();
    }
}
