package dev.streamingadaptive.predicate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Compares column values (as {@link dev.streamingadaptive.frame.Column#get} boxes them) with
 * literals: integers of any width compare exactly, other numbers as doubles, strings as strings,
 * booleans as booleans. Incomparable kinds are a clear error naming both.
 */
final class Values {
    private Values() {}

    /**
     * Negative, zero or positive like compareTo. NaN sorts above every number and equals NaN, as
     * in DuckDB (our oracle); null is returned only for values that have no order.
     */
    static Integer compare(Object value, Object literal) {
        if (value instanceof Number a && literal instanceof Number b) {
            if (isIntegral(a) && isIntegral(b)) return toBig(a).compareTo(toBig(b));
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y)) return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            if (a instanceof BigDecimal da && b instanceof BigDecimal db) return da.compareTo(db);
            if (a instanceof BigDecimal da && isIntegral(b)) return da.compareTo(new BigDecimal(toBig(b)));
            return Double.compare(x, y) == 0 || x == y ? 0 : Double.compare(x, y);
        }
        if (value instanceof String a && literal instanceof String b) return Integer.signum(a.compareTo(b));
        if (value instanceof Boolean a && literal instanceof Boolean b) return Boolean.compare(a, b);
        if (value instanceof byte[] a && literal instanceof byte[] b) return Arrays.compareUnsigned(a, b);
        if (value instanceof Comparable<?> && value.getClass() == literal.getClass()) {
            @SuppressWarnings("unchecked")
            Comparable<Object> c = (Comparable<Object>) value;
            return Integer.signum(c.compareTo(literal));
        }
        throw new IllegalArgumentException("cannot compare a " + value.getClass().getSimpleName() + " value with the literal "
                + literal + " (" + literal.getClass().getSimpleName() + ")");
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte || n instanceof BigInteger;
    }

    private static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }
}
