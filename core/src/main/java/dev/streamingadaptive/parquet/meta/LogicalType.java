package dev.streamingadaptive.parquet.meta;

/**
 * The logical type annotation of a schema element (Thrift union {@code LogicalType}).
 *
 * <p>Union members this reader does not know (for example ids added by newer writers, or VECTOR)
 * are returned as {@link UnknownLogicalType} instead of failing; readers should then fall back to
 * the physical type. A TIME/TIMESTAMP whose unit is unknown is also reported as
 * {@link UnknownLogicalType} (with the TIME/TIMESTAMP field id).
 */
public sealed interface LogicalType {

    /** Resolution of {@link TimeType} and {@link TimestampType}. */
    enum TimeUnit { MILLIS, MICROS, NANOS }

    /** UTF-8 text (field 1). */
    record StringType() implements LogicalType {}

    /** Map (field 2). */
    record MapType() implements LogicalType {}

    /** List (field 3). */
    record ListType() implements LogicalType {}

    /** Enum stored as UTF-8 text (field 4). */
    record EnumType() implements LogicalType {}

    /** Decimal (field 5). */
    record DecimalType(int scale, int precision) implements LogicalType {}

    /** Days since the epoch (field 6). */
    record DateType() implements LogicalType {}

    /** Time of day (field 7). */
    record TimeType(boolean utcAdjusted, TimeUnit unit) implements LogicalType {}

    /** Instant or local date-time (field 8). */
    record TimestampType(boolean utcAdjusted, TimeUnit unit) implements LogicalType {}

    /** Integer with a bit width of 8, 16, 32 or 64 (field 10; the width is not validated here). */
    record IntType(int bitWidth, boolean signed) implements LogicalType {}

    /** Always-null column (field 11, "UNKNOWN" in the Thrift IDL). */
    record NullType() implements LogicalType {}

    /** JSON text (field 12). */
    record JsonType() implements LogicalType {}

    /** BSON document (field 13). */
    record BsonType() implements LogicalType {}

    /** UUID in FIXED_LEN_BYTE_ARRAY(16) (field 14). */
    record UuidType() implements LogicalType {}

    /** IEEE half float in FIXED_LEN_BYTE_ARRAY(2) (field 15). */
    record Float16Type() implements LogicalType {}

    /** Variant group (field 16; the specification version is not kept). */
    record VariantType() implements LogicalType {}

    /** Geometry as WKB (field 17; the CRS is not kept). */
    record GeometryType() implements LogicalType {}

    /** Geography as WKB (field 18; CRS and edge algorithm are not kept). */
    record GeographyType() implements LogicalType {}

    /** A union member this reader does not know; {@code fieldId} is its Thrift field id. */
    record UnknownLogicalType(int fieldId) implements LogicalType {}
}
