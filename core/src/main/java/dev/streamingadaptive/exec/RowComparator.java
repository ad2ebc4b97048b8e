package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.Int128;
import dev.streamingadaptive.exec.eval.CompiledExpression;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;

import java.util.Arrays;
import java.util.List;

/**
 * The order of rows by sort keys, as DuckDB orders them: strings by UTF-8 bytes, NaN above every
 * number, unsigned integers unsigned; nulls first or last as the key says, whatever its direction.
 * Compares a row of one frame with a row of the same frame (SortKernel) or of another frame of the
 * same schema (RunMerger, across the heads of sorted runs), so that both order alike.
 */
final class RowComparator {
    private final List<SortKey> keys;
    /** Per key: the compiled expression, or null for a plain column. */
    private final CompiledExpression[] compiled;
    private final boolean[] descending;
    private final boolean[] nullsAfter;

    /** Keys typed against {@code schema}, the schema of every frame compared. */
    RowComparator(List<SortKey> keys, Schema schema) {
        this.keys = List.copyOf(keys);
        int n = keys.size();
        compiled = new CompiledExpression[n];
        descending = new boolean[n];
        nullsAfter = new boolean[n];
        for (int k = 0; k < n; k++) {
            SortKey key = keys.get(k);
            compiled[k] = key.expr() instanceof ColumnRef ? null : ExpressionCompiler.compile(key.expr(), schema);
            descending[k] = key.descending();
            nullsAfter[k] = key.nullsAfter();
        }
    }

    /** The key values of one frame, ready to compare (evaluates key expressions once). */
    Keys keysOf(DataFrame df) {
        Column[] columns = new Column[keys.size()];
        KeyValues[] values = new KeyValues[keys.size()];
        boolean[] nullable = new boolean[keys.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = compiled[k] == null ? df.column(((ColumnRef) keys.get(k).expr()).name()) : compiled[k].evaluate(df);
            values[k] = KeyValues.of(columns[k]);
            nullable[k] = columns[k].nullCount() > 0;
        }
        return new Keys(columns, values, nullable);
    }

    /** Row {@code a} of {@code x} against row {@code b} of {@code y}: negative when a comes first. */
    int compare(Keys x, int a, Keys y, int b) {
        for (int k = 0; k < descending.length; k++) {
            boolean na = x.nullable[k] && x.columns[k].isNull(a), nb = y.nullable[k] && y.columns[k].isNull(b);
            if (na || nb) {
                if (na && nb) continue;
                return na != nullsAfter[k] ? -1 : 1;
            }
            int r = x.values[k].compare(a, y.values[k], b);
            if (r != 0) return descending[k] ? -r : r;
        }
        return 0;
    }

    /** One frame's key columns (for null flags), their values, and whether each has nulls at all (most keys have none: no flag to read). */
    record Keys(Column[] columns, KeyValues[] values, boolean[] nullable) {}

    /**
     * The non-null values of one key column, compared ascending with those of the same column of
     * another frame (or the same): one subclass per physical representation, so the hot loop reads
     * primitive arrays.
     */
    abstract static sealed class KeyValues {
        /** Value {@code a} against value {@code b} of {@code other} (both non-null), ascending. */
        abstract int compare(int a, KeyValues other, int b);

        static KeyValues of(Column c) {
            DataType.Kind kind = c.type().kind();
            boolean unsigned = kind == DataType.Kind.UINT8 || kind == DataType.Kind.UINT16 || kind == DataType.Kind.UINT32
                    || kind == DataType.Kind.UINT64;
            return switch (c) {
                case LongColumn lc -> unsigned ? new UnsignedLongs(lc.rawValues()) : new Longs(lc.rawValues());
                case IntColumn ic -> unsigned ? new UnsignedInts(ic.rawValues()) : new Ints(ic.rawValues());
                case DoubleColumn dc -> new Doubles(dc.rawValues());
                case FloatColumn fc -> new Floats(fc.rawValues());
                case BooleanColumn bc -> new Booleans(bc.rawValues());
                case BinaryColumn bc when c.type() instanceof DataType.Decimal -> WideDecimals.of(bc);
                case BinaryColumn bc -> new Bytes(bc.rawOffsets(), bc.rawData());
                case DictionaryColumn dc -> new Dictionary(dc);
                case NullColumn nc -> AllNull.INSTANCE;
                default -> throw new IllegalArgumentException("cannot sort by " + c.name() + " of type " + c.type());
            };
        }

        /** Two frames' values of one key column differ in representation where they must not. */
        final IllegalStateException mismatch(KeyValues other) {
            return new IllegalStateException("sort key values of different representations: " + getClass().getSimpleName()
                    + " and " + other.getClass().getSimpleName());
        }
    }

    /** A column of nulls only (a batch read back may be one): its values are never compared. */
    private static final class AllNull extends KeyValues {
        static final AllNull INSTANCE = new AllNull();
        @Override int compare(int a, KeyValues o, int b) {
            throw new IllegalStateException("a null key compared as a value");
        }
    }

    private static final class Longs extends KeyValues {
        final long[] v;
        Longs(long[] v) { this.v = v; }
        @Override int compare(int a, KeyValues o, int b) {
            if (!(o instanceof Longs w)) throw mismatch(o);
            return Long.compare(v[a], w.v[b]);
        }
    }

    private static final class UnsignedLongs extends KeyValues {
        final long[] v;
        UnsignedLongs(long[] v) { this.v = v; }
        @Override int compare(int a, KeyValues o, int b) {
            if (!(o instanceof UnsignedLongs w)) throw mismatch(o);
            return Long.compareUnsigned(v[a], w.v[b]);
        }
    }

