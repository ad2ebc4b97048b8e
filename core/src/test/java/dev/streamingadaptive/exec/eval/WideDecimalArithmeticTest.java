package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.LongColumn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decimal {@code + - *} whose result is wider than 18 digits is exact whether it runs in longs
 * (operands and results that fit) or in BigIntegers (a value beyond a long, or one row's result
 * overflowing one): every value equals BigDecimal arithmetic on the boxed operands, nulls stay
 * null, and the result has the typed scale.
 */
class WideDecimalArithmeticTest {
    private static final int N = 3_000;
    private static final DataType.Decimal WIDE = new DataType.Decimal(38, 4);

    private final Random rnd = new Random(7);

    @Test
    void wideResultsEqualBigDecimalArithmetic() {
        long[] price = new long[N], rate = new long[N], huge = new long[N];
        boolean[] priceNulls = new boolean[N], rateNulls = new boolean[N];
        BigInteger[] wide = new BigInteger[N], wideFit = new BigInteger[N];
        for (int i = 0; i < N; i++) {
            price[i] = rnd.nextLong() % 10_000_000_000_000L;
            rate[i] = rnd.nextInt(401) - 200;
            // Some squares beyond a long, all within DECIMAL(36,0).
            huge[i] = rnd.nextInt(10) == 0 ? rnd.nextLong() % 100_000_000_000_000_000L : rnd.nextInt(1_000_000);
            priceNulls[i] = rnd.nextInt(11) == 0;
            rateNulls[i] = rnd.nextInt(13) == 0;
            // Mostly values that fit a long, some far beyond one.
            wide[i] = rnd.nextInt(20) == 0 ? null
                    : rnd.nextInt(8) == 0 ? new BigInteger(120, rnd).negate() : BigInteger.valueOf(rnd.nextLong() >> rnd.nextInt(64));
            wideFit[i] = rnd.nextInt(20) == 0 ? null : BigInteger.valueOf(rnd.nextLong() >> (8 + rnd.nextInt(56)));
        }
        DataFrame df = new DataFrame(List.of(
                new LongColumn("price", new DataType.Decimal(15, 2), price, N, priceNulls),
                new LongColumn("rate", new DataType.Decimal(16, 2), rate, N, rateNulls),
                new LongColumn("huge", new DataType.Decimal(18, 0), huge, N, null),
                wideColumn("wide", wide),
                wideColumn("wide_fit", wideFit)));

        check(df, col("price").mul(col("rate")), BigDecimal::multiply, 4);
        check(df, col("price").mul(col("rate")).mul(col("rate")), (p, r) -> p.multiply(r), 6,
                col("price").mul(col("rate")), col("rate"));
        check(df, col("huge").mul(col("huge")), BigDecimal::multiply, 0);
        check(df, col("wide").add(col("price")), BigDecimal::add, 4);
        check(df, col("wide").sub(col("price")), BigDecimal::subtract, 4);
        check(df, col("wide_fit").add(col("price")), BigDecimal::add, 4);
        check(df, col("wide_fit").sub(col("price")), BigDecimal::subtract, 4);
        check(df, col("price").mul(col("rate")).add(col("price")), BigDecimal::add, 4, col("price").mul(col("rate")), col("price"));
        check(df, col("price").mul(lit(new BigDecimal("-1.0500"))), (p, r) -> p.multiply(new BigDecimal("-1.05")), 6,
                col("price"), col("price"));
    }

    @Test
    void oneOverflowingRowStillGivesExactValues() {
        long[] small = new long[N];
        for (int i = 0; i < N; i++) small[i] = i - N / 2;
        small[N - 1] = 100_000_000_000_000_000L; // its square overflows a long, not DECIMAL(36,2)
        DataFrame df = new DataFrame(List.of(new LongColumn("x", new DataType.Decimal(18, 1), small, N, null)));
        check(df, col("x").mul(col("x")), BigDecimal::multiply, 2);
        check(df, col("x").mul(lit(3)), (x, y) -> x.multiply(BigDecimal.valueOf(3)), 1, col("x"), col("x"));
    }

    /** {@code expr} over {@code df} equals {@code f} of the values of {@code args} (default: the two columns it reads) row by row. */
    private static void check(DataFrame df, Expr expr, BinaryOperator<BigDecimal> f, int scale, Expr... args) {
        Expr x = args.length > 0 ? args[0] : col(expr.columns().toArray(String[]::new)[0]);
        Expr y = args.length > 0 ? args[1] : col(expr.columns().toArray(String[]::new)[expr.columns().size() - 1]);
        DataFrame out = df.select(expr.alias("r"), x.alias("x"), y.alias("y"));
        DataType t = out.schema().fields().get(0).type();
        assertTrue(t instanceof DataType.Decimal d && d.scale() == scale && d.precision() > 18, expr + " is " + t);
        int checked = 0;
        for (int i = 0; i < df.height(); i++) {
            BigDecimal a = (BigDecimal) out.column("x").get(i), b = (BigDecimal) out.column("y").get(i);
            BigDecimal r = (BigDecimal) out.column("r").get(i);
            if (a == null || b == null) {
                assertNull(r, expr + " row " + i);
                continue;
            }
            BigDecimal want = f.apply(a, b);
            assertEquals(0, want.compareTo(r), expr + " row " + i + ": " + a + ", " + b);
            assertEquals(scale, r.scale(), expr + " row " + i);
            checked++;
        }
        assertTrue(checked > df.height() / 2, expr + ": too few non-null rows");
    }

    private static Column wideColumn(String name, BigInteger[] values) {
        int[] offsets = new int[values.length + 1];
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean[] nulls = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) nulls[i] = true;
            else data.writeBytes(values[i].toByteArray());
            offsets[i + 1] = data.size();
        }
        return new BinaryColumn(name, WIDE, offsets, data.toByteArray(), values.length, nulls);
    }
}
