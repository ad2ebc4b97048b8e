package dev.streamingadaptive.expr;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A constant. {@code type} is null only for an untyped null ({@code lit(null)}), which takes the
 * type its context needs. Values are kept as the Java objects given (see {@link Expr#lit}).
 */
public record Literal(Object value, DataType type) implements Expr {

    /** A literal of {@code value} with the type its Java class implies. */
    public static Literal of(Object value) {
        return new Literal(value, typeOf(value));
    }

    /** {@code value} itself when it is already an expression, else a literal of it. */
    static Expr from(Object value) {
        return value instanceof Expr e ? e : of(value);
    }

    /** The type a Java value has as a literal; IllegalArgumentException for classes that are not values. */
    static DataType typeOf(Object v) {
        if (v == null) return null;
        if (v instanceof Boolean) return DataType.BOOLEAN;
        if (v instanceof Byte) return DataType.INT8;
        if (v instanceof Short) return DataType.INT16;
        if (v instanceof Integer) return DataType.INT32;
        if (v instanceof Long) return DataType.INT64;
        if (v instanceof Float) return DataType.FLOAT32;
        if (v instanceof Double) return DataType.FLOAT64;
        if (v instanceof String) return DataType.STRING;
        if (v instanceof byte[]) return DataType.BINARY;
        if (v instanceof BigDecimal d) {
            int scale = Math.max(d.scale(), 0);
            int precision = Math.max(d.precision() - d.scale() + scale, scale + 1);
            if (precision > 38) throw new IllegalArgumentException("decimal literal " + d + " has more than 38 digits");
            return new DataType.Decimal(precision, scale);
        }
        if (v instanceof java.math.BigInteger b) {
            int digits = b.abs().toString().length();
            if (digits > 38) throw new IllegalArgumentException("integer literal " + b + " has more than 38 digits");
            return new DataType.Decimal(Math.max(digits, 1), 0);
        }
        if (v instanceof LocalDate) return DataType.DATE;
        if (v instanceof LocalTime) return new DataType.Time(TimeUnit.MICROS);
        if (v instanceof LocalDateTime) return new DataType.Timestamp(TimeUnit.MICROS, false);
        if (v instanceof Instant) return new DataType.Timestamp(TimeUnit.MICROS, true);
        if (v instanceof Duration) return DataType.INTERVAL;
        if (v instanceof java.util.UUID) return DataType.UUID;
        throw new IllegalArgumentException("cannot use a " + v.getClass().getName() + " as a literal value");
    }

    @Override public List<Expr> children() { return List.of(); }
    @Override public Expr mapChildren(UnaryOperator<Expr> f) { return this; }
    @Override public String outputName() { return "literal"; }

    @Override public boolean equals(Object o) {
        return o instanceof Literal l && java.util.Objects.equals(type, l.type) && java.util.Objects.deepEquals(value, l.value);
    }

    @Override public int hashCode() {
        return java.util.Arrays.deepHashCode(new Object[] {value, type});
    }

    @Override public String toString() {
        Object v = value;
        if (v == null) return "NULL";
        if (v instanceof String s) return "'" + s.replace("'", "''") + "'";
        if (v instanceof byte[] b) return "'\\x" + HexFormat.of().formatHex(b) + "'::BLOB";
        if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof Instant || v instanceof LocalTime) {
            return type.kind().name() + " '" + v + "'";
        }
        if (v instanceof Duration d) return "INTERVAL '" + d + "'";
        return v.toString();
    }

    /** {@code name} as written in explain output: bare when a plain identifier, else double-quoted. */
    static String quoteIdentifier(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
