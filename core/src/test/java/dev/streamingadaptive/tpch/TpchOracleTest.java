package dev.streamingadaptive.tpch;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.LongColumn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TpchOracle#assertMatches} accepts every correct answer and rejects wrong ones: decimals
 * exact, floats to 1e-9, rows tied on the ORDER BY keys in any order but otherwise in DuckDB's,
 * names, type families and decimal scales as DuckDB's. Shaped like Q5 (n_name, revenue; ORDER BY
 * revenue desc, which ties may leave partial) and Q14 (one floating-point value).
 */
class TpchOracleTest {
    private static final TpchOracle.Result Q5 = new TpchOracle.Result(List.of("n_name", "revenue"), List.of("VARCHAR", "DECIMAL(38,4)"),
            List.of(row("CHINA", "300.5000"), row("INDIA", "200.0000"), row("JAPAN", "200.0000"), row("VIETNAM", "100.1234")));

    @Test
    void acceptsTheSameRowsWithTiesInEitherOrder() {
        assertDoesNotThrow(() -> TpchOracle.assertMatches(5, Q5, q5("n_name", 4, "CHINA", 3005000, "INDIA", 2000000, "JAPAN", 2000000, "VIETNAM", 1001234)));
        assertDoesNotThrow(() -> TpchOracle.assertMatches(5, Q5, q5("N_NAME", 4, "CHINA", 3005000, "JAPAN", 2000000, "INDIA", 2000000, "VIETNAM", 1001234)));
    }

    @Test
    void rejectsRowsOutOfOrder() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> TpchOracle.assertMatches(5, Q5, q5("n_name", 4, "CHINA", 3005000, "VIETNAM", 1001234, "INDIA", 2000000, "JAPAN", 2000000)));
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
    }

    @Test
    void rejectsADecimalOffByItsLastDigit() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> TpchOracle.assertMatches(5, Q5, q5("n_name", 4, "CHINA", 3005000, "INDIA", 2000000, "JAPAN", 2000000, "VIETNAM", 1001235)));
        assertTrue(e.getMessage().contains("revenue"), e.getMessage());
    }

    @Test
    void rejectsTiedRowsThatDifferOutsideTheKeys() {
        assertThrows(AssertionError.class,
                () -> TpchOracle.assertMatches(5, Q5, q5("n_name", 4, "CHINA", 3005000, "INDIA", 2000000, "INDIA", 2000000, "VIETNAM", 1001234)));
    }

    @Test
    void rejectsOtherNamesScalesAndRowCounts() {
        assertThrows(AssertionError.class,
                () -> TpchOracle.assertMatches(5, Q5, q5("nation", 4, "CHINA", 3005000, "INDIA", 2000000, "JAPAN", 2000000, "VIETNAM", 1001234)));
        assertThrows(AssertionError.class,
                () -> TpchOracle.assertMatches(5, Q5, q5("n_name", 2, "CHINA", 30050, "INDIA", 20000, "JAPAN", 20000, "VIETNAM", 10012)));
        assertThrows(AssertionError.class, () -> TpchOracle.assertMatches(5, Q5, q5("n_name", 4, "CHINA", 3005000, "INDIA", 2000000)));
    }

    @Test
    void comparesFloatingPointToARelativeTolerance() {
        TpchOracle.Result q14 = new TpchOracle.Result(List.of("promo_revenue"), List.of("DOUBLE"), List.of(List.of(16.380778626395557)));
        assertDoesNotThrow(() -> TpchOracle.assertMatches(14, q14, doubles(16.380778626395557 * (1 + 1e-12))));
        assertThrows(AssertionError.class, () -> TpchOracle.assertMatches(14, q14, doubles(16.380778626395557 * (1 + 1e-7))));
        // A decimal where DuckDB has a double is another type family.
        assertThrows(AssertionError.class, () -> TpchOracle.assertMatches(14, q14, new DataFrame(List.of(
                new LongColumn("promo_revenue", new DataType.Decimal(18, 4), new long[] {163808}, 1, null)))));
    }

    @Test
    void readsTheQueryTexts() {
        for (int n = 1; n <= 22; n++) assertTrue(TpchOracle.sql(n).toLowerCase(java.util.Locale.ROOT).contains("select"), "q" + n);
        assertEquals(IllegalArgumentException.class, assertThrows(RuntimeException.class, () -> TpchOracle.sql(23)).getClass());
    }

    private static List<Object> row(String name, String revenue) {
        return List.of(name, new BigDecimal(revenue));
    }

    /** A Q5-shaped frame: names and revenues given as unscaled values of DECIMAL(18, scale). */
    private static DataFrame q5(String nameColumn, int scale, Object... namesAndUnscaled) {
        int n = namesAndUnscaled.length / 2;
        List<String> names = new ArrayList<>();
        long[] revenue = new long[n];
        for (int i = 0; i < n; i++) {
            names.add((String) namesAndUnscaled[2 * i]);
            revenue[i] = ((Number) namesAndUnscaled[2 * i + 1]).longValue();
        }
        return new DataFrame(List.of(strings(nameColumn, names),
                new LongColumn("revenue", new DataType.Decimal(18, scale), revenue, n, null)));
    }

    private static DataFrame doubles(double v) {
        return new DataFrame(List.of(new DoubleColumn("promo_revenue", new double[] {v}, 1, null)));
    }

    private static Column strings(String name, List<String> values) {
        int[] offsets = new int[values.size() + 1];
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < values.size(); i++) {
            data.writeBytes(values.get(i).getBytes(StandardCharsets.UTF_8));
            offsets[i + 1] = data.size();
        }
        return new BinaryColumn(name, DataType.STRING, offsets, data.toByteArray(), values.size(), null);
    }
}
