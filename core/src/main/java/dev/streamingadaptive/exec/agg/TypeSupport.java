package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;

/**
 * How the kernels see a logical type: which of three internal value families it is computed in,
 * and which column class holds it on output. One place, so keys and aggregates agree.
 */
final class TypeSupport {
    private TypeSupport() {}

    /** The value families: everything scalar is one of these inside the kernels. */
    enum Family {
        /** Integers, unsigned integers (zero-extended; UINT64 raw bits), booleans (0/1), dates, times, timestamps, decimals up to 18 digits (unscaled). */
        LONG,
        /** FLOAT16, FLOAT32 (widened exactly) and FLOAT64. */
        DOUBLE,
        /** Strings, binary, fixed binary, UUID, intervals, and decimals over 18 digits (16 bytes, see {@link Int128}). */
        BYTES
    }

    /** Output column classes. */
    enum Storage { BOOLEAN, INT, LONG, FLOAT, DOUBLE, BYTES }

    static Family family(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, DATE, TIME, TIMESTAMP -> Family.LONG;
            case DECIMAL -> isWideDecimal(t) ? Family.BYTES : Family.LONG;
            case FLOAT16, FLOAT32, FLOAT64 -> Family.DOUBLE;
            case STRING, BINARY, FIXED_BINARY, UUID, INTERVAL, ENUM, JSON, BSON -> Family.BYTES;
            case LIST, STRUCT, MAP -> throw new IllegalArgumentException("nested type " + t + " has no scalar family");
        };
    }

    /** Decimals that do not fit a long: kept as 128-bit values. */
    static boolean isWideDecimal(DataType t) {
        return t instanceof DataType.Decimal d && d.precision() > 18;
    }

    static boolean isUnsigned64(DataType t) {
        return t.kind() == DataType.Kind.UINT64;
    }

    static int scale(DataType t) {
        return t instanceof DataType.Decimal d ? d.scale() : 0;
    }

    /** The column class a value of this type is produced in (what the Parquet readers produce for it). */
    static Storage storage(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> Storage.BOOLEAN;
            case INT8, INT16, INT32, UINT8, UINT16, UINT32, DATE -> Storage.INT;
            case INT64, UINT64, TIMESTAMP -> Storage.LONG;
            case TIME -> ((DataType.Time) t).unit() == TimeUnit.MILLIS ? Storage.INT : Storage.LONG;
            case DECIMAL -> {
                int p = ((DataType.Decimal) t).precision();
                yield p <= 9 ? Storage.INT : p <= 18 ? Storage.LONG : Storage.BYTES;
            }
            case FLOAT16, FLOAT32 -> Storage.FLOAT;
            case FLOAT64 -> Storage.DOUBLE;
            default -> Storage.BYTES;
        };
    }
}
