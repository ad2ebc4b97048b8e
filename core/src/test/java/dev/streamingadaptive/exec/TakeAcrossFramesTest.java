package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.NullColumn;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Rows gathered across frames (a merge's output): values, nulls, frames whose column is all null, and the kinds left to concatenation. */
class TakeAcrossFramesTest {
    private static BinaryColumn strings(String... v) {
        int[] off = new int[v.length + 1];
        boolean[] nulls = new boolean[v.length];
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            nulls[i] = v[i] == null;
            if (v[i] != null) all.append(v[i]);
            off[i + 1] = all.toString().getBytes(StandardCharsets.UTF_8).length;
        }
        return new BinaryColumn("s", DataType.STRING, off, all.toString().getBytes(StandardCharsets.UTF_8), v.length, nulls);
    }

    @Test
    void gathersValuesAndNullsFromSeveralFrames() {
        DataFrame a = new DataFrame(List.of(strings("ä", null, "c"), new DoubleColumn("d", DataType.FLOAT64, new double[] {1, 2, Double.NaN}, 3, null)));
        DataFrame b = new DataFrame(List.of(new NullColumn("s", DataType.STRING, 2),
                new DoubleColumn("d", DataType.FLOAT64, new double[] {4, 5}, 2, new boolean[] {false, true})));
        DataFrame out = Take.rows(new DataFrame[] {a, b}, new int[] {1, 0, 0, 1, 0}, new int[] {0, 2, 0, 1, 1}, 5);
        List<Object> s = Arrays.asList(null, "c", "ä", null, null);
        List<Object> d = Arrays.asList(4.0, Double.NaN, 1.0, null, 2.0);
        for (int i = 0; i < 5; i++) {
            assertEquals(s.get(i), out.column("s").get(i), "s " + i);
            assertEquals(d.get(i), out.column("d").get(i), "d " + i);
        }
        DataFrame allNull = Take.rows(new DataFrame[] {b.select("s"), b.select("s")}, new int[] {0, 1}, new int[] {1, 0}, 2);
        assertEquals(2, allNull.column("s").nullCount());
    }

    @Test
    void leavesDictionariesToConcatenation() {
        Column dict = new DictionaryColumn("s", strings("x", "y"), new int[] {1, 0}, 2, null);
        assertNull(Take.rows(new DataFrame[] {new DataFrame(List.of(dict)), new DataFrame(List.of(strings("z", "w")))},
                new int[] {0, 1}, new int[] {0, 0}, 2));
    }
}
