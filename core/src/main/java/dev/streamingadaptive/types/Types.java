package dev.streamingadaptive.types;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DataType.Kind;
import dev.streamingadaptive.frame.TimeUnit;

/**
 * Type families and DuckDB's promotions between them: the one rule for expression typing
 * ({@code expr.Typer}, {@code expr.Aggregation#resultType}) and join keys ({@code plan.JoinNode}).
 * A {@code null} type is an untyped null literal.
 */
public final class Types {
    private Types() {}

    public static boolean isInteger(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    public static boolean isUnsigned(DataType t) {
        return switch (t.kind()) {
            case UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    public static boolean isFloat(DataType t) {
        Kind k = t.kind();
        return k == Kind.FLOAT16 || k == Kind.FLOAT32 || k == Kind.FLOAT64;
    }

    public static boolean isDecimal(DataType t) {
        return t.kind() == Kind.DECIMAL;
    }

    public static boolean isNumeric(DataType t) {
        return isInteger(t) || isFloat(t) || isDecimal(t);
    }

    /** VARCHAR-like: strings, enums and JSON text. */
    public static boolean isString(DataType t) {
        Kind k = t.kind();
        return k == Kind.STRING || k == Kind.ENUM || k == Kind.JSON;
    }

    public static boolean isTemporal(DataType t) {
        Kind k = t.kind();
        return k == Kind.DATE || k == Kind.TIMESTAMP || k == Kind.TIME;
    }

    /** Integer bits of an integer type, for widening. */
    public static int bits(DataType t) {
        return switch (t.kind()) {
            case INT8, UINT8 -> 8;
            case INT16, UINT16 -> 16;
            case INT32, UINT32 -> 32;
            default -> 64;
        };
    }

    /** The decimal an integer type fits in exactly (DuckDB: INTEGER is DECIMAL(10,0)). */
    public static DataType.Decimal asDecimal(DataType t) {
        if (t instanceof DataType.Decimal d) return d;
        return new DataType.Decimal(switch (t.kind()) {
            case INT8, UINT8 -> 3;
            case INT16, UINT16 -> 5;
            case INT32, UINT32 -> 10;
            case INT64 -> 19;
            default -> 20;
        }, 0);
    }

    /** A decimal of {@code intDigits} integer digits and {@code scale}, capped at 38 digits. */
    public static DataType.Decimal decimal(int intDigits, int scale) {
        return new DataType.Decimal(Math.min(38, intDigits + scale), scale);
    }

    /**
     * The smallest type both values fit in (coalesce, when/then, IN lists, comparisons), or null
     * when there is none. Numbers: ints widen (signed with unsigned to the next signed width, UINT64
     * with a signed type to DECIMAL(20,0)), ints with decimals become decimals, anything with a
     * float a float (FLOAT32 unless a FLOAT64 is involved, as DuckDB). Date with timestamp is a
     * timestamp; timestamps and times of different units meet in microseconds (as DuckDB); strings, enums and JSON are strings.
     */
    public static DataType common(DataType a, DataType b) {
        if (a == null) return b;
        if (b == null) return a;
        if (a.equals(b)) return a;
        if (isNumeric(a) && isNumeric(b)) return commonNumeric(a, b);
        if (isString(a) && isString(b)) return DataType.STRING;
        Kind ka = a.kind(), kb = b.kind();
        if ((ka == Kind.DATE || ka == Kind.TIMESTAMP) && (kb == Kind.DATE || kb == Kind.TIMESTAMP)) {
            if (ka == Kind.DATE) return b;
            if (kb == Kind.DATE) return a;
            DataType.Timestamp x = (DataType.Timestamp) a, y = (DataType.Timestamp) b;
            return new DataType.Timestamp(meet(x.unit(), y.unit()), x.utcAdjusted() || y.utcAdjusted());
        }
        if (ka == Kind.TIME && kb == Kind.TIME) {
            return new DataType.Time(meet(((DataType.Time) a).unit(), ((DataType.Time) b).unit()));
        }
        if (isBinaryLike(a) && isBinaryLike(b)) return DataType.BINARY;
        return null;
    }

    public static boolean isBinaryLike(DataType t) {
        Kind k = t.kind();
        return k == Kind.BINARY || k == Kind.FIXED_BINARY || k == Kind.BSON;
    }

    /**
     * The unit two timestamps (or times) meet in: their own when equal, else microseconds, as
     * DuckDB (TIMESTAMP_NS against TIMESTAMP_MS compares as TIMESTAMP, which holds both ranges).
     */
    public static TimeUnit meet(TimeUnit a, TimeUnit b) {
        return a == b ? a : TimeUnit.MICROS;
    }

    private static DataType commonNumeric(DataType a, DataType b) {
        if (isFloat(a) || isFloat(b)) {
            return a.kind() == Kind.FLOAT64 || b.kind() == Kind.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
        }
        if (isDecimal(a) || isDecimal(b)) {
            DataType.Decimal x = asDecimal(a), y = asDecimal(b);
            int scale = Math.max(x.scale(), y.scale());
            return decimal(Math.max(x.precision() - x.scale(), y.precision() - y.scale()), scale);
        }
        boolean ua = isUnsigned(a), ub = isUnsigned(b);
        int bits = Math.max(bits(a), bits(b));
        if (ua == ub) return integer(bits, !ua);
        int unsignedBits = ua ? bits(a) : bits(b);
        int signedBits = ua ? bits(b) : bits(a);
        if (unsignedBits == 64) return new DataType.Decimal(20, 0);
        return integer(Math.max(signedBits, unsignedBits * 2), true);
    }

    private static DataType integer(int bits, boolean signed) {
        return switch (bits) {
            case 8 -> signed ? DataType.INT8 : DataType.UINT8;
            case 16 -> signed ? DataType.INT16 : DataType.UINT16;
            case 32 -> signed ? DataType.INT32 : DataType.UINT32;
            default -> signed ? DataType.INT64 : DataType.UINT64;
        };
    }

    /** True when values of the type have an order (MIN/MAX, comparisons). */
    public static boolean isOrderable(DataType t) {
        return !t.isNested() && t.kind() != Kind.INTERVAL;
    }

    /** DuckDB's name of a type, as users see it in DESCRIBE. */
    public static String name(DataType t) {
        return dev.streamingadaptive.types.TypeNames.of(t);
    }
}
