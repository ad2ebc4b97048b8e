package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.Statistics;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.parquet.schema.TypeMapper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The min/max statistics of one flat column chunk, decoded for the types whose order we trust:
 * signed integers (INT8–INT64), FLOAT/DOUBLE (NaN bounds ignored) and strings (unsigned byte
 * order). Other types (unsigned, decimals, temporal, binary) are not used for pruning yet.
 * Truncated (inexact) bounds are still bounds, so they are used too.
 */
final class MinMax {
    private final Object min;
    private final Object max;
    private final boolean allNull;
    private final boolean exact;
    private boolean floating;

    private MinMax(Object min, Object max, boolean allNull, boolean exact) {
        this.min = min;
        this.max = max;
        this.allNull = allNull;
        this.exact = exact;
    }

    /**
     * FLOAT/DOUBLE: writers leave NaN out of max, but NaN sorts above every number (DuckDB's order),
     * so the max bound says nothing about NaN rows.
     */
    boolean floating() { return floating; }

    /** The statistics of {@code column} in this row group, or null when there are none we can use. */
    static MinMax of(RowGroupMetadata rg, String column) {
        SchemaNode leaf = null;
        for (SchemaNode l : rg.schema().leaves()) {
            if (l.path().size() == 1 && l.name().equals(column)) leaf = l;
        }
        if (leaf == null || leaf.repLevel() > 0) return null;
        ColumnChunk chunk = rg.rowGroup().columns().get(leaf.leafIndex());
        ColumnMetaData md = chunk.metaData();
        if (md == null || md.statistics() == null) return null;
        Statistics s = md.statistics();
        boolean allNull = s.nullCount() != null && s.nullCount() >= rg.numRows() && rg.numRows() > 0;
        DataType type = TypeMapper.map(leaf.element());
        boolean signedNumeric = switch (type.kind()) {
            case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64 -> true;
            default -> false;
        };
        boolean string = type.kind() == DataType.Kind.STRING;
        if (!signedNumeric && !string) return new MinMax(null, null, allNull, false);
        byte[] lo = s.minValue() != null ? s.minValue() : signedNumeric ? s.min() : null;
        byte[] hi = s.maxValue() != null ? s.maxValue() : signedNumeric ? s.max() : null;
        if (lo == null || hi == null) return new MinMax(null, null, allNull, false);
        boolean exact = !Boolean.FALSE.equals(s.isMinValueExact()) && !Boolean.FALSE.equals(s.isMaxValueExact());
        Object min = decode(md, lo, string);
        Object max = decode(md, hi, string);
        if (min == null || max == null) return new MinMax(null, null, allNull, false);
        MinMax mm = new MinMax(min, max, allNull, exact);
        mm.floating = type.kind() == DataType.Kind.FLOAT32 || type.kind() == DataType.Kind.FLOAT64;
        return mm;
    }

    private static Object decode(ColumnMetaData md, byte[] b, boolean string) {
        if (string) return b;
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return switch (md.type()) {
            case INT32 -> b.length == 4 ? (Object) (long) buf.getInt() : null;
            case INT64 -> b.length == 8 ? (Object) buf.getLong() : null;
            case FLOAT -> {
                if (b.length != 4) yield null;
                float f = buf.getFloat();
                yield Float.isNaN(f) ? null : (Object) (double) f;
            }
            case DOUBLE -> {
                if (b.length != 8) yield null;
                double d = buf.getDouble();
                yield Double.isNaN(d) ? null : (Object) d;
            }
            default -> null;
        };
    }

    boolean allNull() { return allNull; }

    boolean hasBounds() { return min != null; }

    boolean exact() { return exact; }

    Integer compareMin(Object literal) { return compare(min, literal); }

    Integer compareMax(Object literal) { return compare(max, literal); }

    private static Integer compare(Object bound, Object literal) {
        if (bound instanceof byte[] b) {
            if (!(literal instanceof String s)) return null;
            return Integer.signum(Arrays.compareUnsigned(b, s.getBytes(StandardCharsets.UTF_8)));
        }
        if (!(literal instanceof Number)) return null;
        return Values.compare(bound, literal);
    }
}
