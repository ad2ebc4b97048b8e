package dev.streamingadaptive.parquet.meta;

import java.util.Arrays;
import java.util.Objects;

/**
 * Column chunk or page statistics (Thrift {@code Statistics}, fields 1–8). All fields are optional
 * and null when absent. Values are PLAIN-encoded without a length prefix.
 *
 * <p>The byte arrays are shared, not copied: callers must not modify them. {@code equals},
 * {@code hashCode} and {@code toString} use the array contents.
 *
 * @param max             deprecated signed-order max (field 1)
 * @param min             deprecated signed-order min (field 2)
 * @param nullCount       number of nulls; absence is not the same as 0
 * @param distinctCount   number of distinct values
 * @param maxValue        max according to the column order (field 5)
 * @param minValue        min according to the column order (field 6)
 * @param isMaxValueExact whether maxValue is an actual value
 * @param isMinValueExact whether minValue is an actual value
 */
public record Statistics(byte[] max, byte[] min, Long nullCount, Long distinctCount, byte[] maxValue,
                         byte[] minValue, Boolean isMaxValueExact, Boolean isMinValueExact) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Statistics s
                && Arrays.equals(max, s.max) && Arrays.equals(min, s.min)
                && Objects.equals(nullCount, s.nullCount) && Objects.equals(distinctCount, s.distinctCount)
                && Arrays.equals(maxValue, s.maxValue) && Arrays.equals(minValue, s.minValue)
                && Objects.equals(isMaxValueExact, s.isMaxValueExact)
                && Objects.equals(isMinValueExact, s.isMinValueExact);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(max);
        h = 31 * h + Arrays.hashCode(min);
        h = 31 * h + Objects.hash(nullCount, distinctCount, isMaxValueExact, isMinValueExact);
        h = 31 * h + Arrays.hashCode(maxValue);
        return 31 * h + Arrays.hashCode(minValue);
    }

    @Override
    public String toString() {
        return "Statistics[max=" + Bytes.hex(max) + ", min=" + Bytes.hex(min)
                + ", nullCount=" + nullCount + ", distinctCount=" + distinctCount
                + ", maxValue=" + Bytes.hex(maxValue) + ", minValue=" + Bytes.hex(minValue)
                + ", isMaxValueExact=" + isMaxValueExact + ", isMinValueExact=" + isMinValueExact + "]";
    }
}
