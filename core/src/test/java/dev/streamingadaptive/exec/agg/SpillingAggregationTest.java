package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.spill.SpillDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spilling group-by driven directly (no scan competing for the budget), to see what SQL cannot:
 * partitions split again when one level is not enough, a skewed key, the tracked peak within the
 * budget (n_unique's value sets included), and files deleted as partitions finish and after a failure. Values are checked against
 * sums computed here (the lazy {@code SpillingGroupByTest} checks every aggregate against DuckDB).
 */
class SpillingAggregationTest {
    private static final int BATCH = 1 << 16;
    private static final List<Field> KEYS = List.of(Field.of("k", DataType.INT64));
    private static final List<AggSpec> AGGS = List.of(AggSpec.of(AggFunction.SUM, "s", DataType.INT64), AggSpec.len("n"),
            AggSpec.of(AggFunction.MAX, "mx", DataType.INT64), AggSpec.of(AggFunction.FIRST, "f", DataType.INT64),
            AggSpec.of(AggFunction.N_UNIQUE, "u", DataType.INT64));

    @TempDir Path dir;

    /** Key of row i: a scrambled key out of {@code groups}, or the hot key 0 for every fourth row when {@code skewed}. */
    private static long key(long i, long groups, boolean skewed) {
        if (skewed && (i & 3) == 0) return 0;
        return (i * 0x9E3779B97F4A7C15L >>> 20) % groups + 1;
    }

    private record Run(SpillingAggregation aggregation, Map<Long, long[]> result) {}

    /** Feeds rows [0, rows) (value = row) on one worker, returns the finished groups by key: {sum, len, max, first}. */
    private Run run(MemoryManager memory, SpillDirectory spill, long rows, long groups, boolean skewed) {
        SpillingAggregation agg = new SpillingAggregation(KEYS, AGGS, memory, "group-by [k]", () -> spill, 1);
        Map<Long, long[]> out = new HashMap<>();
        try {
            SpillingAggregation.Worker w = agg.worker();
            long seq = 0;
            for (long start = 0; start < rows; start += BATCH) {
                int n = (int) Math.min(BATCH, rows - start);
                long[] k = new long[n];
                long[] v = new long[n];
                long[] u = new long[n];
                for (int i = 0; i < n; i++) {
                    k[i] = key(start + i, groups, skewed);
                    v[i] = start + i;
                    u[i] = v[i] % DISTINCT;
                }
                Column vc = new LongColumn("v", v, n, null);
                List<Column> in = new ArrayList<>(List.of(vc, vc, vc, vc, new LongColumn("u", u, n, null)));
                in.set(1, null);
                int most = w.rowsAtOnce();
                for (int at = 0; at < n; at += most) { // as the executor cuts batches: morsels with their own sequence
                    int m = Math.min(most, n - at);
                    List<Column> part = new ArrayList<>();
                    for (Column c : in) part.add(c == null ? null : c.slice(at, m));
                    w.add(List.of(new LongColumn("k", k, n, null).slice(at, m)), part, m, seq++);
                }
            }
            try (SpillingAggregation.Results r = agg.finish()) {
                DataFrame f;
                while ((f = r.next()) != null) {
                    for (int i = 0; i < f.height(); i++) {
                        long key = (Long) f.column(0).get(i);
                        long[] prev = out.put(key, new long[] {(Long) f.column(1).get(i), (Long) f.column(2).get(i), (Long) f.column(3).get(i),
                                (Long) f.column(4).get(i), (Long) f.column(5).get(i)});
                        assertEquals(null, prev, "group " + key + " emitted twice");
                    }
                }
            }
        } finally {
            agg.close();
        }
        return new Run(agg, out);
    }

    /** Distinct values of the n_unique input (row % DISTINCT): a hot key's set stays small, as it must (one group is not split). */
    private static final long DISTINCT = 1000;

    private static Map<Long, long[]> expected(long rows, long groups, boolean skewed) {
        Map<Long, long[]> m = new HashMap<>();
        java.util.Set<Long> pairs = new java.util.HashSet<>();
        for (long i = 0; i < rows; i++) {
            long key = key(i, groups, skewed);
            long[] s = m.computeIfAbsent(key, x -> new long[] {0, 0, Long.MIN_VALUE, -1, 0});
            s[0] += i;
            s[1]++;
            s[2] = Math.max(s[2], i);
            if (s[3] < 0) s[3] = i;
            if (pairs.add(key * DISTINCT + i % DISTINCT)) s[4]++;
        }
        return m;
    }

    private static void assertSameGroups(Map<Long, long[]> expected, Map<Long, long[]> actual) {
        assertEquals(expected.size(), actual.size(), "groups");
        for (Map.Entry<Long, long[]> e : expected.entrySet()) {
            long[] a = actual.get(e.getKey());
            assertTrue(a != null && java.util.Arrays.equals(e.getValue(), a),
                    "group " + e.getKey() + ": expected " + java.util.Arrays.toString(e.getValue()) + ", got " + java.util.Arrays.toString(a));
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void partitionsTooBigForOneLevelAreSplitAgainWithinTheBudget() throws Exception {
        long budget = 6L << 20;
        MemoryManager memory = MemoryManager.fixed(budget);
        long rows = 1_200_000, groups = 600_000;
        try (SpillDirectory spill = SpillDirectory.create(dir)) {
            Run r = run(memory, spill, rows, groups, false);
            assertSameGroups(expected(rows, groups, false), r.result());
            assertTrue(r.aggregation().deepestLevel() >= 1, "a partition was split again: deepest level " + r.aggregation().deepestLevel());
            assertTrue(memory.peakTrackedBytes() <= budget, "peak tracked " + memory.peakTrackedBytes() + " > budget " + budget);
            assertEquals(0, memory.trackedBytes());
            assertEquals(List.of(), files(spill.folder()), "spill files left");
        }
    }

    @Test
    void aHotKeyStaysOneGroupThroughEverySplit() throws Exception {
        long budget = 6L << 20;
        MemoryManager memory = MemoryManager.fixed(budget);
        long rows = 800_000, groups = 400_000;
        try (SpillDirectory spill = SpillDirectory.create(dir)) {
            Run r = run(memory, spill, rows, groups, true);
            assertSameGroups(expected(rows, groups, true), r.result());
            assertTrue(r.aggregation().spillCount() > 1, "spilled " + r.aggregation().spillCount());
            assertEquals(rows / 4, r.result().get(0L)[1], "rows of the hot key");
        }
    }

    @Test
    void withoutSpillingTheRefusalSaysSpillingIsOff() {
        SpillingAggregation agg = new SpillingAggregation(KEYS, AGGS, MemoryManager.fixed(2L << 20), "group-by [k]", null, 1);
        try {
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                    () -> {
                        SpillingAggregation.Worker w = agg.worker();
                        for (int b = 0; b < 100; b++) {
                            long[] k = new long[BATCH];
                            for (int i = 0; i < BATCH; i++) k[i] = (long) b * BATCH + i;
                            LongColumn c = new LongColumn("k", k, BATCH, null);
                            w.add(List.of(c), java.util.Arrays.asList(c, null, c, c, c), BATCH, b);
                        }
                    });
            assertTrue(e.getMessage().contains("group-by [k]") && e.getMessage().contains("spilling is off"), e.getMessage());
        } finally {
            agg.close();
        }
    }

    @Test
    void aFailureAfterSpillingLeavesNoFiles() throws Exception {
        MemoryManager memory = MemoryManager.fixed(6L << 20);
        try (SpillDirectory spill = SpillDirectory.create(dir)) {
            SpillingAggregation agg = new SpillingAggregation(KEYS, AGGS, memory, "group-by [k]", () -> spill, 1);
            try {
                SpillingAggregation.Worker w = agg.worker();
                assertThrows(AggregationOverflowException.class, () -> {
                for (int b = 0; b < 20; b++) {
                    long[] k = new long[BATCH];
                    long[] v = new long[BATCH];
                    for (int i = 0; i < BATCH; i++) {
                        k[i] = (long) b * BATCH + i;
                        v[i] = b == 19 && i < 2 ? Long.MAX_VALUE / 2 + 1 : 1; // two halves of 2^63 in one group: overflow
                        if (b == 19 && i < 2) k[i] = 7;
                    }
                    LongColumn kc = new LongColumn("k", k, BATCH, null);
                    LongColumn vc = new LongColumn("v", v, BATCH, null);
                    int most = Math.min(BATCH, w.rowsAtOnce());
                    for (int at = 0; at < BATCH; at += most) {
                        int m = Math.min(most, BATCH - at);
                        w.add(List.of(kc.slice(at, m)), java.util.Arrays.asList(vc.slice(at, m), null, vc.slice(at, m), vc.slice(at, m), vc.slice(at, m)), m,
                                (long) b * 1000 + at);
                    }
                }
                try (SpillingAggregation.Results r = agg.finish()) {
                    while (r.next() != null) { }
                }
                }); // in the last batch or when its group is merged
                assertTrue(agg.spillCount() > 0, "spilled before failing");
            } finally {
                agg.close();
            }
            assertEquals(List.of(), files(spill.folder()), "spill files left after the failure");
            assertEquals(0, memory.trackedBytes());
        }
        assertFalse(Files.list(dir).findAny().isPresent(), "run folder deleted");
    }
}
