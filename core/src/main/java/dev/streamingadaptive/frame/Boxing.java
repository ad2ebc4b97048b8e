package dev.streamingadaptive.frame;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Turns stored primitives into the boxed Java values {@link Column#get(int)} promises. */
final class Boxing {
    private Boxing() {}

    static Object boxInt(DataType type, int v) {
        return switch (type.kind()) {
            case INT8 -> (byte) v;
            case INT16, UINT8 -> (short) (type.kind() == DataType.Kind.UINT8 ? v & 0xFF : v);
            case UINT16 -> v & 0xFFFF;
            case UINT32 -> Integer.toUnsignedLong(v);
            case DATE -> LocalDate.ofEpochDay(v);
            case TIME -> LocalTime.ofNanoOfDay(v * 1_000_000L);
            case DECIMAL -> BigDecimal.valueOf(v, ((DataType.Decimal) type).scale());
            default -> v;
        };
    }

    static Object boxLong(DataType type, long v) {
        return switch (type.kind()) {
            case UINT64 -> v >= 0 ? BigInteger.valueOf(v) : BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64));
            case UINT32 -> v & 0xFFFF_FFFFL;
            case DECIMAL -> BigDecimal.valueOf(v, ((DataType.Decimal) type).scale());
            case TIME -> LocalTime.ofNanoOfDay(toNanos(((DataType.Time) type).unit(), v));
            case TIMESTAMP -> timestamp((DataType.Timestamp) type, v);
            case DATE -> LocalDate.ofEpochDay(v);
            default -> v;
        };
    }

    private static long toNanos(TimeUnit unit, long v) {
        return switch (unit) {
            case MILLIS -> v * 1_000_000L;
            case MICROS -> v * 1_000L;
            case NANOS -> v;
        };
    }

    private static Object timestamp(DataType.Timestamp t, long v) {
        long perSecond = t.unit().perSecond;
        long seconds = Math.floorDiv(v, perSecond);
        long nanos = Math.floorMod(v, perSecond) * (1_000_000_000L / perSecond);
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        return t.utcAdjusted() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
