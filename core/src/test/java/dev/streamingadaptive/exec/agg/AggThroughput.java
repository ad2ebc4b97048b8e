package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.memory.MemoryManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A throwaway measurement, not a test: rows per second of HashAggregation, single-threaded, on
 * in-memory batches of 65,536 rows (a long key with 10 values, a dictionary string key with 10,000
 * values whose dictionary changes every 16 batches as between row groups, a double value).
 * Run: {@code java -cp core/target/classes:core/target/test-classes dev.streamingadaptive.exec.agg.AggThroughput [rows]}.
 */
public final class AggThroughput {
    public static void main(String[] args) {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 40_000_000L;
        int batch = 65_536;
        Random rnd = new Random(42);
        String[] names = new String[10_000];
        for (int i = 0; i < names.length; i++) names[i] = "SYM" + i;
        BinaryColumn dictionary = HashAggregationTest.strings("symbol", names);
        int variants = 16;
        List<long[]> keys = new ArrayList<>();
        List<int[]> codes = new ArrayList<>();
        List<double[]> prices = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            long[] k = new long[batch];
            int[] c = new int[batch];
            double[] p = new double[batch];
            for (int i = 0; i < batch; i++) {
                k[i] = 1000 + rnd.nextInt(10);
                c[i] = rnd.nextInt(names.length);
                p[i] = 100 + rnd.nextDouble() * 50;
            }
            keys.add(k);
            codes.add(c);
            prices.add(p);
        }
        List<AggSpec> aggs = List.of(AggSpec.of(AggFunction.SUM, "sum", DataType.FLOAT64), AggSpec.of(AggFunction.MEAN, "mean", DataType.FLOAT64),
                AggSpec.of(AggFunction.COUNT, "count", DataType.FLOAT64), AggSpec.of(AggFunction.MIN, "min", DataType.FLOAT64),
                AggSpec.of(AggFunction.MAX, "max", DataType.FLOAT64));
        Field venue = Field.of("venue", DataType.INT64);
        Field symbol = Field.of("symbol", DataType.STRING);
        for (int round = 0; round < 2; round++) {
            run("long + dictionary string keys", List.of(venue, symbol), aggs, total, batch, dictionary, keys, codes, prices);
            run("dictionary string key", List.of(symbol), aggs, total, batch, dictionary, keys, codes, prices);
            run("long key", List.of(venue), aggs, total, batch, dictionary, keys, codes, prices);
            run("no key (global)", List.of(), aggs, total, batch, dictionary, keys, codes, prices);
        }
        // High cardinality: a long key with 8M distinct values spread over the batches (state arrays and hash table grow large).
        for (int round = 0; round < 2; round++) {
            runWide("wide long key (8M distinct)", aggs, total / 2, batch, prices);
        }
    }

    private static void runWide(String what, List<AggSpec> aggs, long total, int batch, List<double[]> prices) {
        long[] k = new long[batch];
        long start = System.nanoTime();
        long rows = 0;
        DataFrame result;
        try (HashAggregation h = new HashAggregation(List.of(Field.of("id", DataType.INT64)), aggs, MemoryManager.fixed(1L << 31), "group-by")) {
            for (long seq = 0; rows < total; seq++) {
                // Every key once per 8M rows, in a scrambled order (the batch's range is too wide for the direct path).
                for (int i = 0; i < batch; i++) k[i] = ((rows + i) % 8_000_000) * 0x9E37_79B9L;
                DoubleColumn p = new DoubleColumn("price", prices.get((int) (seq % prices.size())), batch, null);
                h.add(List.of(new LongColumn("id", k, batch, null)), List.of(p, p, p, p, p), seq);
                rows += batch;
            }
            result = h.finish();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-32s %,d rows, %,d groups: %.2f s, %.1f M rows/s%n", what, rows, result.height(), secs, rows / secs / 1e6);
    }

    private static void run(String what, List<Field> keyFields, List<AggSpec> aggs, long total, int batch, BinaryColumn dictionary,
                            List<long[]> keys, List<int[]> codes, List<double[]> prices) {
        long start = System.nanoTime();
        long rows = 0;
        DataFrame result;
        try (HashAggregation h = new HashAggregation(keyFields, aggs, MemoryManager.fixed(1L << 30), "group-by")) {
            Column dict = dictionary;
            for (long seq = 0; rows < total; seq++) {
                int v = (int) (seq % keys.size());
                if (seq % 16 == 0) dict = dictionary.rename("symbol"); // a new dictionary object, as in a new row group
                List<Column> k = new ArrayList<>();
                for (Field f : keyFields) {
                    k.add(f.name().equals("venue") ? new LongColumn("venue", keys.get(v), batch, null)
                            : new DictionaryColumn("symbol", dict, codes.get(v), batch, null));
                }
                DoubleColumn p = new DoubleColumn("price", prices.get(v), batch, null);
                h.add(k, List.of(p, p, p, p, p), seq);
                rows += batch;
            }
            result = h.finish();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-32s %,d rows, %,d groups: %.2f s, %.1f M rows/s%n", what, rows, result.height(), secs, rows / secs / 1e6);
    }
}
