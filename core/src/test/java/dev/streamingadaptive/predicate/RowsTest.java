package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.LongColumn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Keeping the rows a mask selects: the indices in order, at the edges of the mask too. */
class RowsTest {
    private static int[] naive(boolean[] mask) {
        return IntStream.range(0, mask.length).filter(i -> mask[i]).toArray();
    }

    @Test
    void selectedIndicesMatchTheMaskAtEveryDensityAndEdge() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rnd.nextInt(trial % 3 == 0 ? 5_000 : 300);
            double density = new double[] {0.0, 0.02, 0.5, 0.98, 1.0, 0.001, 0.999}[trial % 7];
            boolean[] mask = new boolean[n];
            for (int i = 0; i < n; i++) mask[i] = rnd.nextDouble() < density;
            if (trial % 7 == 1) mask[n - 1] = true;    // the last row kept: the unconditional write ends there
            if (trial % 7 == 2) mask[n - 1] = false;
            if (trial % 7 == 3) mask[0] = true;
            int[] want = naive(mask);
            assertArrayEquals(want, Rows.selected(mask, n, want.length), "trial " + trial + ", n " + n);
        }
    }

    @Test
    void keepGathersTheSelectedValuesAndNulls() {
        long[] v = {10, 11, 12, 13, 14, 15};
        boolean[] nulls = {false, true, false, false, true, false};
        DataFrame df = new DataFrame(List.of(new LongColumn("v", v, 6, nulls)), 6);
        DataFrame kept = Rows.keep(df, new boolean[] {false, true, true, false, false, true});
        assertEquals(3, kept.height());
        LongColumn c = (LongColumn) kept.column(0);
        assertEquals(12L, c.rawValues()[1]);
        assertEquals(15L, c.rawValues()[2]);
        assertEquals(true, c.isNull(0));
        assertEquals(false, c.isNull(1));
        assertEquals(0, Rows.keep(df, new boolean[6]).height());
        assertSame(df, Rows.keep(df, new boolean[] {true, true, true, true, true, true}));
    }

    /** A mask keeping nearly every row is copied a run at a time: the same values and nulls as gathering them. */
    @Test
    void denseMasksCopyRunsOfEveryColumnKind() {
        Random rnd = new Random(11);
        int n = 5_000;
        long[] l = new long[n];
        int[] ix = new int[n];
        double[] d = new double[n];
        boolean[] b = new boolean[n];
        boolean[] nulls = new boolean[n];
        int[] off = new int[n + 1];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            l[i] = rnd.nextLong();
            ix[i] = rnd.nextInt(3);
            d[i] = rnd.nextDouble();
            b[i] = rnd.nextBoolean();
            nulls[i] = rnd.nextInt(10) == 0;
            text.append("v").append(i);
            off[i + 1] = text.length();
        }
        var dict = new dev.streamingadaptive.frame.BinaryColumn("s", dev.streamingadaptive.frame.DataType.STRING,
                new int[] {0, 1, 2, 3}, "xyz".getBytes(java.nio.charset.StandardCharsets.UTF_8), 3, null);
        DataFrame df = new DataFrame(List.of(
                new LongColumn("l", l, n, nulls),
                new dev.streamingadaptive.frame.IntColumn("i", ix, n, null),
                new dev.streamingadaptive.frame.DoubleColumn("d", d, n, nulls),
                new dev.streamingadaptive.frame.BooleanColumn("b", b, n, null),
                new dev.streamingadaptive.frame.DictionaryColumn("k", dict, ix, n, nulls),
                new dev.streamingadaptive.frame.BinaryColumn("t", dev.streamingadaptive.frame.DataType.STRING, off,
                        text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), n, nulls)), n);
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) mask[i] = rnd.nextInt(50) != 0;   // 98% kept: runs of about 50
        int[] rows = naive(mask);
        assertEquals(true, Rows.runs(mask, n, rows.length / 16) != null, "dense enough to copy runs");
        DataFrame kept = Rows.keep(df, mask);
        assertEquals(rows.length, kept.height());
        for (int c = 0; c < df.width(); c++) {
            for (int i = 0; i < rows.length; i++) {
                assertEquals(df.column(c).get(rows[i]), kept.column(c).get(i), df.column(c).name() + " row " + i);
            }
        }
        assertEquals(null, Rows.runs(new boolean[] {true, false, true, false, true}, 5, 2), "more runs than allowed");
    }
}