    private static final class Ints extends KeyValues {
        final int[] v;
        Ints(int[] v) { this.v = v; }
        @Override int compare(int a, KeyValues o, int b) {
            if (!(o instanceof Ints w)) throw mismatch(o);
            return Integer.compare(v[a], w.v[b]);
        }
    }

    private static final class UnsignedInts extends KeyValues {
        final int[] v;
        UnsignedInts(int[] v) { this.v = v; }
        @Override int compare(int a, KeyValues o, int b) {
            if (!(o instanceof UnsignedInts w)) throw mismatch(o);
            return Integer.compareUnsigned(v[a], w.v[b]);
        }
    }

    /** Double.compare puts NaN above +Infinity, as DuckDB orders it; -0.0 before 0.0. */
    private static final class Doubles extends KeyValues {
        final double[] v;
        Doubles(double[] v) { this.v = v; }
        @Override int compare(int a, KeyValues o, int b) {
            if (!(o instanceof Doubles w)) throw mismatch(o);
            return Double.compare(v[a], w.v[b]);
        }
    }

    private static final class Floats extends KeyValues {
        final float[] v;
        Floats(float[] v) { this.v = v; }
        @Override int compare(int a, KeyValues o, int b) {
            if (!(o instanceof Floats w)) throw mismatch(o);
            return Float.compare(v[a], w.v[b]);
        }
    }

    private static final class Booleans extends KeyValues {
        final boolean[] v;
        Booleans(boolean[] v) { this.v = v; }
        @Override int compare(int a, KeyValues o, int b) {
            if (!(o instanceof Booleans w)) throw mismatch(o);
            return Boolean.compare(v[a], w.v[b]);
        }
    }

    /** Strings and binary values by their unsigned bytes (UTF-8 byte order is code point order). */
    private static final class Bytes extends KeyValues {
        final int[] off;
        final byte[] d;
        Bytes(int[] off, byte[] d) { this.off = off; this.d = d; }
        @Override int compare(int a, KeyValues o, int b) {
            if (o instanceof Bytes w) return Arrays.compareUnsigned(d, off[a], off[a + 1], w.d, w.off[b], w.off[b + 1]);
            if (o instanceof Dictionary w) return -w.compare(b, this, a);
            throw mismatch(o);
        }
    }

    /**
     * Decimals of more than 18 digits as signed 128-bit values ({@code hi} signed, {@code lo} unsigned). Their bytes
     * are big-endian two's complement of any length up to 16 (a file's fixed width, a computed value's shortest form),
     * so neither a byte order nor the length orders them.
     */
    private static final class WideDecimals extends KeyValues {
        final long[] hi;
        final long[] lo;
        WideDecimals(long[] hi, long[] lo) { this.hi = hi; this.lo = lo; }

        static WideDecimals of(BinaryColumn c) {
            int n = c.size();
            long[] hi = new long[n], lo = new long[n];
            long[] unscaled = c.unscaledLongs();
            if (unscaled != null) {
                for (int i = 0; i < n; i++) {
                    lo[i] = unscaled[i];
                    hi[i] = unscaled[i] >> 63;
                }
                return new WideDecimals(hi, lo);
            }
            int[] off = c.rawOffsets();
            byte[] d = c.rawData();
            for (int i = 0; i < n; i++) {
                int from = off[i], len = off[i + 1] - from;   // a null has no bytes: 0
                hi[i] = Int128.hiOf(d, from, len);
                lo[i] = Int128.loOf(d, from, len);
            }
            return new WideDecimals(hi, lo);
        }

        @Override int compare(int a, KeyValues o, int b) {
            if (o instanceof WideDecimals w) {
                int r = Long.compare(hi[a], w.hi[b]);
                return r != 0 ? r : Long.compareUnsigned(lo[a], w.lo[b]);
            }
            if (o instanceof Dictionary w) return -w.compare(b, this, a);
            throw mismatch(o);
        }
    }

    /**
     * Dictionary-encoded values: within one dictionary by the rank of their entry (ranked up front:
     * a dictionary is small, its rows many), against other values by the entries themselves.
     */
    private static final class Dictionary extends KeyValues {
        final Column dictionary;
        final int[] idx;
        final KeyValues entries;
        final int[] rank;

        Dictionary(DictionaryColumn c) {
            dictionary = c.dictionary();
            idx = c.rawIndices();
            entries = KeyValues.of(dictionary);
            rank = ranks(dictionary, entries);
        }

        @Override int compare(int a, KeyValues o, int b) {
            if (o == this) return Integer.compare(rank[idx[a]], rank[idx[b]]);
            if (o instanceof Dictionary w) {
                if (w.dictionary == dictionary) return Integer.compare(rank[idx[a]], rank[w.idx[b]]);
                return entries.compare(idx[a], w.entries, w.idx[b]);
            }
            return entries.compare(idx[a], o, b);
        }

        /** The position of each dictionary entry in sorted order (equal entries equal ranks; null entries last). */
        private static int[] ranks(Column dictionary, KeyValues o) {
            int n = dictionary.size();
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) rows[i] = i;
            SortKernel.mergeSort(rows, new int[n], 0, n, (a, b) -> {
                boolean na = dictionary.isNull(a), nb = dictionary.isNull(b);
                if (na || nb) return Boolean.compare(na, nb);
                return o.compare(a, o, b);
            });
            int[] rank = new int[n];
            for (int i = 0; i < n; i++) {
                rank[rows[i]] = i > 0 && !dictionary.isNull(rows[i]) && !dictionary.isNull(rows[i - 1])
                        && o.compare(rows[i], o, rows[i - 1]) == 0 ? rank[rows[i - 1]] : i;
            }
            return rank;
        }
    }
}
