package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.format.JsonLinesWriter;
import dev.streamingadaptive.oracle.DuckDbOracle;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Statistics written by other writers (parquet-mr, parquet-cpp, parquet-rs) in the parquet-testing
 * corpus: decimals in bytes, FLOAT16, NaN in or out of the bounds, IEEE 754 column orders, -0.0,
 * truncated binary bounds. Our filtered rows must equal DuckDB's, whatever we prune, and the
 * cases marked so must prune.
 */
class CorpusPredicateTest {
    static DuckDbOracle duck;
    static final Map<Path, List<String>> expectedLines = new HashMap<>();

    @BeforeAll
    static void open() {
        duck = new DuckDbOracle();
    }

    @AfterAll
    static void close() {
        if (duck != null) duck.close();
    }

    static Path data() {
        for (String p : new String[] {System.getProperty("parquet.testing.dir", ""), "../../shared/parquet-testing",
                "../shared/parquet-testing", "/work/shared/parquet-testing"}) {
            if (!p.isEmpty() && Files.isDirectory(Path.of(p, "data"))) return Path.of(p, "data").toAbsolutePath().normalize();
        }
        return null;
    }

    static Arguments c(String file, String where, boolean mustSkip) {
        return Arguments.of(file, where, mustSkip);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : new String[] {"byte_array_decimal", "fixed_length_decimal", "fixed_length_decimal_legacy", "int32_decimal",
                "int64_decimal"}) {
            out.add(c(f, "value >= 20", false));
            out.add(c(f, "value < 1.5", false));
            out.add(c(f, "value = 12", false));
            out.add(c(f, "value = '12.001'", false));
            // Only the INT32/INT64 files have usable statistics (deprecated signed min/max); the
            // FIXED_LEN_BYTE_ARRAY ones have deprecated min/max in signed byte order (min 2.00 with a 1.00 row).
            boolean stats = f.startsWith("int");
            out.add(c(f, "value > 24", stats));
            out.add(c(f, "value < 1", stats));
        }
        for (String col : new String[] {"float_ieee754", "float_typedef", "double_ieee754", "double_typedef", "float16_ieee754",
                "float16_typedef"}) {
            out.add(c("floating_orders_nan_count", col + " < -1", false));
            out.add(c("floating_orders_nan_count", col + " <= -2", false));
            out.add(c("floating_orders_nan_count", col + " > 4", false));
            out.add(c("floating_orders_nan_count", col + " = 0", false));
            out.add(c("floating_orders_nan_count", col + " = -0.0", false));
            out.add(c("floating_orders_nan_count", col + " < 0", false));
            out.add(c("floating_orders_nan_count", col + " = 'nan'", false));
            out.add(c("floating_orders_nan_count", col + " >= 'inf'", false));
            out.add(c("floating_orders_nan_count", col + " = 4.5", col.endsWith("ieee754")));
        }
        for (String f : new String[] {"float16_nonzeros_and_nans", "float16_zeros_and_nans"}) {
            for (String w : new String[] {"x < -1.5", "x = 0", "x < 0", "x > 1.5", "x = 'nan'", "x >= 2", "x = -0.0", "x <= 0",
                    "x is null"}) {
                out.add(c(f, w, false));
            }
        }
        out.add(c("float16_nonzeros_and_nans", "x = 3", true));
        out.add(c("float16_nonzeros_and_nans", "x < -2", true));
        for (String w : new String[] {"x > 1", "x = 1", "x < 1", "x = 'nan'", "x >= 1", "x != 1"}) out.add(c("nan_in_stats", w, false));
        out.add(c("single_nan", "mycol is null", false));
        out.add(c("single_nan", "mycol < 1", true));
        for (String col : new String[] {"utf8_full_truncation", "utf8_partial_truncation", "utf8_no_truncation"}) {
            for (String w : new String[] {" like 'Ke%'", " >= 'Kf'", " < 'Al'", " = 'Alice Johnson'", " like 'Al%'", " > '🚀'",
                    " = 'Blart Versenwald III'", " like 'Z%'"}) {
                out.add(c("binary_truncated_min_max", col + w, false));
            }
            out.add(c("binary_truncated_min_max", col + " < 'A'", true));
            out.add(c("binary_truncated_min_max", col + " like '\uDBFF\uDFFF%'", true));
        }
        for (String col : new String[] {"binary_full_truncation", "binary_partial_truncation", "binary_no_truncation"}) {
            for (String w : new String[] {" = 'Kevin Bacon'", " >= '\\xFF\\xFF'", " < 'Al'", " > 'K'"}) {
                out.add(c("binary_truncated_min_max", col + w, false));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void sameRowsAsDuckDb(String name, String where, boolean mustSkip) throws Exception {
        Path data = data();
        assumeTrue(data != null, "parquet-testing not found");
        Path file = data.resolve(name + ".parquet");
        List<String> all = expectedLines.computeIfAbsent(file, f -> duck.expected(f).lines());
        List<String> expected = new ArrayList<>();
        // DuckDB's semantics on a materialized copy: its own Parquet scan prunes some of these files
        // wrongly (trusts FLBA decimal min/max written in signed byte order, and float bounds that
        // leave NaN out), so filtering read_parquet directly would make the oracle drop rows.
        String table = "t_" + name;
        duck.execute("CREATE TEMP TABLE IF NOT EXISTS " + table + " AS SELECT *, file_row_number AS __row FROM read_parquet("
                + DuckDbOracle.lit(file.toString()) + ", file_row_number = true)");
        try (Statement s = duck.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT __row FROM " + table + " WHERE " + where + " ORDER BY 1")) {
            while (rs.next()) expected.add(all.get((int) rs.getLong(1)));
        }
        AtomicInteger skipped = new AtomicInteger();
        List<String> ours = new ArrayList<>();
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file)) {
            RowPredicate p = WhereParser.parse(where, r.schema());
            r.withPredicate(new PredicatePushdown() {
                @Override public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
                    boolean skip = p.shouldSkipRowGroup(stats);
                    if (skip) skipped.incrementAndGet();
                    return skip;
                }
                @Override public DataFrame apply(DataFrame df) { return p.apply(df); }
            });
            for (DataFrame df : r) {
                StringBuilder sb = new StringBuilder();
                JsonLinesWriter.write(df, sb);
                for (String line : sb.toString().split("\n", -1)) if (!line.isEmpty()) ours.add(line);
            }
        }
        assertEquals(expected, ours, name + ": " + where + " (skipped " + skipped.get() + " row groups)");
        if (mustSkip) assertTrue(skipped.get() > 0, name + ": " + where + " should skip a row group");
    }
}
