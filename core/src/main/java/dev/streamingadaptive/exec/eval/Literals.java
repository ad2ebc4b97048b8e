package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.types.TextParser;
import dev.streamingadaptive.types.TypeNames;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.NullColumn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Constants as one-row columns, and columns built from stored values (see {@link TextParser}). */
final class Literals {
    private Literals() {}

    /** The Java value of a literal ({@link dev.streamingadaptive.expr.Expr#lit}) as a one-row column of its type. */
    static Column of(Object value, DataType t) {
        if (value == null) return new NullColumn(Vectors.NAME, t, 1);
        return column(t, new Object[] {stored(value, t)}, 1, null);
    }

    /** A Java literal value as the stored value of its own type. */
    static Object stored(Object v, DataType t) {
        return switch (v) {
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer i -> (long) i;
            case LocalDate d -> d.toEpochDay();
            case LocalTime lt -> lt.toNanoOfDay() / (1_000_000_000L / ((DataType.Time) t).unit().perSecond);
            case LocalDateTime ldt -> units(ldt.toInstant(ZoneOffset.UTC), (DataType.Timestamp) t);
            case Instant i -> units(i, (DataType.Timestamp) t);
            default -> v;
        };
    }

    private static long units(Instant i, DataType.Timestamp t) {
        long per = t.unit().perSecond;
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), per), i.getNano() / (1_000_000_000L / per));
    }

    /** A column of {@code t} from stored values (null entries, or {@code nulls}, are nulls). */
    static Column column(DataType t, Object[] values, int n, boolean[] nulls) {
        boolean[] nl = nulls;
        for (int i = 0; i < n; i++) {
            if (values[i] == null && (nl == null || !nl[i])) {
                if (nl == nulls) nl = nulls == null ? new boolean[n] : nulls.clone();
                nl[i] = true;
            }
        }
        switch (t.kind()) {
            case FLOAT64 -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) if (values[i] != null) d[i] = ((Number) values[i]).doubleValue();
                return new DoubleColumn(Vectors.NAME, t, d, n, nl);
            }
            case FLOAT32, FLOAT16 -> {
                float[] d = new float[n];
                for (int i = 0; i < n; i++) if (values[i] != null) d[i] = ((Number) values[i]).floatValue();
                return new FloatColumn(Vectors.NAME, DataType.FLOAT32, d, n, nl);
            }
            case BOOLEAN -> {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) if (values[i] != null) b[i] = (Boolean) values[i];
                return new BooleanColumn(Vectors.NAME, b, n, nl);
            }
            case DECIMAL -> {
                DataType.Decimal d = (DataType.Decimal) t;
                BigInteger[] u = new BigInteger[n];
                for (int i = 0; i < n; i++) {
                    if (values[i] == null) continue;
                    BigDecimal x = values[i] instanceof BigDecimal b ? b : new BigDecimal(values[i].toString());
                    u[i] = x.setScale(d.scale(), RoundingMode.HALF_UP).unscaledValue();
                }
                return Vectors.ofBigs(d, u, n, nl);
            }
            default -> { }
        }
        if (Vectors.isLongStored(t)) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) if (values[i] != null) v[i] = ((Number) values[i]).longValue();
            return Vectors.ofLongs(t, v, n, nl);
        }
        Vectors.BytesBuilder b = new Vectors.BytesBuilder(n);
        for (int i = 0; i < n; i++) {
            Object v = values[i];
            switch (v) {
                case null -> b.addEmpty();
                case String s -> b.addString(s);
                case byte[] bytes -> b.add(bytes, 0, bytes.length);
                case UUID u -> b.add(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array(), 0, 16);
                default -> b.addString(v.toString());
            }
        }
        return b.build(t, nl);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
