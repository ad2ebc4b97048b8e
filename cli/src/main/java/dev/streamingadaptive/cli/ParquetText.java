package dev.streamingadaptive.cli;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.frame.format.Values;
import dev.streamingadaptive.parquet.meta.ConvertedType;
import dev.streamingadaptive.parquet.meta.LogicalType;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.SchemaElement;
import dev.streamingadaptive.parquet.schema.TypeMapper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/** Human-readable text for Parquet metadata: type names, annotations and statistics values. */
final class ParquetText {
    private ParquetText() {}

    private static final int MAX_VALUE_CHARS = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code int32}, {@code binary}, {@code fixed_len_byte_array(16)}… */
    static String physical(SchemaElement e) {
        if (e.type() == null) return "group";
        if (e.type() == PhysicalType.FIXED_LEN_BYTE_ARRAY) {
            return "fixed_len_byte_array(" + (e.typeLength() == null ? "?" : e.typeLength()) + ")";
        }
        if (e.type() == PhysicalType.BYTE_ARRAY) return "binary";
        return e.type().name().toLowerCase(Locale.ROOT);
    }

    /** The annotation in parquet-java's schema syntax ({@code STRING}, {@code DECIMAL(10,2)}…), or null. */
    static String annotation(SchemaElement e) {
        if (e.logicalType() != null) return logical(e.logicalType());
        ConvertedType ct = e.convertedType();
        if (ct == null) return null;
        if (ct == ConvertedType.DECIMAL) {
            return "DECIMAL(" + (e.precision() == null ? "?" : e.precision()) + "," + (e.scale() == null ? 0 : e.scale()) + ")";
        }
        return ct.name();
    }

    static String logical(LogicalType lt) {
        return switch (lt) {
            case LogicalType.StringType s -> "STRING";
            case LogicalType.MapType m -> "MAP";
            case LogicalType.ListType l -> "LIST";
            case LogicalType.EnumType en -> "ENUM";
            case LogicalType.DecimalType d -> "DECIMAL(" + d.precision() + "," + d.scale() + ")";
            case LogicalType.DateType d -> "DATE";
            case LogicalType.TimeType t -> "TIME(" + t.unit() + "," + t.utcAdjusted() + ")";
            case LogicalType.TimestampType t -> "TIMESTAMP(" + t.unit() + "," + t.utcAdjusted() + ")";
            case LogicalType.IntType i -> "INTEGER(" + i.bitWidth() + "," + i.signed() + ")";
            case LogicalType.NullType n -> "UNKNOWN";
            case LogicalType.JsonType j -> "JSON";
            case LogicalType.BsonType b -> "BSON";
            case LogicalType.UuidType u -> "UUID";
            case LogicalType.Float16Type f -> "FLOAT16";
            case LogicalType.VariantType v -> "VARIANT";
            case LogicalType.GeometryType g -> "GEOMETRY";
            case LogicalType.GeographyType g -> "GEOGRAPHY";
            case LogicalType.UnknownLogicalType u -> "UNKNOWN_LOGICAL_TYPE(field " + u.fieldId() + ")";
        };
    }

    /** Lower-case hex, {@code 0x…}, at most 32 bytes shown. */
    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder("0x");
        int n = Math.min(b.length, 32);
        for (int i = 0; i < n; i++) sb.append(HEX[(b[i] >> 4) & 15]).append(HEX[b[i] & 15]);
        if (b.length > n) sb.append("…(").append(b.length).append(" bytes)");
        return sb.toString();
    }

    /**
     * A PLAIN-encoded statistics value of a leaf decoded for display by its type: numbers, dates,
     * timestamps, decimals, quoted strings; hex for plain binary or anything that does not decode.
     */
    static String statValue(byte[] b, PhysicalType physical, SchemaElement leaf) {
        if (b == null) return null;
        try {
            DataType type = leaf != null && leaf.type() != null ? TypeMapper.map(leaf) : null;
            Column c = statColumn(b, physical, type);
            if (c == null) return hex(b);
            String s = switch (c.type().kind()) {
                case STRING, ENUM, JSON -> Values.json(c, 0);
                default -> Values.text(c, 0);
            };
            if (s.length() > MAX_VALUE_CHARS) s = s.substring(0, MAX_VALUE_CHARS - 1) + "…";
            return s;
        } catch (RuntimeException e) {
            return hex(b);
        }
    }

    private static Column statColumn(byte[] b, PhysicalType physical, DataType type) {
        if (physical == null) return null;
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return switch (physical) {
            case BOOLEAN -> b.length == 1 ? new BooleanColumn("v", new boolean[] {b[0] != 0}, 1, null) : null;
            case INT32 -> b.length == 4 ? new IntColumn("v", type != null ? type : DataType.INT32, new int[] {le.getInt()}, 1, null) : null;
            case INT64 -> b.length == 8 ? new LongColumn("v", type != null ? type : DataType.INT64, new long[] {le.getLong()}, 1, null) : null;
            case FLOAT -> b.length == 4 ? new FloatColumn("v", new float[] {le.getFloat()}, 1, null) : null;
            case DOUBLE -> b.length == 8 ? new DoubleColumn("v", new double[] {le.getDouble()}, 1, null) : null;
            case INT96 -> {
                if (b.length != 12) yield null;
                long nanosOfDay = le.getLong();
                long julianDay = Integer.toUnsignedLong(le.getInt());
                long epochNanos = Math.addExact(Math.multiplyExact(julianDay - 2_440_588L, 86_400_000_000_000L), nanosOfDay);
                yield new LongColumn("v", new DataType.Timestamp(TimeUnit.NANOS, false), new long[] {epochNanos}, 1, null);
            }
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> {
                if (type == null) yield null;
                yield switch (type.kind()) {
                    case BINARY, FIXED_BINARY, BSON -> null;
                    default -> new BinaryColumn("v", type, new int[] {0, b.length}, b, 1, null);
                };
            }
        };
    }
}
