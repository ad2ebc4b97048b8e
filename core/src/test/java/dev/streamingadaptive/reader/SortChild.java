package dev.streamingadaptive.reader;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Run in a small-heap JVM by {@link ExternalSortForkedTest}: sorts a trades file by
 * {@code symbol, ts DESC} (a total order: ts is unique) under a fixed budget and streams the result,
 * printing {@code KEY value} lines.
 *
 * <p>Arguments {@code FILE BUDGET_BYTES SPILL_FOLDER MODE POSITIONS}: mode {@code spill} checks the
 * order row by row over the whole output and prints {@code ROWS}, {@code CHECKSUM} (the sum of
 * {@code position * trade_id mod 1,000,000,007} over all rows), {@code ROW_<position>} for each of the
 * comma-separated positions, {@code PEAK}, {@code LEFT} (files left under the spill folder) and
 * {@code MILLIS}; {@code no-spill} runs the same sort with spilling off and prints the refusal as
 * {@code REFUSED}. An OutOfMemoryError is printed as {@code OOM}.
 */
public final class SortChild {
    static final long MOD = 1_000_000_007L;

    private SortChild() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        FixedMemoryManager memory = MemoryManager.fixed(Long.parseLong(args[1]));
        Path spill = Path.of(args[2]);
        long[] positions = Arrays.stream(args[4].split(",")).mapToLong(Long::parseLong).toArray();
        LazyFrame sorted = LazyFrame.scanParquet(file).withMemoryManager(memory).withSpillDirectory(spill)
                .sort(SortKey.asc("symbol"), SortKey.desc("ts"));
        try {
            switch (args[3]) {
                case "spill" -> streamAndCheck(sorted, positions, memory, spill);
                case "no-spill" -> {
                    try (Stream<DataFrame> s = sorted.withoutSpilling().stream()) {
                        System.out.println("ROWS " + s.mapToLong(DataFrame::height).sum());
                    }
                }
                default -> throw new IllegalArgumentException(args[3]);
            }
        } catch (MemoryBudgetExceededException e) {
            System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
        } catch (OutOfMemoryError e) {
            e.printStackTrace();
            System.out.println("OOM " + e.getMessage());
        }
        System.out.println("DONE 1");
    }

    private static void streamAndCheck(LazyFrame sorted, long[] positions, FixedMemoryManager memory, Path spill) throws Exception {
        long start = System.nanoTime();
        long rows = 0, checksum = 0, disorder = 0;
        byte[] prevSymbol = null;
        long prevTs = 0;
        try (Stream<DataFrame> s = sorted.stream()) {
            for (DataFrame b : (Iterable<DataFrame>) s::iterator) {
                Column symbol = b.column("symbol");
                LongColumn ts = (LongColumn) b.column("ts");
                LongColumn id = (LongColumn) b.column("trade_id");
                for (int i = 0; i < b.height(); i++, rows++) {
                    byte[] sym = bytes(symbol, i);
                    long t = ts.getLong(i);
                    if (prevSymbol != null) {
                        int c = Arrays.compareUnsigned(prevSymbol, sym);
                        if (c > 0 || (c == 0 && prevTs <= t)) {
                            if (disorder++ == 0) System.out.println("FIRST_DISORDER " + rows);
                        }
                    }
                    prevSymbol = sym;
                    prevTs = t;
                    checksum = (checksum + (rows * id.getLong(i)) % MOD) % MOD;
                    for (long p : positions) {
                        if (p == rows) {
                            System.out.println("ROW_" + p + " " + new String(sym, StandardCharsets.UTF_8) + "|" + t + "|" + id.getLong(i) + "|"
                                    + b.column("price").get(i) + "|" + b.column("exchange").get(i) + "|" + b.column("cond").get(i));
                        }
                    }
                }
            }
        }
        System.out.println("MILLIS " + (System.nanoTime() - start) / 1_000_000);
        System.out.println("ROWS " + rows);
        System.out.println("DISORDER " + disorder);
        System.out.println("CHECKSUM " + checksum);
        System.out.println("PEAK " + memory.peakTrackedBytes());
        System.out.println("TRACKED_AFTER " + memory.trackedBytes());
        long left;
        try (Stream<Path> all = Files.exists(spill) ? Files.walk(spill) : Stream.empty()) {
            left = all.filter(Files::isRegularFile).count();
        }
        System.out.println("LEFT " + left);
    }

    private static byte[] bytes(Column c, int i) {
        return switch (c) {
            case BinaryColumn b -> Arrays.copyOfRange(b.rawData(), b.rawOffsets()[i], b.rawOffsets()[i + 1]);
            case DictionaryColumn d -> bytes(d.dictionary(), d.index(i));
            default -> ((String) c.get(i)).getBytes(StandardCharsets.UTF_8);
        };
    }
}
