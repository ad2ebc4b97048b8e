package dev.streamingadaptive.types;

import dev.streamingadaptive.frame.DataType;

import java.math.BigInteger;

/** The value ranges of the integer types, for casts that must fail rather than wrap. */
public final class IntRanges {
    private IntRanges() {}

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public static long min(DataType t) {
        return switch (t.kind()) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    /** The largest value (UINT64: Long.MAX_VALUE, callers treat its upper half separately). */
    public static long max(DataType t) {
        return switch (t.kind()) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT8 -> 0xFF;
            case UINT16 -> 0xFFFF;
            case UINT32 -> 0xFFFF_FFFFL;
            default -> Long.MAX_VALUE;
        };
    }

    public static boolean fits(BigInteger v, DataType t) {
        if (t.kind() == DataType.Kind.UINT64) return v.signum() >= 0 && v.compareTo(UINT64_MAX) <= 0;
        return v.bitLength() < 64 && v.longValue() >= min(t) && v.longValue() <= max(t);
    }

    /** Whether the signed value {@code v} fits {@code t} (UINT64: non-negative). */
    public static boolean fits(long v, DataType t) {
        return v >= min(t) && v <= max(t);
    }
}
