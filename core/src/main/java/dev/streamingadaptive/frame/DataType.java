package dev.streamingadaptive.frame;

import java.util.List;

/**
 * The logical type of a column, independent of how Parquet stored it.
 *
 * <p>Scalars are {@link Simple} (a {@link Kind} alone) or carry parameters ({@link Decimal},
 * {@link Time}, {@link Timestamp}, {@link FixedBinary}); nested types are {@link ListType},
 * {@link StructType} and {@link MapType}.
 */
public sealed interface DataType {

    /** What family a type belongs to. */
    enum Kind {
        BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64,
        FLOAT16, FLOAT32, FLOAT64, STRING, BINARY, FIXED_BINARY, DECIMAL, DATE, TIME, TIMESTAMP,
        INTERVAL, UUID, ENUM, JSON, BSON, LIST, STRUCT, MAP
    }

    /** The family of this type. */
    Kind kind();

    /** True for LIST, STRUCT and MAP. */
    default boolean isNested() {
        Kind k = kind();
        return k == Kind.LIST || k == Kind.STRUCT || k == Kind.MAP;
    }

    DataType BOOLEAN = new Simple(Kind.BOOLEAN);
    DataType INT8 = new Simple(Kind.INT8);
    DataType INT16 = new Simple(Kind.INT16);
    DataType INT32 = new Simple(Kind.INT32);
    DataType INT64 = new Simple(Kind.INT64);
    DataType UINT8 = new Simple(Kind.UINT8);
    DataType UINT16 = new Simple(Kind.UINT16);
    DataType UINT32 = new Simple(Kind.UINT32);
    DataType UINT64 = new Simple(Kind.UINT64);
    DataType FLOAT16 = new Simple(Kind.FLOAT16);
    DataType FLOAT32 = new Simple(Kind.FLOAT32);
    DataType FLOAT64 = new Simple(Kind.FLOAT64);
    DataType STRING = new Simple(Kind.STRING);
    DataType BINARY = new Simple(Kind.BINARY);
    DataType DATE = new Simple(Kind.DATE);
    DataType INTERVAL = new Simple(Kind.INTERVAL);
    DataType UUID = new Simple(Kind.UUID);
    DataType ENUM = new Simple(Kind.ENUM);
    DataType JSON = new Simple(Kind.JSON);
    DataType BSON = new Simple(Kind.BSON);

    /** A type without parameters. */
    record Simple(Kind kind) implements DataType {
        public Simple {
            switch (kind) {
                case FIXED_BINARY, DECIMAL, TIME, TIMESTAMP, LIST, STRUCT, MAP ->
                        throw new IllegalArgumentException(kind + " needs parameters");
                default -> { }
            }
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Fixed-length bytes. */
    record FixedBinary(int length) implements DataType {
        @Override public Kind kind() { return Kind.FIXED_BINARY; }
        @Override public String toString() { return "fixed_binary(" + length + ")"; }
    }

    /** Exact decimal: unscaled integer × 10^-scale. */
    record Decimal(int precision, int scale) implements DataType {
        @Override public Kind kind() { return Kind.DECIMAL; }
        @Override public String toString() { return "decimal(" + precision + "," + scale + ")"; }
    }

    /** Time of day, stored as units since midnight. */
    record Time(TimeUnit unit) implements DataType {
        @Override public Kind kind() { return Kind.TIME; }
        @Override public String toString() { return "time[" + unit.name().toLowerCase(java.util.Locale.ROOT) + "]"; }
    }

    /** Instant or local date-time, stored as units since 1970-01-01T00:00. */
    record Timestamp(TimeUnit unit, boolean utcAdjusted) implements DataType {
        @Override public Kind kind() { return Kind.TIMESTAMP; }
        @Override public String toString() {
            return "timestamp[" + unit.name().toLowerCase(java.util.Locale.ROOT) + (utcAdjusted ? ", UTC]" : "]");
        }
    }

    /** Variable-length list of one element type. */
    record ListType(Field element) implements DataType {
        @Override public Kind kind() { return Kind.LIST; }
        @Override public String toString() { return "list[" + element.type() + "]"; }
    }

    /** Named fields. */
    record StructType(List<Field> fields) implements DataType {
        public StructType { fields = List.copyOf(fields); }
        @Override public Kind kind() { return Kind.STRUCT; }
        @Override public String toString() { return "struct" + fields; }
    }

    /** Key/value entries in file order. */
    record MapType(Field key, Field value) implements DataType {
        @Override public Kind kind() { return Kind.MAP; }
        @Override public String toString() { return "map[" + key.type() + ", " + value.type() + "]"; }
    }
}
