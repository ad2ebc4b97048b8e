package dev.streamingadaptive.types;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;

/** DuckDB's names of our types (as DESCRIBE shows them), used in every error message. */
public final class TypeNames {
    private TypeNames() {}

    /** The DuckDB name of {@code t}; {@code NULL} for an untyped null (null). */
    public static String of(DataType t) {
        if (t == null) return "NULL";
        return switch (t) {
            case DataType.Decimal d -> "DECIMAL(" + d.precision() + "," + d.scale() + ")";
            case DataType.Time x -> x.unit() == TimeUnit.NANOS ? "TIME_NS" : "TIME";
            case DataType.Timestamp x -> x.utcAdjusted() ? "TIMESTAMP WITH TIME ZONE"
                    : x.unit() == TimeUnit.NANOS ? "TIMESTAMP_NS" : x.unit() == TimeUnit.MILLIS ? "TIMESTAMP_MS" : "TIMESTAMP";
            case DataType.FixedBinary x -> "BLOB";
            case DataType.ListType l -> of(l.element().type()) + "[]";
            case DataType.StructType s -> "STRUCT";
            case DataType.MapType m -> "MAP(" + of(m.key().type()) + ", " + of(m.value().type()) + ")";
            default -> switch (t.kind()) {
                case INT8 -> "TINYINT";
                case INT16 -> "SMALLINT";
                case INT32 -> "INTEGER";
                case INT64 -> "BIGINT";
                case UINT8 -> "UTINYINT";
                case UINT16 -> "USMALLINT";
                case UINT32 -> "UINTEGER";
                case UINT64 -> "UBIGINT";
                case FLOAT16 -> "FLOAT16";
                case FLOAT32 -> "FLOAT";
                case FLOAT64 -> "DOUBLE";
                case STRING -> "VARCHAR";
                case BINARY -> "BLOB";
                default -> t.kind().name();
            };
        };
    }
}
