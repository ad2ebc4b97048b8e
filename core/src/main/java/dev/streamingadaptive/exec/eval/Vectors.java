package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reads any column's stored values as primitive arrays (no copy when the storage already is
 * one) and builds result columns in the canonical storage of a type: BOOLEAN in booleans;
 * integers up to 32 bits, DATE and TIME[ms] in ints (unsigned as raw bits); INT64, UINT64,
 * TIMESTAMP, TIME[us/ns] and DECIMAL up to 18 digits in longs; wider DECIMAL as big-endian
 * two's-complement bytes; FLOAT32 in floats, FLOAT64 in doubles; everything else as bytes.
 */
final class Vectors {
    private Vectors() {}

    static final String NAME = "";

    /** The null flags of {@code c} (dictionary entries that are null included), or null when none is null. Do not modify. */
    static boolean[] nulls(Column c) {
        if (c instanceof NullColumn) {
            boolean[] b = new boolean[c.size()];
            Arrays.fill(b, true);
            return b;
        }
        boolean[] out = null;
        if (c.nullCount() > 0) {
            int n = c.size();
            out = new boolean[n];
            for (int i = 0; i < n; i++) out[i] = c.isNull(i);
        }
        if (c instanceof DictionaryColumn dc && dc.dictionary().nullCount() > 0) {
            Column dict = dc.dictionary();
            int[] idx = dc.rawIndices();
            int n = c.size();
            if (out == null) out = new boolean[n];
            for (int i = 0; i < n; i++) if (!out[i] && dict.isNull(idx[i])) out[i] = true;
        }
        return out;
    }

