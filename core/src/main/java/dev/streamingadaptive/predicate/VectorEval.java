package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Whole-batch evaluation of single-column predicates over primitive arrays, so a filter costs a
 * plain loop per batch instead of a boxed value per row. Results use {@link RowPredicate}'s codes
 * (FALSE, TRUE, UNKNOWN). Every method returns null when it has no fast path for the column's
 * representation; callers then fall back to row-by-row evaluation, which defines the semantics.
 */
final class VectorEval {
    private VectorEval() {}

    /** {@code column op literal} over a whole column, or null without a fast path. */
    static byte[] compare(Column c, ComparisonPredicate.Op op, Object literal) {
        DataType.Kind kind = c.type().kind();
        if (c instanceof LongColumn lc && kind == DataType.Kind.INT64 && isIntegral(literal)) {
            return compareLongs(lc, op, ((Number) literal).longValue());
        }
        if (c instanceof IntColumn ic && (kind == DataType.Kind.INT32 || kind == DataType.Kind.INT16 || kind == DataType.Kind.INT8)
                && isIntegral(literal)) {
            return compareInts(ic, op, ((Number) literal).longValue());
        }
        if (c instanceof DoubleColumn dc && kind == DataType.Kind.FLOAT64 && literal instanceof Number n && !(n instanceof BigDecimal)
                && !(n instanceof java.math.BigInteger) && (isIntegral(n) ? Math.abs(n.longValue()) < (1L << 53) : true)) {
            return compareDoubles(dc.rawValues(), null, c, op, n.doubleValue());
        }
        if (c instanceof FloatColumn fc && kind == DataType.Kind.FLOAT32 && literal instanceof Number n && !(n instanceof BigDecimal)
                && !(n instanceof java.math.BigInteger) && (isIntegral(n) ? Math.abs(n.longValue()) < (1L << 53) : true)) {
            return compareDoubles(null, fc.rawValues(), c, op, n.doubleValue());
        }
        if (c instanceof BinaryColumn bc && kind == DataType.Kind.STRING && literal instanceof String s) {
            return compareStrings(bc, op, s.getBytes(StandardCharsets.UTF_8));
        }
        if (kind == DataType.Kind.DATE && literal instanceof LocalDate d) {
            if (c instanceof IntColumn ic) return compareInts(ic, op, d.toEpochDay());
            if (c instanceof LongColumn lc) return compareLongs(lc, op, d.toEpochDay());
        }
        if (kind == DataType.Kind.DECIMAL && (c instanceof LongColumn || c instanceof IntColumn)
                && (literal instanceof BigDecimal || literal instanceof java.math.BigInteger || isIntegral(literal))) {
            return compareDecimals(c, ((DataType.Decimal) c.type()).scale(), op, literal);
        }
        return null;
    }

    /**
     * A decimal column stored as unscaled longs or ints against an exact literal: the literal in the
     * column's scale, rounded down; when rounding was needed no value equals it, and x &lt; literal is
     * x &lt;= floor, x &gt;= literal is x &gt; floor. Null when the literal leaves 64 bits (row by row then).
     */
    private static byte[] compareDecimals(Column c, int scale, ComparisonPredicate.Op op, Object literal) {
        BigDecimal exact = literal instanceof BigDecimal d ? d
                : literal instanceof java.math.BigInteger b ? new BigDecimal(b) : BigDecimal.valueOf(((Number) literal).longValue());
        BigDecimal floor = exact.setScale(scale, RoundingMode.FLOOR);
        java.math.BigInteger unscaled = floor.unscaledValue();
        if (unscaled.bitLength() > 63) return null;
        long v = unscaled.longValue();
        boolean representable = floor.compareTo(exact) == 0;
        ComparisonPredicate.Op effective = op;
        if (!representable) {
            switch (op) {
                case EQ, NE -> {
                    byte[] out = new byte[c.size()];
                    Arrays.fill(out, (byte) (op == ComparisonPredicate.Op.NE ? 1 : 0));
                    markNulls(c, out);
                    return out;
                }
                case LT, LE -> effective = ComparisonPredicate.Op.LE;
                case GT, GE -> effective = ComparisonPredicate.Op.GT;
            }
        }
        return c instanceof LongColumn lc ? compareLongs(lc, effective, v) : compareInts((IntColumn) c, effective, v);
    }

    /**
     * Evaluates a single-column predicate on a dictionary-encoded column: once per distinct value
     * (and once for null), then by index.
     */
    static byte[] viaDictionary(RowPredicate p, DictionaryColumn dc, String name) {
        Column dict = dc.dictionary().rename(name);
        byte[] perEntry = p.evaluateAll(new DataFrame(List.of(dict), dict.size()));
        int n = dc.size();
        byte[] out = new byte[n];
        int[] idx = dc.rawIndices();
        byte forNull = -1;
        boolean hasNulls = dc.nullCount() > 0;
        for (int i = 0; i < n; i++) {
            if (hasNulls && dc.isNull(i)) {
                if (forNull < 0) forNull = RowPredicate.code(p.evaluate(new DataFrame(List.of(dc.rename(name)), n), i));
                out[i] = forNull;
            } else {
                out[i] = perEntry[idx[i]];
            }
        }
        return out;
    }

