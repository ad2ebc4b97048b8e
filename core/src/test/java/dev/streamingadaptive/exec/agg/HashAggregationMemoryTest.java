package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state is reserved in the MemoryManager as it grows, refused cleanly, and close to the heap really held. */
class HashAggregationMemoryTest {
    static final int BATCH = 65_536;

    static final List<AggSpec> AGGS = List.of(AggSpec.of(AggFunction.SUM, "s", DataType.INT64), AggSpec.len("n"),
            AggSpec.of(AggFunction.MIN, "mn", DataType.FLOAT64), AggSpec.of(AggFunction.MEAN, "avg", DataType.FLOAT64));

    /** Feeds keys k * stride (scrambled, so the per-batch direct path does not apply) for k in [0, groups). */
    static void feed(HashAggregation h, int groups, long stride) {
        long[] keys = new long[BATCH];
        long[] values = new long[BATCH];
        double[] doubles = new double[BATCH];
        LongColumn k = new LongColumn("trade_id", keys, BATCH, null);
        LongColumn v = new LongColumn("size", values, BATCH, null);
        DoubleColumn d = new DoubleColumn("price", doubles, BATCH, null);
        long seq = 0;
        for (int start = 0; start < groups; start += BATCH) {
            int n = Math.min(BATCH, groups - start);
            for (int i = 0; i < n; i++) {
                keys[i] = (start + i) * stride;
                values[i] = i;
                doubles[i] = i * 0.5;
            }
            List<Column> in = n == BATCH ? List.of(v, v, d, d) : List.of(v.slice(0, n), v.slice(0, n), d.slice(0, n), d.slice(0, n));
            h.add(List.of(n == BATCH ? k : k.slice(0, n)), java.util.Arrays.asList(in.get(0), null, in.get(2), in.get(3)), seq++);
        }
    }

    @Test
    void manyDistinctKeysInASmallBudgetFailWithAClearMessage() {
        for (long stride : new long[] {1, 0x9E37_79B9_7F4A_7C15L}) {
            FixedMemoryManager mm = MemoryManager.fixed(16L << 20);
            HashAggregation h = new HashAggregation(List.of(Field.of("trade_id", DataType.INT64)), AGGS, mm, "group-by [trade_id]");
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> feed(h, 2_500_000, stride));
            String m = e.getMessage();
            assertTrue(m.contains("group-by [trade_id]") && m.contains("groups so far") && m.contains("spilling"), m);
            assertTrue(e.requiredBytes() > e.availableBytes(), m);
            assertTrue(h.groupCount() > 100_000 && h.groupCount() < 2_500_000, "failed part-way: " + h.groupCount());
            assertTrue(mm.peakTrackedBytes() <= mm.budget(), "never over the budget: " + mm.peakTrackedBytes());
            h.close();
            assertEquals(0, mm.trackedBytes(), "close releases everything");
        }
    }

    @Test
    void anArrayTooLargeForTheHeapIsRefusedNotAllocated() {
        // G1 allocates a large array in one piece of free regions, which a heap with enough room in
        // total often lacks: such a growth step is refused like an exceeded budget, whatever the budget.
        FixedMemoryManager mm = MemoryManager.fixed(Long.MAX_VALUE / 4);
        MemoryAccount account = new MemoryAccount(mm, "group-by [trade_id]", () -> 524_289);
        account.allocate(1 << 20);
        long tooLarge = Runtime.getRuntime().maxMemory() / MemoryAccount.MAX_ARRAY_DIVISOR + 1;
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> account.allocate(tooLarge));
        String m = e.getMessage();
        assertTrue(m.contains("group-by [trade_id]") && m.contains("524,289 groups so far") && m.contains("one array of")
                && m.contains("-Xmx"), m);
        assertEquals(1 << 20, account.usedBytes(), "nothing counted for the refused array");
        account.close();
        assertEquals(0, mm.trackedBytes());
    }

    @Test
    void trackedBytesMatchTheHeapReallyHeld() throws Exception {
        MemoryManager mm = MemoryManager.fixed(1L << 31);
        long before = usedHeap();
        HashAggregation h = new HashAggregation(List.of(Field.of("trade_id", DataType.INT64)), AGGS, mm, "group-by [trade_id]");
        feed(h, 1_000_000, 0x9E37_79B9_7F4A_7C15L);
        long after = usedHeap();
        assertEquals(1_000_000, h.groupCount());
        long grown = after - before;
        long tracked = mm.trackedBytes();
        System.out.printf("1M long-key groups: tracked %,d bytes, heap grew %,d bytes%n", tracked, grown);
        assertTrue(grown > 10L << 20, "1M groups should hold more than 10 MB: measured " + grown);
        assertTrue(tracked >= grown / 2, "tracked " + tracked + " vs measured heap growth " + grown);
        assertTrue(tracked <= grown * 3, "tracked " + tracked + " is far above measured heap growth " + grown);
        assertEquals(1_000_000, h.finish().height());
        assertEquals(0, mm.trackedBytes(), "finish releases everything");
        Reference.reachabilityFence(h);
    }

    @Test
    void stringKeysAndStatesAreTrackedToo() throws Exception {
        MemoryManager mm = MemoryManager.fixed(1L << 31);
        List<AggSpec> aggs = List.of(AggSpec.of(AggFunction.MAX, "mx", DataType.STRING), AggSpec.of(AggFunction.N_UNIQUE, "u", DataType.STRING),
                AggSpec.of(AggFunction.MEDIAN, "med", DataType.INT64));
        long before = usedHeap();
        HashAggregation h = new HashAggregation(List.of(Field.of("k", DataType.STRING)), aggs, mm, "group-by [k]");
        int rows = 400_000;
        for (int start = 0; start < rows; start += 50_000) {
            String[] s = new String[50_000];
            long[] v = new long[50_000];
            for (int i = 0; i < s.length; i++) {
                s[i] = "key-number-" + (start + i) * 7919L + "-ü";
                v[i] = i;
            }
            Column k = HashAggregationTest.strings("k", s);
            h.add(List.of(k), List.of(k, k, new LongColumn("v", v, v.length, null)), start);
        }
        long grown = usedHeap() - before;
        long tracked = mm.trackedBytes();
        System.out.printf("400k string-key groups: tracked %,d bytes, heap grew %,d bytes%n", tracked, grown);
        assertEquals(rows, h.groupCount());
        assertTrue(tracked >= grown / 2, "tracked " + tracked + " vs measured heap growth " + grown);
        h.close();
        assertEquals(0, mm.trackedBytes());
        Reference.reachabilityFence(h);
    }

    static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(30);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
