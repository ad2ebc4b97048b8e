package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.memory.HeapGuard;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;

/** Builds a column with nulls from a dense column of non-null values and a row → value index map. */
final class Gather {
    private Gather() {}

    /**
     * Row i takes the next dense value when {@code def[i] == max}, else is null: the flat
     * nullable column case in one pass, without an index map. Returns null for column kinds it
     * does not specialise (the caller then uses {@link #gather}).
     */
    static Column spread(String name, Column dense, int[] def, int max, int n) {
        boolean[] nulls = new boolean[n];
        int k = 0;
        switch (dense) {
            case IntColumn c -> {
                int[] src = c.rawValues();
                int[] out = new int[n];
                for (int i = 0; i < n; i++) { if (def[i] == max) out[i] = src[k++]; else nulls[i] = true; }
                return new IntColumn(name, c.type(), out, n, nulls);
            }
            case LongColumn c -> {
                long[] src = c.rawValues();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) { if (def[i] == max) out[i] = src[k++]; else nulls[i] = true; }
                return new LongColumn(name, c.type(), out, n, nulls);
            }
            case FloatColumn c -> {
                float[] src = c.rawValues();
                float[] out = new float[n];
                for (int i = 0; i < n; i++) { if (def[i] == max) out[i] = src[k++]; else nulls[i] = true; }
                return new FloatColumn(name, c.type(), out, n, nulls);
            }
            case DoubleColumn c -> {
                double[] src = c.rawValues();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) { if (def[i] == max) out[i] = src[k++]; else nulls[i] = true; }
                return new DoubleColumn(name, c.type(), out, n, nulls);
            }
            case DictionaryColumn c -> {
                int[] src = c.rawIndices();
                int[] out = new int[n];
                for (int i = 0; i < n; i++) { if (def[i] == max) out[i] = src[k++]; else nulls[i] = true; }
                return new DictionaryColumn(name, c.dictionary(), out, n, nulls);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Row i takes {@code dense[index[i]]}, or is null when {@code index[i] < 0}.
     *
     * @param nulls precomputed null flags for the rows (index[i] &lt; 0), or null when none are null
     */
    static Column gather(String name, Column dense, int[] index, boolean[] nulls, int n) {
        return switch (dense) {
            case IntColumn c -> {
                int[] src = c.rawValues();
                int[] out = new int[n];
                for (int i = 0; i < n; i++) { int k = index[i]; if (k >= 0) out[i] = src[k]; }
                yield new IntColumn(name, c.type(), out, n, nulls);
            }
            case LongColumn c -> {
                long[] src = c.rawValues();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) { int k = index[i]; if (k >= 0) out[i] = src[k]; }
                yield new LongColumn(name, c.type(), out, n, nulls);
            }
            case FloatColumn c -> {
                float[] src = c.rawValues();
                float[] out = new float[n];
                for (int i = 0; i < n; i++) { int k = index[i]; if (k >= 0) out[i] = src[k]; }
                yield new FloatColumn(name, c.type(), out, n, nulls);
            }
            case DoubleColumn c -> {
                double[] src = c.rawValues();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) { int k = index[i]; if (k >= 0) out[i] = src[k]; }
                yield new DoubleColumn(name, c.type(), out, n, nulls);
            }
            case BooleanColumn c -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) { int k = index[i]; if (k >= 0) out[i] = c.getBoolean(k); }
                yield new BooleanColumn(name, out, n, nulls);
            }
            case DictionaryColumn c -> {
                int[] src = c.rawIndices();
                int[] out = new int[n];
                for (int i = 0; i < n; i++) { int k = index[i]; if (k >= 0) out[i] = src[k]; }
                yield new DictionaryColumn(name, c.dictionary(), out, n, nulls);
            }
            case BinaryColumn c -> {
                int[] srcOff = c.rawOffsets();
                byte[] src = c.rawData();
                long total = 0;
                for (int i = 0; i < n; i++) { int k = index[i]; if (k >= 0) total += srcOff[k + 1] - srcOff[k]; }
                byte[] data = new byte[HeapGuard.checkArray(total, 1, "binary values")];
                int[] offsets = new int[n + 1];
                int pos = 0;
                for (int i = 0; i < n; i++) {
                    int k = index[i];
                    if (k >= 0) {
                        int len = srcOff[k + 1] - srcOff[k];
                        System.arraycopy(src, srcOff[k], data, pos, len);
                        pos += len;
                    }
                    offsets[i + 1] = pos;
                }
                yield new BinaryColumn(name, c.type(), offsets, data, n, nulls);
            }
            default -> throw new IllegalStateException("cannot gather " + dense.getClass().getSimpleName());
        };
    }
}
