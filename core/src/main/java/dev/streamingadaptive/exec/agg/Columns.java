package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;

/** Builds plain output columns of a type from the kernels' internal families ({@link TypeSupport}). */
final class Columns {
    private Columns() {}

    /** Null flags or null when none is set. */
    static boolean[] orNull(boolean[] nulls, int n) {
        for (int i = 0; i < n; i++) if (nulls[i]) return nulls;
        return null;
    }

    /** A column of {@code type} (a LONG-family type) from normalized longs. */
    static Column fromLongs(String name, DataType type, long[] v, boolean[] nulls, int n) {
        nulls = nulls == null ? null : orNull(nulls, n);
        return switch (TypeSupport.storage(type)) {
            case BOOLEAN -> {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) b[i] = v[i] != 0;
                yield new BooleanColumn(name, b, n, nulls);
            }
            case INT -> {
                int[] b = new int[n];
                for (int i = 0; i < n; i++) b[i] = (int) v[i];
                yield new IntColumn(name, type, b, n, nulls);
            }
            case LONG -> new LongColumn(name, type, v.length == n ? v : java.util.Arrays.copyOf(v, n), n, nulls);
            default -> throw new IllegalStateException(type + " is not stored as integers");
        };
    }

    /** A FLOAT16/FLOAT32/FLOAT64 column from doubles. */
    static Column fromDoubles(String name, DataType type, double[] v, boolean[] nulls, int n) {
        nulls = nulls == null ? null : orNull(nulls, n);
        if (TypeSupport.storage(type) == TypeSupport.Storage.FLOAT) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) f[i] = (float) v[i];
            return new FloatColumn(name, type, f, n, nulls);
        }
        return new DoubleColumn(name, type, v.length == n ? v : java.util.Arrays.copyOf(v, n), n, nulls);
    }

    /**
     * A BYTES-family column from (data, offsets) built by the caller; wide decimals arrive in the
     * ordered 16-byte form and are turned back into plain two's complement here, in place.
     */
    static Column fromBytes(String name, DataType type, byte[] data, int[] offsets, boolean[] nulls, int n) {
        nulls = nulls == null ? null : orNull(nulls, n);
        if (TypeSupport.isWideDecimal(type)) {
            for (int i = 0; i < n; i++) {
                if (offsets[i + 1] - offsets[i] == 16) Int128.orderedToPlain(data, offsets[i]);
            }
        }
        return new BinaryColumn(name, type, offsets, data, n, nulls);
    }

    /** A column of {@code type} from per-group values held by {@code source}, gathered through {@code ids}. */
    static Column gatherBytes(String name, DataType type, BytesIntMap source, int nullId, int[] ids, int n) {
        long total = 0;
        for (int g = 0; g < n; g++) {
            int id = ids == null ? g : ids[g];
            if (id != nullId) total += source.end(id) - source.start(id);
        }
        if (total > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2 GB of key bytes in one result column");
        byte[] data = new byte[(int) total];
        int[] offsets = new int[n + 1];
        boolean[] nulls = new boolean[n];
        byte[] pool = source.pool();
        int pos = 0;
        for (int g = 0; g < n; g++) {
            int id = ids == null ? g : ids[g];
            if (id == nullId) {
                nulls[g] = true;
            } else {
                int s = source.start(id);
                int len = source.end(id) - s;
                System.arraycopy(pool, s, data, pos, len);
                pos += len;
            }
            offsets[g + 1] = pos;
        }
        return fromBytes(name, type, data, offsets, nulls, n);
    }

    /** Plain 16-byte two's complement of a 128-bit value (what a DECIMAL(38) BinaryColumn holds). */
    static void writePlain(byte[] out, int off, long hi, long lo) {
        Int128.BE_LONG.set(out, off, hi);
        Int128.BE_LONG.set(out, off + 8, lo);
    }
}
