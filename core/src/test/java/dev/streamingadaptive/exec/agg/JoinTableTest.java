package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A join table's lookups against a map of the build rows: keys filling much of their range (looked up by offset in
 * an array of ids), keys spanning a narrow range (looked up through a bitmap of the keys present first) and keys
 * spanning too wide a range for one, probes outside the range, repeated probes
 * (which reuse the previous answer) and nulls on both sides.
 */
class JoinTableTest {

    @Test
    void findsTheBuildRowsOfEachProbeKey() {
        Random random = new Random(7);
        long[] dense = new long[5_000];
        for (int i = 0; i < dense.length; i++) dense[i] = -300 + random.nextInt(40_000); // 1 key in 8 of the range
        long[] direct = new long[5_000];
        for (int i = 0; i < direct.length; i++) direct[i] = -300 + random.nextInt(10_000); // 1 key in 2.5 of the range
        long[] wide = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 1L << 62, 17, 17, -1};
        for (long[] build : List.of(direct, dense, wide)) {
            boolean[] buildNulls = new boolean[build.length];
            for (int i = 0; i < build.length; i += 11) buildNulls[i] = true;
            Map<Long, List<Integer>> expected = new HashMap<>();
            for (int i = 0; i < build.length; i++) if (!buildNulls[i]) expected.computeIfAbsent(build[i], k -> new ArrayList<>()).add(i);

            long[] probe = new long[60_000];
            boolean[] probeNulls = new boolean[probe.length];
            for (int i = 0; i < probe.length; i++) {
                probe[i] = switch (i % 6) {
                    case 0 -> build[random.nextInt(build.length)];
                    case 1 -> probe[i - 1];                              // a run of one key
                    case 2 -> -400 + random.nextInt(40_200);             // around and beyond the dense range's ends
                    case 3 -> random.nextLong();
                    case 4 -> i % 4 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                    default -> probe[i - 2];
                };
                probeNulls[i] = i % 13 == 0;
            }
            try (JoinTable t = JoinTable.build(List.of(Field.of("k", DataType.INT64)), List.of(new LongColumn("k", build, build.length, buildNulls)),
                    build.length, 0, MemoryManager.fixed(64L << 20), "test join", "advice")) {
                int[] ids = t.find(List.of(new LongColumn("k", probe, probe.length, probeNulls)), probe.length);
                for (int i = 0; i < probe.length; i++) {
                    List<Integer> want = probeNulls[i] ? null : expected.get(probe[i]);
                    if (want == null) {
                        assertEquals(-1, ids[i], "row " + i + " key " + probe[i]);
                        continue;
                    }
                    List<Integer> got = new ArrayList<>();
                    for (int p = t.start(ids[i]); p < t.end(ids[i]); p++) got.add(t.row(p));
                    assertEquals(want, got, "row " + i + " key " + probe[i]);
                }
            }
        }
    }

    @Test
    void anAidThatDoesNotFitIsLeftOut() {
        try (MemoryAccount account = new MemoryAccount(MemoryManager.fixed(1 << 20), "test", () -> 0)) {
            assertFalse(account.tryAllocate(2 << 20));
            assertEquals(0, account.usedBytes());
            assertTrue(account.tryAllocate(100_000));
            assertEquals(100_000, account.usedBytes());
        }
    }
}
