package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

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
        Object out = switch (dense) {
            case IntColumn c -> new int[n];
            case LongColumn c -> new long[n];
            case FloatColumn c -> new float[n];
            case DoubleColumn c -> new double[n];
            case DictionaryColumn c -> new int[n];
            default -> null;
        };
        if (out == null) return null;
        boolean[] nulls = new boolean[n];
        spreadInto(dense, def, max, n, out, nulls, 0);
        return switch (dense) {
            case IntColumn c -> new IntColumn(name, c.type(), (int[]) out, n, nulls);
            case LongColumn c -> new LongColumn(name, c.type(), (long[]) out, n, nulls);
            case FloatColumn c -> new FloatColumn(name, c.type(), (float[]) out, n, nulls);
            case DoubleColumn c -> new DoubleColumn(name, c.type(), (double[]) out, n, nulls);
            case DictionaryColumn c -> new DictionaryColumn(name, c.dictionary(), (int[]) out, n, nulls);
            default -> throw new IllegalStateException();
        };
    }

    /**
     * Writes rows [start, start + n) of {@code out} (an array of the dense column's storage type;
     * dictionary indices for a dictionary column) and {@code nulls}: row i takes the next dense
     * value when {@code def[i] == max}, else is flagged null. Returns the dense values consumed.
     */
    static int spreadInto(Column dense, int[] def, int max, int n, Object out, boolean[] nulls, int start) {
        int k = 0;
        switch (dense) {
            case IntColumn c -> {
                int[] src = c.rawValues();
                int[] dst = (int[]) out;
                for (int i = 0; i < n; i++) { if (def[i] == max) dst[start + i] = src[k++]; else nulls[start + i] = true; }
            }
            case LongColumn c -> {
                long[] src = c.rawValues();
                long[] dst = (long[]) out;
                for (int i = 0; i < n; i++) { if (def[i] == max) dst[start + i] = src[k++]; else nulls[start + i] = true; }
            }
            case FloatColumn c -> {
                float[] src = c.rawValues();
                float[] dst = (float[]) out;
                for (int i = 0; i < n; i++) { if (def[i] == max) dst[start + i] = src[k++]; else nulls[start + i] = true; }
            }
            case DoubleColumn c -> {
                double[] src = c.rawValues();
                double[] dst = (double[]) out;
                for (int i = 0; i < n; i++) { if (def[i] == max) dst[start + i] = src[k++]; else nulls[start + i] = true; }
            }
            case BooleanColumn c -> {
                boolean[] src = c.rawValues();
                boolean[] dst = (boolean[]) out;
                for (int i = 0; i < n; i++) { if (def[i] == max) dst[start + i] = src[k++]; else nulls[start + i] = true; }
            }
            case DictionaryColumn c -> {
                int[] src = c.rawIndices();
                int[] dst = (int[]) out;
                for (int i = 0; i < n; i++) { if (def[i] == max) dst[start + i] = src[k++]; else nulls[start + i] = true; }
            }
            default -> throw new IllegalStateException("cannot spread " + dense.getClass().getSimpleName());
        }
        return k;
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