    static boolean[] or(boolean[] a, boolean[] b) {
        if (a == null) return b;
        if (b == null) return a;
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < out.length; i++) out[i] = a[i] | b[i];
        return out;
    }

    /** Whether the storage of {@code t} is an int/long integer value (see the class comment). */
    static boolean isLongStored(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, DATE, TIME, TIMESTAMP -> true;
            case DECIMAL -> ((DataType.Decimal) t).precision() <= 18;
            default -> false;
        };
    }

    /** Stored integer values widened to long (unsigned types zero-extended; UINT64 raw bits; booleans 0/1). */
    static long[] longs(Column c) {
        int n = c.size();
        switch (c) {
            case LongColumn lc -> {
                return lc.rawValues();
            }
            case IntColumn ic -> {
                int[] a = ic.rawValues();
                long[] out = new long[n];
                switch (c.type().kind()) {
                    case UINT8 -> { for (int i = 0; i < n; i++) out[i] = a[i] & 0xFFL; }
                    case UINT16 -> { for (int i = 0; i < n; i++) out[i] = a[i] & 0xFFFFL; }
                    case UINT32 -> { for (int i = 0; i < n; i++) out[i] = a[i] & 0xFFFF_FFFFL; }
                    default -> { for (int i = 0; i < n; i++) out[i] = a[i]; }
                }
                return out;
            }
            case BooleanColumn bc -> {
                boolean[] a = bc.rawValues();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) out[i] = a[i] ? 1 : 0;
                return out;
            }
            case DictionaryColumn dc -> {
                long[] dict = longs(dc.dictionary());
                int[] idx = dc.rawIndices();
                boolean[] nl = nulls(dc);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) out[i] = nl != null && nl[i] ? 0 : dict[idx[i]];
                return out;
            }
            case NullColumn nc -> {
                return new long[n];
            }
            case BinaryColumn bc when c.type() instanceof DataType.Decimal -> {
                BigInteger[] b = bigs(bc);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) out[i] = b[i] == null ? 0 : b[i].longValueExact();
                return out;
            }
            default -> throw new IllegalStateException("no integer storage for " + c.getClass().getSimpleName() + " of " + c.type());
        }
    }

    /** Decimal unscaled values as BigIntegers (null where null). */
    static BigInteger[] bigs(Column c) {
        int n = c.size();
        BigInteger[] out = new BigInteger[n];
        boolean[] nl = nulls(c);
        if (c instanceof BinaryColumn bc) {
            int[] off = bc.rawOffsets();
            byte[] data = bc.rawData();
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) continue;
                int len = off[i + 1] - off[i];
                out[i] = len == 0 ? BigInteger.ZERO : new BigInteger(data, off[i], len);
            }
            return out;
        }
        if (c instanceof DictionaryColumn dc) {
            BigInteger[] dict = bigs(dc.dictionary());
            int[] idx = dc.rawIndices();
            for (int i = 0; i < n; i++) if (nl == null || !nl[i]) out[i] = dict[idx[i]];
            return out;
        }
        long[] v = longs(c);
        for (int i = 0; i < n; i++) if (nl == null || !nl[i]) out[i] = BigInteger.valueOf(v[i]);
        return out;
    }

    /** FLOAT64 storage (or FLOAT32/FLOAT16 widened). */
    static double[] doubles(Column c) {
        int n = c.size();
        switch (c) {
            case DoubleColumn dc -> {
                return dc.rawValues();
            }
            case FloatColumn fc -> {
                float[] a = fc.rawValues();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) out[i] = a[i];
                return out;
            }
            case DictionaryColumn dc -> {
                double[] dict = doubles(dc.dictionary());
                int[] idx = dc.rawIndices();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) out[i] = dict[idx[i] < dict.length ? idx[i] : 0];
                return out;
            }
            case NullColumn nc -> {
                return new double[n];
            }
            case IntColumn ic when c.type().kind() == DataType.Kind.FLOAT16 -> {
                int[] a = ic.rawValues();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat((short) a[i]);
                return out;
            }
            case BinaryColumn bc when c.type().kind() == DataType.Kind.FLOAT16 -> {
                int[] off = bc.rawOffsets();
                byte[] d = bc.rawData();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    if (off[i + 1] - off[i] == 2) out[i] = Float.float16ToFloat((short) ((d[off[i]] & 0xFF) | (d[off[i] + 1] << 8)));
                }
                return out;
            }
            default -> throw new IllegalStateException("no float storage for " + c.getClass().getSimpleName() + " of " + c.type());
        }
    }

    /** FLOAT32 storage. */
    static float[] floats(Column c) {
        if (c instanceof FloatColumn fc) return fc.rawValues();
        double[] d = doubles(c);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
        return out;
    }

    /** A flat byte column (dictionaries expanded). */
    static BinaryColumn bytes(Column c) {
        if (c instanceof BinaryColumn bc) return bc;
        if (c instanceof DictionaryColumn dc && dc.dictionary() instanceof BinaryColumn dict) {
            int n = c.size();
            boolean[] nl = nulls(c);
            int[] idx = dc.rawIndices();
            int[] doff = dict.rawOffsets();
            byte[] dd = dict.rawData();
            long total = 0;
            for (int i = 0; i < n; i++) if (nl == null || !nl[i]) total += doff[idx[i] + 1] - doff[idx[i]];
            byte[] data = new byte[Math.toIntExact(total)];
            int[] off = new int[n + 1];
            int at = 0;
            for (int i = 0; i < n; i++) {
                if (nl == null || !nl[i]) {
                    int s = doff[idx[i]], len = doff[idx[i] + 1] - s;
                    System.arraycopy(dd, s, data, at, len);
                    at += len;
                }
                off[i + 1] = at;
            }
            return new BinaryColumn(NAME, c.type(), off, data, n, nl);
        }
        if (c instanceof NullColumn) return new BinaryColumn(NAME, c.type(), new int[c.size() + 1], new byte[0], c.size(), nulls(c));
        throw new IllegalStateException("no byte storage for " + c.getClass().getSimpleName() + " of " + c.type());
    }

    // ---- building ----

    /** A column of type {@code t} (long-stored, see {@link #isLongStored}) from long values. */
    static Column ofLongs(DataType t, long[] v, int n, boolean[] nulls) {
        if (t.kind() == DataType.Kind.BOOLEAN) {
            boolean[] b = new boolean[n];
            for (int i = 0; i < n; i++) b[i] = v[i] != 0;
            return new BooleanColumn(NAME, b, n, nulls);
        }
        if (storesInInt(t)) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) a[i] = (int) v[i];
            return new IntColumn(NAME, t, a, n, nulls);
        }
        return new LongColumn(NAME, t, v, n, nulls);
    }

    static boolean storesInInt(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32, UINT8, UINT16, UINT32, DATE -> true;
            case TIME -> ((DataType.Time) t).unit() == dev.streamingadaptive.frame.TimeUnit.MILLIS;
            default -> false;
        };
    }

    /**
     * Decimal unscaled values as longs when every one fits a long: always for long-stored types,
     * for a wide one stored as bytes when no value has more than 8; else null. Null slots hold 0.
     */
    static long[] longsIfFit(Column c) {
        if (isLongStored(c.type())) return longs(c);
        if (!(c instanceof BinaryColumn bc)) return null;
        if (bc.unscaledLongs() != null) return bc.unscaledLongs();
        int n = c.size();
        int[] off = bc.rawOffsets();
        byte[] data = bc.rawData();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int from = off[i], len = off[i + 1] - from;
            if (len > 8) return null;
            if (len == 0) continue;
            long v = data[from];
            for (int k = 1; k < len; k++) v = (v << 8) | (data[from + k] & 0xFF);
            out[i] = v;
        }
        return out;
    }

    /** A wide DECIMAL column of unscaled values held in longs (encoded as {@link #ofBigs} stores them when read as bytes). */
    static Column ofWideLongs(DataType.Decimal t, long[] v, int n, boolean[] nulls) {
        return BinaryColumn.ofUnscaledLongs(NAME, t, v, n, nulls);
    }

    /** A wide DECIMAL column from unscaled values (null entries are nulls). */
    static Column ofBigs(DataType.Decimal t, BigInteger[] v, int n, boolean[] nulls) {
        if (t.precision() <= 18) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = v[i] == null ? 0 : v[i].longValue();
            return new LongColumn(NAME, t, out, n, nullsOf(v, n, nulls));
        }
        BytesBuilder b = new BytesBuilder(n);
        for (int i = 0; i < n; i++) {
            if (v[i] == null) b.add(new byte[0], 0, 0);
            else {
                byte[] bytes = v[i].toByteArray();
                b.add(bytes, 0, bytes.length);
            }
        }
        return b.build(t, nullsOf(v, n, nulls));
    }

    private static boolean[] nullsOf(Object[] v, int n, boolean[] nulls) {
        boolean[] out = nulls;
        for (int i = 0; i < n; i++) {
            if (v[i] == null && (out == null || !out[i])) {
                if (out == nulls) out = nulls == null ? new boolean[n] : nulls.clone();
                out[i] = true;
            }
        }
        return out;
    }

    /** Growing UTF-8/bytes storage for string results. */
    static final class BytesBuilder {
        private byte[] data;
        private final int[] offsets;
        private int count;
        private int at;

        BytesBuilder(int n) {
            this(n, Math.max(16, n * 8));
        }

        BytesBuilder(int n, int bytes) {
            offsets = new int[n + 1];
            data = new byte[Math.max(16, bytes)];
        }

        void ensure(int more) {
            if (at + more > data.length) data = Arrays.copyOf(data, Math.max(at + more, data.length * 2));
        }

        void add(byte[] src, int from, int len) {
            ensure(len);
            System.arraycopy(src, from, data, at, len);
            at += len;
            offsets[++count] = at;
        }

        void addString(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            add(b, 0, b.length);
        }

        /** Direct access for writers: bytes array (after {@link #ensure}) and position. */
        byte[] data() { return data; }
        int position() { return at; }
        void advance(int len) {
            at += len;
            offsets[++count] = at;
        }

        void addEmpty() {
            offsets[++count] = at;
        }

        BinaryColumn build(DataType t, boolean[] nulls) {
            return new BinaryColumn(NAME, t, offsets, data, count, nulls);
        }
    }

    // ---- shape ----

    /** {@code n} copies of the single value of {@code one}. */
    static Column broadcast(Column one, int n) {
        boolean isNull = one.isNull(0);
        if (isNull) return new NullColumn(NAME, one.type(), n);
        switch (one) {
            case LongColumn lc -> {
                long[] a = new long[n];
                Arrays.fill(a, lc.getLong(0));
                return new LongColumn(NAME, one.type(), a, n, null);
            }
            case IntColumn ic -> {
                int[] a = new int[n];
                Arrays.fill(a, ic.getInt(0));
                return new IntColumn(NAME, one.type(), a, n, null);
            }
            case DoubleColumn dc -> {
                double[] a = new double[n];
                Arrays.fill(a, dc.getDouble(0));
                return new DoubleColumn(NAME, one.type(), a, n, null);
            }
            case FloatColumn fc -> {
                float[] a = new float[n];
                Arrays.fill(a, fc.getFloat(0));
                return new FloatColumn(NAME, one.type(), a, n, null);
            }
            case BooleanColumn bc -> {
                boolean[] a = new boolean[n];
                Arrays.fill(a, bc.getBoolean(0));
                return new BooleanColumn(NAME, a, n, null);
            }
            case BinaryColumn bc -> {
                // A dictionary of one entry: no copies of the bytes.
                return new DictionaryColumn(NAME, bc.slice(0, 1).rename(NAME), new int[n], n, null);
            }
            case DictionaryColumn dc -> {
                return new DictionaryColumn(NAME, dc.dictionary(), filled(n, dc.index(0)), n, null);
            }
            default -> throw new IllegalStateException("cannot broadcast " + one.getClass().getSimpleName());
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * The per-dictionary-entry result {@code perEntry} spread to the rows of {@code dc}: strings stay
     * a dictionary (no copy), other types are gathered by index (one pass). Row nulls and null
     * results both give null.
     */
    static Column gather(Column perEntry, DictionaryColumn dc) {
        int n = dc.size();
        int[] idx = dc.rawIndices();
        boolean[] rowNulls = nulls(dc);
        boolean[] entryNulls = perEntry.nullCount() > 0 ? nulls(perEntry) : null;
        boolean[] nl = rowNulls;
        if (entryNulls != null) {
            nl = new boolean[n];
            for (int i = 0; i < n; i++) nl[i] = (rowNulls != null && rowNulls[i]) || entryNulls[idx[i]];
        }
        switch (perEntry) {
            case BooleanColumn bc -> {
                boolean[] a = bc.rawValues();
                boolean[] out = new boolean[n];
                if (nl == null) for (int i = 0; i < n; i++) out[i] = a[idx[i]];
                else for (int i = 0; i < n; i++) out[i] = !nl[i] && a[idx[i]];
                return new BooleanColumn(NAME, out, n, nl);
            }
            case LongColumn lc -> {
                long[] a = lc.rawValues();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) out[i] = a[idx[i]];
                return new LongColumn(NAME, perEntry.type(), out, n, nl);
            }
            case IntColumn ic -> {
                int[] a = ic.rawValues();
                int[] out = new int[n];
                for (int i = 0; i < n; i++) out[i] = a[idx[i]];
                return new IntColumn(NAME, perEntry.type(), out, n, nl);
            }
            case DoubleColumn dcol -> {
                double[] a = dcol.rawValues();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) out[i] = a[idx[i]];
                return new DoubleColumn(NAME, perEntry.type(), out, n, nl);
            }
            case FloatColumn fc -> {
                float[] a = fc.rawValues();
                float[] out = new float[n];
                for (int i = 0; i < n; i++) out[i] = a[idx[i]];
                return new FloatColumn(NAME, perEntry.type(), out, n, nl);
            }
            case NullColumn nc -> {
                return new NullColumn(NAME, perEntry.type(), n);
            }
            default -> {
                return new DictionaryColumn(NAME, perEntry, idx, n, nl);
            }
        }
    }
}
