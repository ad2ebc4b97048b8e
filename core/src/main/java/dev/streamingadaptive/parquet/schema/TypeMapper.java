package dev.streamingadaptive.parquet.schema;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.parquet.meta.ConvertedType;
import dev.streamingadaptive.parquet.meta.LogicalType;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.SchemaElement;

/**
 * Maps a leaf's physical, logical and converted types to our {@link DataType}. Annotations that do
 * not fit the physical type are ignored (the physical type wins), as readers like DuckDB do.
 */
public final class TypeMapper {
    private TypeMapper() {}

    /** The output type of a primitive schema element. */
    public static DataType map(SchemaElement e) {
        PhysicalType p = e.type();
        DataType fromLogical = e.logicalType() == null ? null : fromLogical(e.logicalType(), p, e);
        if (fromLogical != null) return fromLogical;
        DataType fromConverted = e.convertedType() == null ? null : fromConverted(e.convertedType(), p, e);
        if (fromConverted != null) return fromConverted;
        return physical(p, e);
    }

    /** The type a physical type has without annotation. */
    public static DataType physical(PhysicalType p, SchemaElement e) {
        return switch (p) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            // DuckDB (like Spark) reads INT96 as a local timestamp with microsecond resolution.
            case INT96 -> new DataType.Timestamp(TimeUnit.MICROS, false);
            case FLOAT -> DataType.FLOAT32;
            case DOUBLE -> DataType.FLOAT64;
            case BYTE_ARRAY -> DataType.BINARY;
            case FIXED_LEN_BYTE_ARRAY -> new DataType.FixedBinary(typeLength(e));
        };
    }

    private static int typeLength(SchemaElement e) {
        return e.typeLength() == null ? 0 : e.typeLength();
    }

    private static boolean isBinary(PhysicalType p) {
        return p == PhysicalType.BYTE_ARRAY || p == PhysicalType.FIXED_LEN_BYTE_ARRAY;
    }

    private static TimeUnit unit(LogicalType.TimeUnit u) {
        return switch (u) {
            case MILLIS -> TimeUnit.MILLIS;
            case MICROS -> TimeUnit.MICROS;
            case NANOS -> TimeUnit.NANOS;
        };
    }

    private static DataType fromLogical(LogicalType lt, PhysicalType p, SchemaElement e) {
        return switch (lt) {
            case LogicalType.StringType s -> isBinary(p) ? DataType.STRING : null;
            case LogicalType.EnumType s -> isBinary(p) ? DataType.ENUM : null;
            case LogicalType.JsonType s -> isBinary(p) ? DataType.JSON : null;
            case LogicalType.BsonType s -> isBinary(p) ? DataType.BSON : null;
            case LogicalType.UuidType s -> p == PhysicalType.FIXED_LEN_BYTE_ARRAY && typeLength(e) == 16 ? DataType.UUID : null;
            case LogicalType.DecimalType d -> decimal(d.precision(), d.scale(), p, e);
            case LogicalType.DateType d -> p == PhysicalType.INT32 ? DataType.DATE : null;
            case LogicalType.TimeType t -> timeType(unit(t.unit()), p);
            case LogicalType.TimestampType t -> p == PhysicalType.INT64 ? new DataType.Timestamp(unit(t.unit()), t.utcAdjusted()) : null;
            case LogicalType.IntType i -> intType(i.bitWidth(), i.signed(), p);
            case LogicalType.Float16Type f -> p == PhysicalType.FIXED_LEN_BYTE_ARRAY && typeLength(e) == 2 ? DataType.FLOAT16 : null;
            default -> null;
        };
    }

    private static DataType fromConverted(ConvertedType ct, PhysicalType p, SchemaElement e) {
        return switch (ct) {
            case UTF8 -> isBinary(p) ? DataType.STRING : null;
            case ENUM -> isBinary(p) ? DataType.ENUM : null;
            case JSON -> isBinary(p) ? DataType.JSON : null;
            case BSON -> isBinary(p) ? DataType.BSON : null;
            case DECIMAL -> decimal(e.precision() == null ? -1 : e.precision(), e.scale() == null ? 0 : e.scale(), p, e);
            case DATE -> p == PhysicalType.INT32 ? DataType.DATE : null;
            case TIME_MILLIS -> timeType(TimeUnit.MILLIS, p);
            case TIME_MICROS -> timeType(TimeUnit.MICROS, p);
            // The spec defines legacy TIMESTAMP_* as instants (isAdjustedToUTC = true); DuckDB agrees.
            case TIMESTAMP_MILLIS -> p == PhysicalType.INT64 ? new DataType.Timestamp(TimeUnit.MILLIS, true) : null;
            case TIMESTAMP_MICROS -> p == PhysicalType.INT64 ? new DataType.Timestamp(TimeUnit.MICROS, true) : null;
            case INT_8 -> intType(8, true, p);
            case INT_16 -> intType(16, true, p);
            case INT_32 -> intType(32, true, p);
            case INT_64 -> intType(64, true, p);
            case UINT_8 -> intType(8, false, p);
            case UINT_16 -> intType(16, false, p);
            case UINT_32 -> intType(32, false, p);
            case UINT_64 -> intType(64, false, p);
            case INTERVAL -> p == PhysicalType.FIXED_LEN_BYTE_ARRAY && typeLength(e) == 12 ? DataType.INTERVAL : null;
            default -> null;
        };
    }

    private static DataType timeType(TimeUnit unit, PhysicalType p) {
        if (unit == TimeUnit.MILLIS) return p == PhysicalType.INT32 ? new DataType.Time(unit) : null;
        return p == PhysicalType.INT64 ? new DataType.Time(unit) : null;
    }

    private static DataType decimal(int precision, int scale, PhysicalType p, SchemaElement e) {
        if (precision <= 0 || scale < 0 || scale > precision) return null;
        return switch (p) {
            case INT32, INT64, BYTE_ARRAY -> new DataType.Decimal(precision, scale);
            case FIXED_LEN_BYTE_ARRAY -> typeLength(e) > 0 ? new DataType.Decimal(precision, scale) : null;
            default -> null;
        };
    }

    private static DataType intType(int bits, boolean signed, PhysicalType p) {
        if (bits == 64) {
            if (p != PhysicalType.INT64) return null;
            return signed ? DataType.INT64 : DataType.UINT64;
        }
        if (p != PhysicalType.INT32) return null;
        return switch (bits) {
            case 8 -> signed ? DataType.INT8 : DataType.UINT8;
            case 16 -> signed ? DataType.INT16 : DataType.UINT16;
            case 32 -> signed ? DataType.INT32 : DataType.UINT32;
            default -> null;
        };
    }
}
