package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.ColumnOrder;
import dev.streamingadaptive.parquet.meta.LogicalType;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.SchemaElement;
import dev.streamingadaptive.parquet.meta.Statistics;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.parquet.schema.TypeMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * The min/max statistics of one flat column chunk, decoded into the values {@link
 * dev.streamingadaptive.frame.Column#get} returns for the column (so they compare with bound
 * literals exactly as rows do), for every type with a defined order:
 *
 * <ul>
 *   <li>signed: INT8–INT64, DATE, TIME, TIMESTAMP (any unit, local or UTC), DECIMAL on INT32, INT64,
 *       FIXED_LEN_BYTE_ARRAY and BYTE_ARRAY (big-endian two's complement), FLOAT16, FLOAT, DOUBLE,
 *       BOOLEAN (false &lt; true);</li>
 *   <li>unsigned: UINT8–UINT64 (values above 2^63 included); strings, ENUM, JSON, BSON, binary and
 *       UUID as unsigned bytes (kept as bytes: truncated bounds need not be valid UTF-8).</li>
 * </ul>
 *
 * <p>Only {@code min_value}/{@code max_value} are trusted in general; the deprecated {@code min}/
 * {@code max} were written in signed order of the physical type, so they are used only for
 * INT32/INT64/FLOAT/DOUBLE columns whose order is signed. A column order the file declares but we do
 * not know, INT96, INTERVAL and unknown logical types give no bounds. Either bound may be missing
 * (a NaN bound is ignored, as the specification asks); a min above the max means the writer got
 * the order wrong (a known bug of several writers for decimals in bytes), so neither is used.
 * Truncated (inexact) bounds are still bounds, so they are used too.
 */
final class MinMax {
    private final Object min;
    private final Object max;
    private final boolean allNull;
    private final boolean exact;
    private final boolean floating;

    private MinMax(Object min, Object max, boolean allNull, boolean exact, boolean floating) {
        this.min = min;
        this.max = max;
        this.allNull = allNull;
        this.exact = exact;
        this.floating = floating;
    }

    /**
     * FLOAT16/FLOAT/DOUBLE: writers leave NaN out of the bounds, but NaN sorts above every number
     * (DuckDB's order), so the max bound says nothing about NaN rows.
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
        SchemaElement e = leaf.element();
        DataType type = TypeMapper.map(e);
        PhysicalType physical = e.type();
        Order order = order(type, physical, e.logicalType());
        ColumnOrder declared = rg.columnOrder(leaf.leafIndex());
        boolean floating = type.kind() == DataType.Kind.FLOAT16 || type.kind() == DataType.Kind.FLOAT32
                || type.kind() == DataType.Kind.FLOAT64;
        if (declared != null && !declared.typeDefined() && !(declared.ieee754() && floating)) order = Order.NONE;
        if (order == Order.NONE || physical != md.type()) return new MinMax(null, null, allNull, false, floating);

        byte[] lo = s.minValue();
        byte[] hi = s.maxValue();
        boolean exact = !Boolean.FALSE.equals(s.isMinValueExact()) && !Boolean.FALSE.equals(s.isMaxValueExact());
        if (lo == null && hi == null && order == Order.SIGNED && isPrimitiveNumber(physical)) {
            // Deprecated fields: signed order of the physical type, which is the type's order here.
            lo = s.min();
            hi = s.max();
        }
        Object min = lo == null ? null : decode(type, physical, lo);
        Object max = hi == null ? null : decode(type, physical, hi);
        if (min != null && max != null && compareBounds(min, max) > 0) {
            min = null;
            max = null;
        }
        return new MinMax(min, max, allNull, exact, floating);
    }

    private enum Order { SIGNED, UNSIGNED, NONE }

    private static boolean isPrimitiveNumber(PhysicalType p) {
        return p == PhysicalType.INT32 || p == PhysicalType.INT64 || p == PhysicalType.FLOAT || p == PhysicalType.DOUBLE;
    }

    /** The sort order the specification defines for this column type. */
    private static Order order(DataType type, PhysicalType physical, LogicalType logical) {
        if (logical instanceof LogicalType.UnknownLogicalType || logical instanceof LogicalType.VariantType
                || logical instanceof LogicalType.GeometryType || logical instanceof LogicalType.GeographyType) {
            return Order.NONE;
        }
        if (physical == PhysicalType.INT96) return Order.NONE;
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, DATE, TIME, TIMESTAMP, DECIMAL, FLOAT16, FLOAT32, FLOAT64, BOOLEAN -> Order.SIGNED;
            case UINT8, UINT16, UINT32, UINT64, STRING, ENUM, JSON, BSON, BINARY, FIXED_BINARY, UUID -> Order.UNSIGNED;
            default -> Order.NONE;
        };
    }

    /** A PLAIN-encoded bound as the column's value type, or null when malformed or NaN. */
    private static Object decode(DataType type, PhysicalType physical, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return switch (physical) {
                case BOOLEAN -> b.length >= 1 ? (Object) ((b[0] & 1) != 0) : null;
                case INT32 -> b.length == 4 ? int32(type, buf.getInt()) : null;
                case INT64 -> b.length == 8 ? int64(type, buf.getLong()) : null;
                case FLOAT -> {
                    if (b.length != 4) yield null;
                    float f = buf.getFloat();
                    yield Float.isNaN(f) ? null : (Object) f;
                }
                case DOUBLE -> {
                    if (b.length != 8) yield null;
                    double d = buf.getDouble();
                    yield Double.isNaN(d) ? null : (Object) d;
                }
                case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> bytes(type, b);
                case INT96 -> null;
            };
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null; // a bound outside what the Java type holds: no bound rather than a wrong one
        }
    }

    private static Object int32(DataType type, int v) {
        return switch (type.kind()) {
            case UINT8, UINT16, UINT32 -> Integer.toUnsignedLong(v);
            case DATE -> LocalDate.ofEpochDay(v);
            case TIME -> LocalTime.ofNanoOfDay(v * 1_000_000L);
            case DECIMAL -> BigDecimal.valueOf(v, ((DataType.Decimal) type).scale());
            default -> (long) v;
        };
    }

    private static Object int64(DataType type, long v) {
        return switch (type.kind()) {
            case UINT64 -> v >= 0 ? BigInteger.valueOf(v) : BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64));
            case UINT32 -> v & 0xFFFF_FFFFL;
            case DATE -> LocalDate.ofEpochDay(v);
            case TIME -> LocalTime.ofNanoOfDay(Math.multiplyExact(v, 1_000_000_000L / ((DataType.Time) type).unit().perSecond));
            case TIMESTAMP -> timestamp((DataType.Timestamp) type, v);
            case DECIMAL -> BigDecimal.valueOf(v, ((DataType.Decimal) type).scale());
            default -> v;
        };
    }

    private static Object timestamp(DataType.Timestamp t, long v) {
        TimeUnit unit = t.unit();
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(v, unit.perSecond),
                Math.floorMod(v, unit.perSecond) * (1_000_000_000L / unit.perSecond));
        return t.utcAdjusted() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Object bytes(DataType type, byte[] b) {
        return switch (type.kind()) {
            case DECIMAL -> b.length == 0 ? null : new BigDecimal(new BigInteger(b), ((DataType.Decimal) type).scale());
            case FLOAT16 -> {
                if (b.length != 2) yield null;
                float f = Float.float16ToFloat((short) ((b[0] & 0xFF) | (b[1] << 8)));
                yield Float.isNaN(f) ? null : (Object) f;
            }
            case UUID -> b.length == 16 ? b : null;
            default -> b;
        };
    }

    boolean allNull() { return allNull; }

    /** True when at least one bound is known. */
    boolean hasBounds() { return min != null || max != null; }

    /** The lower bound (column value type; byte[] for byte-ordered columns), or null when unknown. */
    Object min() { return min; }

    /** The upper bound, or null when unknown. */
    Object max() { return max; }

    boolean exact() { return exact; }

    /** Sign of min − literal, or null when the min is unknown or incomparable with the literal. */
    Integer compareMin(Object literal) { return min == null ? null : compare(min, literal); }

    /** Sign of max − literal, or null when the max is unknown or incomparable with the literal. */
    Integer compareMax(Object literal) { return max == null ? null : compare(max, literal); }

    /** Sign of a − b for two bounds of the same column. */
    static int compareValues(Object a, Object b) {
        Integer c = compare(a, b);
        if (c == null) throw new IllegalArgumentException("incomparable bounds " + a + " and " + b);
        return c;
    }

    private static int compareBounds(Object min, Object max) {
        Integer c = compare(min, max);
        return c == null ? 0 : c;
    }

    private static Integer compare(Object bound, Object literal) {
        if (bound instanceof byte[] b) {
            byte[] l = switch (literal) {
                case String s -> s.getBytes(StandardCharsets.UTF_8);
                case byte[] x -> x;
                case UUID u -> ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
                default -> null;
            };
            return l == null ? null : Integer.signum(Arrays.compareUnsigned(b, l));
        }
        try {
            return Values.compare(bound, literal);
        } catch (IllegalArgumentException e) {
            return null; // an unbound literal of another kind: no pruning (evaluation reports the mismatch)
        }
    }
}