    static boolean isIntegral(Object n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static byte[] compareLongs(LongColumn c, ComparisonPredicate.Op op, long v) {
        long[] a = c.rawValues();
        int n = c.size();
        byte[] out = new byte[n];
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] == v ? 1 : 0); }
            case NE -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] != v ? 1 : 0); }
            case LT -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] < v ? 1 : 0); }
            case LE -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] <= v ? 1 : 0); }
            case GT -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] > v ? 1 : 0); }
            case GE -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] >= v ? 1 : 0); }
        }
        markNulls(c, out);
        return out;
    }

    private static byte[] compareInts(IntColumn c, ComparisonPredicate.Op op, long v) {
        int[] a = c.rawValues();
        int n = c.size();
        byte[] out = new byte[n];
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] == v ? 1 : 0); }
            case NE -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] != v ? 1 : 0); }
            case LT -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] < v ? 1 : 0); }
            case LE -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] <= v ? 1 : 0); }
            case GT -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] > v ? 1 : 0); }
            case GE -> { for (int i = 0; i < n; i++) out[i] = (byte) (a[i] >= v ? 1 : 0); }
        }
        markNulls(c, out);
        return out;
    }

    /**
     * DuckDB's order: NaN equals NaN and sorts above every number; -0.0 equals 0.0. For a number
     * literal each operator is one branch-free loop (x != x is the NaN test), so the JIT can
     * vectorise it.
     */
    private static byte[] compareDoubles(double[] d, float[] f, Column c, ComparisonPredicate.Op op, double v) {
        int n = c.size();
        byte[] out = new byte[n];
        if (Double.isNaN(v)) {
            for (int i = 0; i < n; i++) {
                double x = d != null ? d[i] : f[i];
                out[i] = (byte) (holds(op, Boolean.compare(x != x, true)) ? 1 : 0);
            }
        } else if (d != null) {
            switch (op) {
                case EQ -> { for (int i = 0; i < n; i++) out[i] = (byte) (d[i] == v ? 1 : 0); }
                case NE -> { for (int i = 0; i < n; i++) out[i] = (byte) (d[i] == v ? 0 : 1); }
                case LT -> { for (int i = 0; i < n; i++) out[i] = (byte) (d[i] < v ? 1 : 0); }
                case LE -> { for (int i = 0; i < n; i++) out[i] = (byte) (d[i] <= v ? 1 : 0); }
                case GT -> { for (int i = 0; i < n; i++) { double x = d[i]; out[i] = (byte) (x > v || x != x ? 1 : 0); } }
                case GE -> { for (int i = 0; i < n; i++) { double x = d[i]; out[i] = (byte) (x >= v || x != x ? 1 : 0); } }
            }
        } else {
            switch (op) {
                case EQ -> { for (int i = 0; i < n; i++) out[i] = (byte) (f[i] == v ? 1 : 0); }
                case NE -> { for (int i = 0; i < n; i++) out[i] = (byte) (f[i] == v ? 0 : 1); }
                case LT -> { for (int i = 0; i < n; i++) out[i] = (byte) (f[i] < v ? 1 : 0); }
                case LE -> { for (int i = 0; i < n; i++) out[i] = (byte) (f[i] <= v ? 1 : 0); }
                case GT -> { for (int i = 0; i < n; i++) { float x = f[i]; out[i] = (byte) (x > v || x != x ? 1 : 0); } }
                case GE -> { for (int i = 0; i < n; i++) { float x = f[i]; out[i] = (byte) (x >= v || x != x ? 1 : 0); } }
            }
        }
        markNulls(c, out);
        return out;
    }

    /** Strings compare as unsigned UTF-8 bytes, which is code point order (DuckDB's). */
    private static byte[] compareStrings(BinaryColumn c, ComparisonPredicate.Op op, byte[] v) {
        int n = c.size();
        byte[] data = c.rawData();
        int[] off = c.rawOffsets();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int cmp = Arrays.compareUnsigned(data, off[i], off[i + 1], v, 0, v.length);
            out[i] = (byte) (holds(op, cmp) ? 1 : 0);
        }
        markNulls(c, out);
        return out;
    }

    static boolean holds(ComparisonPredicate.Op op, int cmp) {
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    static void markNulls(Column c, byte[] out) {
        if (c.nullCount() == 0) return;
        for (int i = 0; i < out.length; i++) if (c.isNull(i)) out[i] = RowPredicate.UNKNOWN;
    }
}
