package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch fast paths give exactly what row-by-row evaluation gives (nulls, NaN, ±0, extremes, unicode). */
class VectorEvalTest {
    private static final int N = 2_000;
    private final Random rnd = new Random(42);

    private boolean[] nulls() {
        boolean[] n = new boolean[N];
        for (int i = 0; i < N; i++) n[i] = rnd.nextInt(7) == 0;
        return n;
    }

    private void check(Column c, List<Object> literals) {
        DataFrame df = new DataFrame(List.of(c), N);
        int checked = 0;
        for (ComparisonPredicate.Op op : ComparisonPredicate.Op.values()) {
            for (Object lit : literals) {
                ComparisonPredicate p = new ComparisonPredicate("c", op, lit);
                byte[] fast = p.evaluateAll(df);
                byte[] rows = p.evaluateRows(df);
                assertArrayEquals(rows, fast, c.type() + " " + op + " " + lit);
                checked++;
            }
        }
        assertTrue(checked >= 6);
    }

    /** AND, OR and NOT over every pair of TRUE, FALSE and UNKNOWN give SQL's three-valued answers, batch as row by row. */
    @Test
    void connectivesCombineAllNineOutcomePairs() {
        int n = 9 * 50;
        long[] a = new long[n], b = new long[n];
        boolean[] an = new boolean[n], bn = new boolean[n];
        for (int i = 0; i < n; i++) {
            int pair = rnd.nextInt(9);   // shuffled, so branchy code would be seen on mixed data too
            an[i] = pair / 3 == 2;
            a[i] = pair / 3 == 0 ? 1 : -1;
            bn[i] = pair % 3 == 2;
            b[i] = pair % 3 == 0 ? 1 : -1;
        }
        DataFrame df = new DataFrame(List.of(new LongColumn("a", a, n, an), new LongColumn("b", b, n, bn)), n);
        RowPredicate pa = new ComparisonPredicate("a", ComparisonPredicate.Op.GT, 0L);
        RowPredicate pb = new ComparisonPredicate("b", ComparisonPredicate.Op.GT, 0L);
        byte[] and = new AndPredicate(pa, pb).evaluateAll(df);
        byte[] or = new OrPredicate(pa, pb).evaluateAll(df);
        byte[] not = new NotPredicate(pa).evaluateAll(df);
        int[] seen = new int[9];
        for (int i = 0; i < n; i++) {
            Boolean x = an[i] ? null : a[i] > 0, y = bn[i] ? null : b[i] > 0;
            Boolean wantAnd = Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y) ? Boolean.FALSE : x == null || y == null ? null : Boolean.TRUE;
            Boolean wantOr = Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y) ? Boolean.TRUE : x == null || y == null ? null : Boolean.FALSE;
            Boolean wantNot = x == null ? null : !x;
            String at = "row " + i + ": " + x + ", " + y;
            org.junit.jupiter.api.Assertions.assertEquals(RowPredicate.code(wantAnd), and[i], "AND " + at);
            org.junit.jupiter.api.Assertions.assertEquals(RowPredicate.code(wantOr), or[i], "OR " + at);
            org.junit.jupiter.api.Assertions.assertEquals(RowPredicate.code(wantNot), not[i], "NOT " + at);
            seen[(x == null ? 2 : x ? 0 : 1) * 3 + (y == null ? 2 : y ? 0 : 1)]++;
        }
        for (int k = 0; k < 9; k++) assertTrue(seen[k] > 0, "pair " + k + " present");
    }

    /** Decimals stored unscaled: literals of the column's scale, finer ones (no value equals them), integers and huge ones. */
    @Test
    void decimalsStoredAsLongsAndInts() {
        long[] v = new long[N];
        int[] w = new int[N];
        for (int i = 0; i < N; i++) {
            v[i] = rnd.nextInt(2001) - 1000;
            w[i] = rnd.nextInt(2001) - 1000;
        }
        List<Object> lits = List.of(new java.math.BigDecimal("0.05"), new java.math.BigDecimal("0.055"), new java.math.BigDecimal("-0.055"),
                new java.math.BigDecimal("7"), new java.math.BigDecimal("-3.1"), 2L, -1L, new java.math.BigDecimal("1e30"),
                new java.math.BigDecimal("-1e30"), java.math.BigInteger.valueOf(3));
        check(new LongColumn("c", new DataType.Decimal(15, 2), v, N, nulls()), lits);
        check(new IntColumn("c", new DataType.Decimal(9, 2), w, N, nulls()), lits);
        check(new IntColumn("c", DataType.DATE, w, N, nulls()), List.of(java.time.LocalDate.of(1970, 1, 1), java.time.LocalDate.of(1969, 12, 1),
                java.time.LocalDate.of(1971, 6, 30), java.time.LocalDate.of(-5000, 1, 1)));
    }

    @Test
    void longsAndInts() {
        long[] v = new long[N];
        int[] w = new int[N];
        long[] pool = {Long.MIN_VALUE, -5, -1, 0, 1, 5, 42, Long.MAX_VALUE};
        for (int i = 0; i < N; i++) {
            v[i] = rnd.nextBoolean() ? pool[rnd.nextInt(pool.length)] : rnd.nextLong();
            w[i] = rnd.nextBoolean() ? (int) pool[1 + rnd.nextInt(6)] : rnd.nextInt();
        }
        List<Object> lits = List.of(0L, 5L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 42, 3_000_000_000L);
        check(new LongColumn("c", v, N, nulls()), lits);
        check(new IntColumn("c", w, N, nulls()), lits);
    }

    @Test
    void datesAndDecimalsAsTheirStoredIntegers() {
        int[] days = new int[N];
        long[] longDays = new long[N];
        long[] cents = new long[N];
        int[] smallCents = new int[N];
        for (int i = 0; i < N; i++) {
            days[i] = 8_000 + rnd.nextInt(3_000);
            longDays[i] = days[i];
            cents[i] = rnd.nextInt(50) == 0 ? (rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE) : rnd.nextInt(20_001) - 10_000;
            smallCents[i] = rnd.nextInt(2_001) - 1_000;
        }
        List<Object> dates = List.of(LocalDate.ofEpochDay(9_000), LocalDate.ofEpochDay(8_000), LocalDate.ofEpochDay(7_000),
                LocalDate.ofEpochDay(20_000));
        check(new IntColumn("c", DataType.DATE, days, N, nulls()), dates);
        check(new LongColumn("c", DataType.DATE, longDays, N, nulls()), dates);
        // Exact literals, literals between two units (1.005 at scale 2), whole numbers, and beyond a long at the column's scale.
        List<Object> decimals = List.of(new BigDecimal("0.05"), new BigDecimal("0.050"), new BigDecimal("-3.2"), new BigDecimal("1.005"),
                new BigDecimal("-1.005"), new BigDecimal("5E+1"), 24L, 3, (short) -7, new BigDecimal("1E+30"), new BigDecimal("-1E+30"),
                new BigDecimal("12.34567"));
        check(new LongColumn("c", new DataType.Decimal(18, 2), cents, N, nulls()), decimals);
        check(new IntColumn("c", new DataType.Decimal(7, 2), smallCents, N, nulls()), decimals);
        assertNotNull(VectorEval.compare(new IntColumn("c", DataType.DATE, days, N, null), ComparisonPredicate.Op.LT, dates.get(0)));
        for (ComparisonPredicate.Op op : ComparisonPredicate.Op.values()) {
            assertNotNull(VectorEval.compare(new LongColumn("c", new DataType.Decimal(18, 2), cents, N, null), op, new BigDecimal("0.05")));
        }
    }

    @Test
    void doublesAndFloatsWithNanAndSignedZero() {
        double[] d = new double[N];
        float[] f = new float[N];
        double[] pool = {Double.NaN, -0.0, 0.0, 1.5, -1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1};
        for (int i = 0; i < N; i++) {
            d[i] = rnd.nextBoolean() ? pool[rnd.nextInt(pool.length)] : rnd.nextGaussian();
            f[i] = (float) d[i];
        }
        List<Object> lits = List.of(0.0, -0.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY, 0.1, 0.1f, 2L, Float.NaN);
        check(new DoubleColumn("c", d, N, nulls()), lits);
        check(new FloatColumn("c", f, N, nulls()), lits);
    }

    @Test
    void stringsPlainAndDictionaryEncoded() {
        String[] pool = {"", "a", "ab", "b", "é", "\uE000", "\uD83D\uDE00", "zzz", "A"};
        List<byte[]> values = new ArrayList<>();
        int[] idx = new int[N];
        for (int i = 0; i < N; i++) {
            idx[i] = rnd.nextInt(pool.length);
            values.add(pool[idx[i]].getBytes(StandardCharsets.UTF_8));
        }
        int[] offsets = new int[N + 1];
        int total = 0;
        for (int i = 0; i < N; i++) offsets[i + 1] = total += values.get(i).length;
        byte[] data = new byte[total];
        for (int i = 0; i < N; i++) System.arraycopy(values.get(i), 0, data, offsets[i], values.get(i).length);
        boolean[] nulls = nulls();
        List<Object> lits = List.of("a", "", "é", "\uE000", "\uD83D\uDE00", "zz", "b");
        check(new BinaryColumn("c", DataType.STRING, offsets, data, N, nulls), lits);

        int[] dOff = new int[pool.length + 1];
        int dt = 0;
        for (int k = 0; k < pool.length; k++) dOff[k + 1] = dt += pool[k].getBytes(StandardCharsets.UTF_8).length;
        byte[] dData = new byte[dt];
        for (int k = 0; k < pool.length; k++) {
            byte[] b = pool[k].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, dData, dOff[k], b.length);
        }
        BinaryColumn dict = new BinaryColumn("c", DataType.STRING, dOff, dData, pool.length, null);
        check(new DictionaryColumn("c", dict, idx, N, nulls), lits);
    }

    /**
     * IN lists over integer and date columns (a join's runtime filter): the set test gives what row-by-row
     * comparison gives, with keys in a small range (bitmap), spread over the whole long range (searched), and a
     * list holding a non-integer (row by row).
     */
    @Test
    void inListsOverIntegersAndDates() {
        long[] v = new long[N];
        int[] w = new int[N];
        long[] pool = {Long.MIN_VALUE, -5, -1, 0, 1, 5, 63, 64, 65, 1000, Long.MAX_VALUE};
        for (int i = 0; i < N; i++) {
            v[i] = rnd.nextBoolean() ? pool[rnd.nextInt(pool.length)] : rnd.nextInt(2000) - 1000;
            w[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v[i]));
        }
        List<List<Object>> lists = new ArrayList<>();
        lists.add(List.of(0L, 5L, -1L, 64L, 1000L));                                   // a small range: bitmap
        lists.add(List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE, 63L));                    // the whole range: searched
        lists.add(List.of(3_000_000_000L, -5L, (int) 65, (short) 1));                   // beyond an int, mixed boxes
        List<Object> many = new ArrayList<>();
        for (int k = 0; k < 3000; k++) many.add((long) (k * 7 - 9000));
        lists.add(many);
        lists.add(List.of(5L, 1.5, 0L));                                               // a non-integer: row by row
        for (List<Object> list : lists) {
            for (Column c : List.of(new LongColumn("c", v, N, nulls()), new IntColumn("c", w, N, nulls()), new IntColumn("c", w, N, null))) {
                ColumnFilterPredicate p = new ColumnFilterPredicate("c", list);
                DataFrame df = new DataFrame(List.of(c), N);
                assertArrayEquals(p.evaluateRows(df), p.evaluateAll(df), c + " IN " + p);
            }
        }
        int[] days = new int[N];
        for (int i = 0; i < N; i++) days[i] = 8_000 + rnd.nextInt(300);
        ColumnFilterPredicate dates = new ColumnFilterPredicate("c", List.of(LocalDate.ofEpochDay(8_000), LocalDate.ofEpochDay(8_150),
                LocalDate.ofEpochDay(-1)));
        DataFrame df = new DataFrame(List.of(new IntColumn("c", DataType.DATE, days, N, nulls())), N);
        byte[] fast = dates.evaluateAll(df);
        assertArrayEquals(dates.evaluateRows(df), fast);
        int hits = 0;
        for (byte b : fast) if (b == RowPredicate.TRUE) hits++;
        assertTrue(hits > 0, "some dates match");
        assertTrue(new ColumnFilterPredicate("c", many).toString().endsWith("… (3000 values)]"));
    }
}
