package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/**
 * Three-valued logic ({@code and}, {@code or}, {@code not}), null tests, {@code IN} lists (hash
 * sets of stored values) and row selection from several sources (coalesce, when/then).
 */
final class Logic {
    private Logic() {}

    /** Kleene AND/OR of two boolean columns (or constants, given as one-row columns with {@code n} rows wanted). */
    static Column andOr(boolean and, Column left, Column right, int n) {
        boolean[] a = bools(left, n), b = bools(right, n);
        boolean[] an = nullsOf(left, n), bn = nullsOf(right, n);
        boolean[] out = new boolean[n];
        boolean[] nl = an == null && bn == null ? null : new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean aNull = an != null && an[i], bNull = bn != null && bn[i];
            boolean aT = a[i] & !aNull, bT = b[i] & !bNull;
            boolean aF = !a[i] & !aNull, bF = !b[i] & !bNull;
            boolean t = and ? aT & bT : aT | bT;
            boolean f = and ? aF | bF : aF & bF;
            out[i] = t;
            if (nl != null) nl[i] = !t & !f;
        }
        return new BooleanColumn(Vectors.NAME, out, n, nl);
    }

    private static boolean[] bools(Column c, int n) {
        if (c.size() == n && c instanceof BooleanColumn bc) return bc.rawValues();
        Column full = c.size() == n ? c : Vectors.broadcast(c, n);
        if (full instanceof BooleanColumn bc) return bc.rawValues();
        return new boolean[n]; // all null
    }

    private static boolean[] nullsOf(Column c, int n) {
        Column full = c.size() == n ? c : Vectors.broadcast(c, n);
        return Vectors.nulls(full);
    }

    static Column not(Column c) {
        int n = c.size();
        boolean[] a = bools(c, n);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) out[i] = !a[i];
        return new BooleanColumn(Vectors.NAME, out, n, Vectors.nulls(c));
    }

    static Column isNull(Column c, boolean negate) {
        int n = c.size();
        boolean[] nl = Vectors.nulls(c);
        boolean[] out = new boolean[n];
        if (nl != null) for (int i = 0; i < n; i++) out[i] = nl[i] != negate;
        else if (negate) java.util.Arrays.fill(out, true);
        return new BooleanColumn(Vectors.NAME, out, n, null);
    }

    /**
     * SQL IN against constants of the domain type: true on a match; else null when the value or
     * any constant is null; else false.
     */
    static java.util.function.UnaryOperator<Column> in(Column constants, DataType t) {
        boolean listHasNull = constants.nullCount() > 0;
        int k = constants.size();
        boolean[] cn = Vectors.nulls(constants);
        switch (Comparisons.domain(t)) {
            case LONG, ULONG -> {
                long[] v = Vectors.longs(constants);
                LongSet set = new LongSet(k);
                for (int i = 0; i < k; i++) if (cn == null || !cn[i]) set.add(v[i]);
                return c -> {
                    long[] a = Vectors.longs(c);
                    boolean[] out = new boolean[c.size()];
                    for (int i = 0; i < out.length; i++) out[i] = set.contains(a[i]);
                    return finish(out, c, listHasNull);
                };
            }
            case DOUBLE -> {
                double[] v = Vectors.doubles(constants);
                LongSet set = new LongSet(k);
                for (int i = 0; i < k; i++) if (cn == null || !cn[i]) set.add(key(v[i]));
                return c -> {
                    double[] a = Vectors.doubles(c);
                    boolean[] out = new boolean[c.size()];
                    for (int i = 0; i < out.length; i++) out[i] = set.contains(key(a[i]));
                    return finish(out, c, listHasNull);
                };
            }
            case BIG -> {
                BigInteger[] v = Vectors.bigs(constants);
                Set<BigInteger> set = new HashSet<>();
                for (BigInteger x : v) if (x != null) set.add(x);
                return c -> {
                    BigInteger[] a = Vectors.bigs(c);
                    boolean[] out = new boolean[c.size()];
                    for (int i = 0; i < out.length; i++) out[i] = a[i] != null && set.contains(a[i]);
                    return finish(out, c, listHasNull);
                };
            }
            default -> {
                BinaryColumn b = Vectors.bytes(constants);
                BytesSet set = new BytesSet(k);
                for (int i = 0; i < k; i++) if (cn == null || !cn[i]) set.add(b.rawData(), b.rawOffsets()[i], b.rawOffsets()[i + 1]);
                return c -> {
                    BinaryColumn a = Vectors.bytes(c);
                    byte[] d = a.rawData();
                    int[] off = a.rawOffsets();
                    boolean[] out = new boolean[c.size()];
                    for (int i = 0; i < out.length; i++) out[i] = set.contains(d, off[i], off[i + 1]);
                    return finish(out, c, listHasNull);
                };
            }
        }
    }

    /** NaN equals NaN and -0.0 equals 0.0, as DuckDB. */
    private static long key(double d) {
        return d != d ? 0x7ff8000000000000L : d == 0 ? 0 : Double.doubleToLongBits(d);
    }

    private static Column finish(boolean[] out, Column c, boolean listHasNull) {
        int n = out.length;
        boolean[] nl = Vectors.nulls(c);
        if (listHasNull) {
            boolean[] x = nl == null ? new boolean[n] : nl.clone();
            for (int i = 0; i < n; i++) if (!out[i]) x[i] = true;
            nl = x;
        }
        return new BooleanColumn(Vectors.NAME, out, n, nl);
    }

    /** Open-addressing set of longs. */
    static final class LongSet {
        private final long[] keys;
        private final boolean[] used;
        private final int mask;

        LongSet(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2)) << 1;
            keys = new long[cap];
            used = new boolean[cap];
            mask = cap - 1;
        }

        private static int hash(long v) {
            long h = v * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        void add(long v) {
            int i = hash(v) & mask;
            while (used[i]) {
                if (keys[i] == v) return;
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = v;
        }

        boolean contains(long v) {
            int i = hash(v) & mask;
            while (used[i]) {
                if (keys[i] == v) return true;
                i = (i + 1) & mask;
            }
            return false;
        }
    }

    /** Open-addressing set of byte ranges (no per-probe allocation). */
    static final class BytesSet {
        private final byte[][] keys;
        private final int mask;

        BytesSet(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2)) << 1;
            keys = new byte[cap][];
            mask = cap - 1;
        }

        private static int hash(byte[] d, int from, int to) {
            int h = 1;
            for (int i = from; i < to; i++) h = 31 * h + d[i];
            return h ^ (h >>> 16);
        }

        void add(byte[] d, int from, int to) {
            int i = hash(d, from, to) & mask;
            while (keys[i] != null) {
                if (java.util.Arrays.equals(keys[i], 0, keys[i].length, d, from, to)) return;
                i = (i + 1) & mask;
            }
            keys[i] = java.util.Arrays.copyOfRange(d, from, to);
        }

        boolean contains(byte[] d, int from, int to) {
            int i = hash(d, from, to) & mask;
            while (keys[i] != null) {
                if (java.util.Arrays.equals(keys[i], 0, keys[i].length, d, from, to)) return true;
                i = (i + 1) & mask;
            }
            return false;
        }
    }

    /**
     * For each row, the value of {@code sources[which[i]]} (null where {@code which[i] < 0}); every
     * source has type {@code t} and n rows.
     */
    static Column pick(DataType t, Column[] sources, int[] which, int n) {
        boolean[][] nulls = new boolean[sources.length][];
        for (int k = 0; k < sources.length; k++) nulls[k] = Vectors.nulls(sources[k]);
        boolean[] nl = null;
        for (int i = 0; i < n; i++) {
            int k = which[i];
            if (k < 0 || (nulls[k] != null && nulls[k][i])) {
                if (nl == null) nl = new boolean[n];
                nl[i] = true;
            }
        }
        if (Vectors.isLongStored(t)) {
            long[][] v = new long[sources.length][];
            for (int k = 0; k < v.length; k++) v[k] = Vectors.longs(sources[k]);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) if (which[i] >= 0) out[i] = v[which[i]][i];
            return Vectors.ofLongs(t, out, n, nl);
        }
        if (t.kind() == DataType.Kind.FLOAT64) {
            double[][] v = new double[sources.length][];
            for (int k = 0; k < v.length; k++) v[k] = Vectors.doubles(sources[k]);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) if (which[i] >= 0) out[i] = v[which[i]][i];
            return new DoubleColumn(Vectors.NAME, t, out, n, nl);
        }
        if (Casts.isFloat(t)) {
            float[][] v = new float[sources.length][];
            for (int k = 0; k < v.length; k++) v[k] = Vectors.floats(sources[k]);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) if (which[i] >= 0) out[i] = v[which[i]][i];
            return new FloatColumn(Vectors.NAME, DataType.FLOAT32, out, n, nl);
        }
        if (t instanceof DataType.Decimal d) {
            BigInteger[][] v = new BigInteger[sources.length][];
            for (int k = 0; k < v.length; k++) v[k] = Vectors.bigs(sources[k]);
            BigInteger[] out = new BigInteger[n];
            for (int i = 0; i < n; i++) if (which[i] >= 0) out[i] = v[which[i]][i];
            return Vectors.ofBigs(d, out, n, nl);
        }
        BinaryColumn[] v = new BinaryColumn[sources.length];
        for (int k = 0; k < v.length; k++) v[k] = Vectors.bytes(sources[k]);
        Vectors.BytesBuilder b = new Vectors.BytesBuilder(n);
        for (int i = 0; i < n; i++) {
            if (nl != null && nl[i]) {
                b.addEmpty();
                continue;
            }
            BinaryColumn s = v[which[i]];
            int from = s.rawOffsets()[i];
            b.add(s.rawData(), from, s.rawOffsets()[i + 1] - from);
        }
        return b.build(t, nl);
    }
}
