package dev.streamingadaptive.lazy;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.coalesce;
import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static dev.streamingadaptive.expr.Expr.when;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scalar expressions and filters over the columns of the parquet-testing corpus, through the public
 * LazyFrame API, against DuckDB running the equivalent SQL on the same file: every row's value,
 * nulls included, in file order. Literals are taken from each column's own values (its quartiles),
 * so comparisons and filters split real data.
 *
 * <p>Integer arithmetic is written {@code c::BIGINT + 3} on the DuckDB side: our integer
 * arithmetic is 64-bit (documented in {@link Expr}), where DuckDB keeps INTEGER and would refuse an
 * overflow that we compute. Where both engines refuse an expression (an overflow, NaN to an
 * integer) the case agrees; where only one refuses, it fails.
 */
class CorpusExpressionTest {
    /**
     * The files of {@link CorpusQueryTest}, and flat files with booleans, half floats, nulls and more encodings.
     * Not int96_from_spark.parquet: DuckDB 1.4 reads its year-290000 INT96 value as
     * 226414-01-07 (BC) 22:21:39.416064 (its conversion to microseconds overflows), where we read the
     * 290000-12-30 23:00:00 that int96_from_spark.md expects, so every expression differs on that row.
     */
    private static final List<String> FILES = Stream.concat(CorpusQueryTest.FILES.stream(), Stream.of(
            "rle_boolean_encoding.parquet", "sort_columns.parquet", "delta_byte_array.parquet",
            "delta_length_byte_array.parquet", "byte_stream_split_extended.gzip.parquet", "fixed_length_decimal_legacy.parquet",
            "nan_in_stats.parquet", "single_nan.parquet", "dict-page-offset-zero.parquet", "page_v2_empty_compressed.parquet",
            "datapage_v1-snappy-compressed-checksum.parquet", "plain-dict-uncompressed-checksum.parquet",
            "float16_nonzeros_and_nans.parquet", "float16_zeros_and_nans.parquet")).toList();

    /** Columns DuckDB 1.4 cannot read ("BYTE_STREAM_SPLIT encoding is only supported for FLOAT or DOUBLE data"). */
    private static final Set<String> DUCKDB_CANNOT_READ = Set.of(
            "byte_stream_split_extended.gzip.parquet int32_byte_stream_split", "byte_stream_split_extended.gzip.parquet int64_byte_stream_split",
            "byte_stream_split_extended.gzip.parquet decimal_byte_stream_split",
            "byte_stream_split_extended.gzip.parquet float16_byte_stream_split");

    /**
     * Files where DuckDB 1.4 answers comparisons from the footer statistics instead of the values,
     * wrongly: fixed_length_decimal*.parquet's statistics say min 2.00 where the first row is 1.00,
     * so {@code value = 1.00} is false on every row; float16_*_and_nans.parquet's min/max leave out
     * NaN (as the format says they must), so on the NaN row {@code x > 0.0} is false (and
     * {@code x + 0 > 0.0} true). DuckDB evaluates these over the file's values loaded into a table.
     */
    private static final Set<String> DUCKDB_MISREADS_STATISTICS = Set.of("fixed_length_decimal.parquet", "fixed_length_decimal_legacy.parquet",
            "float16_nonzeros_and_nans.parquet", "float16_zeros_and_nans.parquet");

    /**
     * Cases not compared, "file column expression" -> why. Each is a deliberate deviation where
     * DuckDB's answer is not the right one by the project's rules.
     */
    private static final Map<String, String> SKIPPED = Map.of(
            "delta_binary_packed.parquet bitwidth64 round(bitwidth64, -1)",
            "round(-9223372036854775808, -1) is -9223372036854775810, outside BIGINT: an overflow error for us, where DuckDB 1.4 "
                    + "wraps (to -9223372036854775800)");

    static Connection duck;
    static final Map<Path, String> SOURCES = new HashMap<>();
    static final AtomicInteger CASES = new AtomicInteger();
    static final AtomicInteger BOTH_REFUSED = new AtomicInteger();
    static final AtomicInteger SKIPPED_CASES = new AtomicInteger();
    static final List<String> REFUSED = java.util.Collections.synchronizedList(new ArrayList<>());
    static long started;

    @BeforeAll
    static void open() throws Exception {
        started = System.nanoTime();
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone='UTC'");
            s.execute("SET threads=1");
            s.execute("SET preserve_insertion_order=true");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
        System.out.printf("CorpusExpressionTest: %d (file, column, expression) cases compared with DuckDB, %d refused by both, %d skipped, in %.1f s%n",
                CASES.get(), BOTH_REFUSED.get(), SKIPPED_CASES.get(), (System.nanoTime() - started) / 1e9);
        for (String r : REFUSED) System.out.println("  refused by both: " + r);
        SKIPPED.forEach((k, why) -> System.out.println("  skipped: " + k + ": " + why));
    }

    /** One expression: ours, and the same in DuckDB's SQL over the file's columns. */
    record Case(Expr expr, String sql) {}

    /** One filter: the rows where {@code predicate} holds, projected to {@code output}. */
    record FilterCase(Expr predicate, Expr output, String where, String outputSql) {}

    @TestFactory
    Stream<DynamicTest> expressionsMatchDuckDb() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : FILES) {
            Path f = CorpusQueryTest.data(name);
            LazyFrame lf = LazyFrame.scanParquet(f.toString()).withThreads(2);
            for (Field field : lf.schema().fields()) {
                if (kind(field.type()) == null || DUCKDB_CANNOT_READ.contains(name + " " + field.name())) continue;
                tests.add(DynamicTest.dynamicTest(name + " " + field.name() + " (" + field.type() + ")", () -> checkColumn(f, lf, field)));
            }
        }
        assertTrue(tests.size() >= 190, "columns: " + tests.size());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> booleanLogicMatchesDuckDb() {
        // and/or/not over every boolean column, with a comparison on another column of the same file and with null.
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : FILES) {
            Path f = CorpusQueryTest.data(name);
            LazyFrame lf = LazyFrame.scanParquet(f.toString()).withThreads(2);
            for (Field field : lf.schema().fields()) {
                if (field.type().kind() != DataType.Kind.BOOLEAN) continue;
                tests.add(DynamicTest.dynamicTest(name + " " + field.name() + " logic", () -> checkLogic(f, lf, field)));
            }
        }
        assertTrue(tests.size() >= 6, "boolean columns: " + tests.size());
        return tests.stream();
    }

    enum Kind { INTEGER, DECIMAL, FLOAT, STRING, BOOLEAN, TIMESTAMP }

    private static Kind kind(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 -> Kind.INTEGER;
            case DECIMAL -> Kind.DECIMAL;
            case FLOAT16, FLOAT32, FLOAT64 -> Kind.FLOAT;
            case STRING -> Kind.STRING;
            case BOOLEAN -> Kind.BOOLEAN;
            case TIMESTAMP -> Kind.TIMESTAMP;
            default -> null;
        };
    }

    static String quote(String c) {
        return "\"" + c.replace("\"", "\"\"") + "\"";
    }

    /** What DuckDB reads {@code f} from in SQL: the file, or a table of its values where DuckDB misreads its statistics. */
    static String source(Path f) {
        return SOURCES.computeIfAbsent(f, p -> {
            if (!DUCKDB_MISREADS_STATISTICS.contains(p.getFileName().toString())) return "'" + p + "'";
            String table = "t" + SOURCES.size();
            try (Statement s = duck.createStatement()) {
                s.execute("CREATE TEMP TABLE " + table + " AS SELECT * FROM '" + p + "'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return table;
        });
    }

    /** The column's 25th, 50th and 75th percentile values, its min and max, as DuckDB sees them (nulls when all are null). */
    private static Object[] quartiles(Path f, String q) throws SQLException {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT quantile_disc(" + q + ", 0.25), quantile_disc(" + q
                + ", 0.5), quantile_disc(" + q + ", 0.75), min(" + q + "), max(" + q + ") FROM " + source(f))) {
            rs.next();
            Object[] out = new Object[5];
            for (int i = 0; i < 5; i++) out[i] = rs.getObject(i + 1);
            return out;
        }
    }

    /** A value from DuckDB as our literal (its Java class decides the type). */
    private static Object ours(Object v) {
        return switch (v) {
            case null -> null;
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            case java.sql.Date d -> d.toLocalDate();
            default -> v;
        };
    }

    /** The same value as a SQL literal of the same type. */
    private static String sql(Object v) {
        return switch (ours(v)) {
            case null -> "NULL";
            case String s -> "'" + s.replace("'", "''") + "'";
            case Float x -> "CAST('" + x + "' AS FLOAT)";
            case Double x -> "CAST('" + x + "' AS DOUBLE)";
            case Long x -> "CAST('" + x + "' AS BIGINT)";
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime t -> "TIMESTAMP '" + t + "'";
            case Object o -> o.toString();
        };
    }

    private static List<Case> cases(Field field, Object[] qs) {
        String c = field.name();
        String q = quote(c);
        DataType t = field.type();
        Kind k = kind(t);
        Object lo = ours(qs[0]), mid = ours(qs[1]), hi = ours(qs[2]), min = ours(qs[3]), max = ours(qs[4]);
        List<Case> out = new ArrayList<>();
        out.add(new Case(col(c).isNull(), q + " IS NULL"));
        out.add(new Case(col(c).isNotNull(), q + " IS NOT NULL"));
        out.add(new Case(col(c).cast(DataType.STRING), q + "::VARCHAR"));
        if (mid != null) {
            String m = sql(mid);
            out.add(new Case(col(c).eq(mid), q + " = " + m));
            out.add(new Case(col(c).neq(mid), q + " <> " + m));
            out.add(new Case(col(c).lt(mid), q + " < " + m));
            out.add(new Case(col(c).ltEq(mid), q + " <= " + m));
            out.add(new Case(col(c).gt(mid), q + " > " + m));
            out.add(new Case(col(c).gtEq(mid), q + " >= " + m));
            out.add(new Case(lit(mid).lt(col(c)), m + " < " + q));
            out.add(new Case(col(c).isBetween(lo, hi), q + " BETWEEN " + sql(lo) + " AND " + sql(hi)));
            out.add(new Case(col(c).isIn(min, mid, max), q + " IN (" + sql(min) + ", " + sql(mid) + ", " + sql(max) + ")"));
            out.add(new Case(col(c).isIn(lo, null), q + " IN (" + sql(lo) + ", NULL)"));
            out.add(new Case(col(c).fillNull(mid), "coalesce(" + q + ", " + m + ")"));
            out.add(new Case(coalesce(col(c), lit(null), lit(hi)), "coalesce(" + q + ", NULL, " + sql(hi) + ")"));
            out.add(new Case(when(col(c).gt(mid)).then(lit("above")).when(col(c).isNull()).then(lit("none")).otherwise(lit("below")),
                    "CASE WHEN " + q + " > " + m + " THEN 'above' WHEN " + q + " IS NULL THEN 'none' ELSE 'below' END"));
            out.add(new Case(when(col(c).lt(mid)).then(col(c)).otherwise(lit(mid)), "CASE WHEN " + q + " < " + m + " THEN " + q + " ELSE " + m + " END"));
            out.add(new Case(when(col(c).eq(mid)).then(col(c)), "CASE WHEN " + q + " = " + m + " THEN " + q + " END"));
        }
        switch (k) {
            case INTEGER, DECIMAL, FLOAT -> {
                // integers as 64-bit on both sides (see the class comment)
                String w = k == Kind.INTEGER ? q + "::BIGINT" : q;
                out.add(new Case(col(c).add(3), w + " + 3"));
                out.add(new Case(col(c).sub(col(c)), w + " - " + q));
                out.add(new Case(col(c).mul(2), w + " * 2"));
                out.add(new Case(col(c).mul(-3), w + " * -3"));
                out.add(new Case(col(c).div(4), q + " / 4"));
                out.add(new Case(col(c).div(0), q + " / 0"));
                out.add(new Case(col(c).mod(7), w + " % 7"));
                // // rounds toward negative infinity (DuckDB's // truncates integers; non-integers are floor(a / b))
                out.add(new Case(col(c).floorDiv(4), k == Kind.INTEGER
                        ? "(" + w + " // 4 - CASE WHEN " + q + " % 4 <> 0 AND " + q + " < 0 THEN 1 ELSE 0 END)" : "floor(" + q + " / 4)"));
                out.add(new Case(col(c).neg(), "-" + w));
                out.add(new Case(col(c).abs(), "abs(" + w + ")"));
                out.add(new Case(col(c).round(0), "round(" + q + ", 0)"));
                out.add(new Case(col(c).round(1), "round(" + q + ", 1)"));
                out.add(new Case(col(c).round(-1), "round(" + q + ", -1)"));
                // DuckDB's floor/ceil of an integer go through DOUBLE (floor(6374628540732951412) is 6.37462854073E18);
                // ours keep the integer type, exactly (see Typer): 64-bit integers against DuckDB's exact DECIMAL floor.
                String exact = t.kind() == DataType.Kind.INT64 ? q + "::DECIMAL(38,0)" : q;
                out.add(new Case(col(c).floor(), "floor(" + exact + ")"));
                out.add(new Case(col(c).ceil(), "ceil(" + exact + ")"));
                out.add(new Case(col(c).cast(DataType.INT64), q + "::BIGINT"));
                out.add(new Case(col(c).cast(DataType.FLOAT64), q + "::DOUBLE"));
                out.add(new Case(col(c).fillNull(0), "coalesce(" + q + ", 0)"));
                if (mid != null) {
                    out.add(new Case(col(c).sub(mid), w + " - " + sql(mid)));
                    out.add(new Case(col(c).add(col(c)).gt(mid), w + " + " + q + " > " + sql(mid)));
                }
                if (k == Kind.DECIMAL) {
                    out.add(new Case(col(c).add(new BigDecimal("0.125")), q + " + 0.125"));
                    out.add(new Case(col(c).mul(col(c)), q + " * " + q));
                    out.add(new Case(col(c).mod(new BigDecimal("2.5")), q + " % 2.5"));
                }
                if (k == Kind.FLOAT) {
                    out.add(new Case(col(c).add(0.5), q + " + 0.5::DOUBLE"));
                    out.add(new Case(col(c).mul(col(c)), q + " * " + q));
                    out.add(new Case(col(c).round(2), "round(" + q + ", 2)"));
                }
            }
            case STRING -> {
                out.add(new Case(col(c).lower(), "lower(" + q + ")"));
                out.add(new Case(col(c).upper(), "upper(" + q + ")"));
                out.add(new Case(col(c).length(), "length(" + q + ")"));
                out.add(new Case(col(c).substring(1, 3), "substring(" + q + ", 2, 3)"));
                out.add(new Case(col(c).substring(0, 1), "substring(" + q + ", 1, 1)"));
                out.add(new Case(col(c).fillNull("none"), "coalesce(" + q + ", 'none')"));
                out.add(new Case(col(c).isIn("no such value", ""), q + " IN ('no such value', '')"));
                out.add(new Case(col(c).like("%"), q + " LIKE '%'"));
                if (mid instanceof String s && !s.isEmpty() && !s.contains("\\")) {
                    int[] cps = s.codePoints().toArray();
                    String first = new String(cps, 0, 1);
                    String head = new String(cps, 0, Math.min(2, cps.length));
                    String tail = new String(cps, Math.max(0, cps.length - 2), Math.min(2, cps.length));
                    String inner = new String(cps, cps.length / 3, Math.max(1, cps.length / 3));
                    out.add(new Case(col(c).startsWith(head), "starts_with(" + q + ", " + sql(head) + ")"));
                    out.add(new Case(col(c).endsWith(tail), "ends_with(" + q + ", " + sql(tail) + ")"));
                    out.add(new Case(col(c).contains(inner), "contains(" + q + ", " + sql(inner) + ")"));
                    out.add(new Case(col(c).like(first + "%"), q + " LIKE " + sql(first + "%")));
                    out.add(new Case(col(c).like("%" + tail), q + " LIKE " + sql("%" + tail)));
                    out.add(new Case(col(c).like("%" + inner + "%"), q + " LIKE " + sql("%" + inner + "%")));
                    out.add(new Case(col(c).like("_" + s.substring(s.offsetByCodePoints(0, 1))), q + " LIKE " + sql("_" + s.substring(s.offsetByCodePoints(0, 1)))));
                    out.add(new Case(col(c).lower().eq(s.toLowerCase(java.util.Locale.ROOT)), "lower(" + q + ") = " + sql(s.toLowerCase(java.util.Locale.ROOT))));
                }
            }
            case BOOLEAN -> {
                out.add(new Case(col(c).not(), "NOT " + q));
                out.add(new Case(col(c).cast(DataType.INT32), q + "::INTEGER"));
                out.add(new Case(col(c).fillNull(false), "coalesce(" + q + ", false)"));
                out.add(new Case(col(c).eq(true), q + " = true"));
            }
            case TIMESTAMP -> {
                out.add(new Case(col(c).year(), "year(" + q + ")"));
                out.add(new Case(col(c).month(), "month(" + q + ")"));
                out.add(new Case(col(c).day(), "day(" + q + ")"));
                out.add(new Case(col(c).hour(), "hour(" + q + ")"));
                out.add(new Case(col(c).minute(), "minute(" + q + ")"));
                out.add(new Case(col(c).second(), "second(" + q + ")"));
                out.add(new Case(col(c).weekday(), "isodow(" + q + ")"));
                out.add(new Case(col(c).truncate("1d"), "date_trunc('day', " + q + ")::TIMESTAMP"));
                out.add(new Case(col(c).truncate("1h"), "date_trunc('hour', " + q + ")"));
                out.add(new Case(col(c).truncate("1mo"), "date_trunc('month', " + q + ")::TIMESTAMP"));
                out.add(new Case(col(c).truncate("1y"), "date_trunc('year', " + q + ")::TIMESTAMP"));
                out.add(new Case(col(c).truncate("1w"), "date_trunc('week', " + q + ")::TIMESTAMP"));
                out.add(new Case(col(c).truncate("15m"), "time_bucket(INTERVAL '15 minutes', " + q + ")"));
                out.add(new Case(col(c).add(Duration.ofHours(36)), q + " + INTERVAL 36 HOUR"));
                out.add(new Case(col(c).sub(Duration.ofDays(1).plusSeconds(1)), q + " - INTERVAL 1 DAY - INTERVAL 1 SECOND"));
                out.add(new Case(col(c).add(Duration.ofMillis(1500)).cast(DataType.STRING), "(" + q + " + INTERVAL 1500 MILLISECOND)::VARCHAR"));
                out.add(new Case(col(c).cast(DataType.DATE), q + "::DATE"));
                out.add(new Case(col(c).cast(DataType.DATE).cast(DataType.STRING), q + "::DATE::VARCHAR"));
                if (mid != null) out.add(new Case(col(c).year().eq(lit(((LocalDateTime) mid).getYear())), "year(" + q + ") = " + ((LocalDateTime) mid).getYear()));
            }
        }
        return out;
    }

    private static List<FilterCase> filters(Field field, Object[] qs) {
        String c = field.name();
        String q = quote(c);
        Kind k = kind(field.type());
        Object mid = ours(qs[1]);
        List<FilterCase> out = new ArrayList<>();
        out.add(new FilterCase(col(c).isNull(), lit(1), q + " IS NULL", "1"));
        if (mid != null) {
            out.add(new FilterCase(col(c).gt(mid), col(c), q + " > " + sql(mid), q));
            out.add(new FilterCase(col(c).ltEq(mid).or(col(c).isNull()), col(c), q + " <= " + sql(mid) + " OR " + q + " IS NULL", q));
            out.add(new FilterCase(col(c).neq(mid).not(), col(c), "NOT (" + q + " <> " + sql(mid) + ")", q));
        }
        switch (k) {
            case STRING -> {
                if (mid instanceof String s && !s.isEmpty()) {
                    String first = new String(s.codePoints().toArray(), 0, 1);
                    out.add(new FilterCase(col(c).startsWith(first), col(c).length(), "starts_with(" + q + ", " + sql(first) + ")", "length(" + q + ")"));
                }
            }
            case BOOLEAN -> {
                out.add(new FilterCase(col(c), col(c), q, q));
                out.add(new FilterCase(col(c).not(), col(c), "NOT " + q, q));
            }
            case INTEGER, DECIMAL, FLOAT -> {
                if (mid != null) {
                    Object lo = ours(qs[0]), hi = ours(qs[2]);
                    out.add(new FilterCase(col(c).gtEq(lo).and(col(c).lt(hi)).or(col(c).eq(mid).not()).and(col(c).neq(lo)), col(c).mod(3),
                            "(" + q + " >= " + sql(lo) + " AND " + q + " < " + sql(hi) + " OR NOT " + q + " = " + sql(mid) + ") AND " + q + " <> " + sql(lo),
                            (k == Kind.INTEGER ? q + "::BIGINT" : q) + " % 3"));
                }
            }
            case TIMESTAMP -> {
                if (mid != null) {
                    out.add(new FilterCase(col(c).month().isIn(1, 2, 3), col(c).day(), "month(" + q + ") IN (1, 2, 3)", "day(" + q + ")"));
                }
            }
        }
        return out;
    }

    private static void checkColumn(Path f, LazyFrame lf, Field field) throws Exception {
        String q = quote(field.name());
        Object[] qs = quartiles(f, q);
        String where = f.getFileName() + " column " + field.name() + " (" + field.type() + ")";
        List<String> failures = new ArrayList<>();
        List<Case> cases = cases(field, qs);
        compare(f, lf, where, field.name(), cases, failures);
        for (FilterCase fc : filters(field, qs)) {
            // filters through withColumns: the kept rows of the output column, against DuckDB's WHERE
            Result ours = ours(lf.withColumns(fc.output().alias("__out")).filter(fc.predicate()).select(col("__out")), 1);
            Result theirs = duck("SELECT " + fc.outputSql() + " FROM " + source(f) + " WHERE " + fc.where(), 1);
            check(where, "filter(" + fc.predicate() + ") -> " + fc.output(), "WHERE " + fc.where(), ours, 0, theirs, 0, failures);
            CASES.incrementAndGet();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + cases.size() + " expressions differ from DuckDB over " + where + ":\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(failures.size(), 25))));
        }
    }

    private static void checkLogic(Path f, LazyFrame lf, Field field) throws Exception {
        String b = field.name();
        String qb = quote(b);
        // a comparison on another column of the file (the boolean itself when there is none)
        Expr other = col(b).not();
        String otherSql = "NOT " + qb;
        for (Field o : lf.schema().fields()) {
            Kind k = kind(o.type());
            if (o.name().equals(b) || k == null || k == Kind.BOOLEAN) continue;
            Object mid = ours(quartiles(f, quote(o.name()))[1]);
            if (mid == null) continue;
            other = col(o.name()).gt(mid);
            otherSql = quote(o.name()) + " > " + sql(mid);
            break;
        }
        List<Case> cases = List.of(
                new Case(col(b).and(other), qb + " AND (" + otherSql + ")"),
                new Case(col(b).or(other), qb + " OR (" + otherSql + ")"),
                new Case(col(b).not().and(other.not()), "NOT " + qb + " AND NOT (" + otherSql + ")"),
                new Case(col(b).and(lit(null)), qb + " AND NULL"),
                new Case(col(b).or(lit(null)), qb + " OR NULL"),
                new Case(lit(null).and(col(b).not()), "NULL AND NOT " + qb),
                new Case(col(b).and(lit(true)).or(lit(false)), "(" + qb + " AND true) OR false"),
                new Case(col(b).or(other).and(col(b).not().or(lit(null))), "(" + qb + " OR (" + otherSql + ")) AND (NOT " + qb + " OR NULL)"),
                new Case(col(b).and(other).isNull(), "(" + qb + " AND (" + otherSql + ")) IS NULL"),
                new Case(when(col(b).or(lit(null))).then(lit(1)).otherwise(lit(0)), "CASE WHEN " + qb + " OR NULL THEN 1 ELSE 0 END"));
        List<String> failures = new ArrayList<>();
        String where = f.getFileName() + " column " + b;
        compare(f, lf, where, b, cases, failures);
        Result ours = ours(lf.filter(col(b).or(other)).select(col(b)), 1);
        Result theirs = duck("SELECT " + qb + " FROM " + source(f) + " WHERE " + qb + " OR (" + otherSql + ")", 1);
        check(where, "filter(" + col(b).or(other) + ")", "WHERE " + qb + " OR (" + otherSql + ")", ours, 0, theirs, 0, failures);
        CASES.incrementAndGet();
        if (!failures.isEmpty()) throw new AssertionError(failures.size() + " differ from DuckDB over " + where + ":\n  " + String.join("\n  ", failures));
    }

    /** Rows of values per output column, or the error that refused the whole query. */
    record Result(List<List<Object>> columns, String error) {}

    private static Result ours(LazyFrame query, int width) {
        try {
            DataFrame df = query.collect();
            List<List<Object>> cols = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                List<Object> v = new ArrayList<>(df.height());
                for (int r = 0; r < df.height(); r++) v.add(df.column(i).get(r));
                cols.add(v);
            }
            return new Result(cols, null);
        } catch (RuntimeException e) {
            return new Result(null, String.valueOf(e.getMessage()));
        }
    }

    private static Result duck(String sql, int width) {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> cols = new ArrayList<>();
            for (int i = 0; i < width; i++) cols.add(new ArrayList<>());
            while (rs.next()) for (int i = 0; i < width; i++) cols.get(i).add(rs.getObject(i + 1));
            return new Result(cols, null);
        } catch (SQLException e) {
            return new Result(null, e.getMessage());
        }
    }

    /** All cases in one query each side; when a side refuses the whole query, case by case. */
    private static void compare(Path f, LazyFrame lf, String where, String column, List<Case> cases, List<String> failures) {
        Expr[] exprs = new Expr[cases.size()];
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < cases.size(); i++) {
            exprs[i] = cases.get(i).expr().alias("e" + i);
            sql.append(i == 0 ? "" : ", ").append(cases.get(i).sql()).append(" AS e").append(i);
        }
        Result ours = ours(lf.select(exprs), cases.size());
        Result theirs = duck(sql + " FROM " + source(f), cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case k = cases.get(i);
            if (SKIPPED.containsKey(where.split(" ")[0] + " " + column + " " + k.expr())) {
                SKIPPED_CASES.incrementAndGet();
                continue;
            }
            Result o = ours.error() == null ? ours : ours(lf.select(k.expr().alias("e")), 1);
            Result t = theirs.error() == null ? theirs : duck("SELECT " + k.sql() + " FROM " + source(f), 1);
            check(where, k.expr().toString(), k.sql(), o, o == ours ? i : 0, t, t == theirs ? i : 0, failures);
            CASES.incrementAndGet();
        }
    }

    private static void check(String where, String expr, String sql, Result ours, int oursColumn, Result theirs, int theirsColumn, List<String> failures) {
        String what = expr + "  <=>  " + sql;
        if (ours.error() != null || theirs.error() != null) {
            if (ours.error() != null && theirs.error() != null) {
                BOTH_REFUSED.incrementAndGet();
                REFUSED.add(where + ": " + expr + " (ours: " + ours.error().lines().findFirst().orElse("") + "; DuckDB: "
                        + theirs.error().lines().findFirst().orElse("") + ")");
                return;
            }
            failures.add(what + ": " + (ours.error() != null ? "ours refused: " + ours.error() : "DuckDB refused: " + theirs.error()));
            return;
        }
        List<Object> o = ours.columns().get(oursColumn);
        List<Object> t = theirs.columns().get(theirsColumn);
        if (o.size() != t.size()) {
            failures.add(what + ": " + o.size() + " rows, DuckDB " + t.size());
            return;
        }
        for (int r = 0; r < o.size(); r++) {
            if (!same(o.get(r), t.get(r))) {
                failures.add(what + ": row " + r + " ours " + norm(o.get(r)) + " (" + cls(o.get(r)) + "), DuckDB " + norm(t.get(r)) + " (" + cls(t.get(r)) + ")");
                return;
            }
        }
    }

    private static String cls(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    /** Equal as values; a FLOAT on either side to FLOAT's precision (one engine may compute a float expression in double). */
    static boolean same(Object ours, Object theirs) {
        if (norm(ours).equals(norm(theirs))) return true;
        if ((ours instanceof Float || theirs instanceof Float) && ours instanceof Number a && theirs instanceof Number b) {
            return norm(a.floatValue(), 6).equals(norm(b.floatValue(), 6));
        }
        return false;
    }

    /**
     * Values as text both sides agree on: integers and decimals exact (trailing zeros dropped, so an
     * integral double and an integer agree), floating values to 12 significant digits, NaN and
     * infinities by name, strings quoted, timestamps and dates in ISO form whichever class holds them.
     */
    static String norm(Object v) {
        return switch (v) {
            case null -> "null";
            case Boolean b -> b.toString();
            case Double d -> norm(d, 12);
            case Float x -> norm(x.doubleValue(), 12);
            case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            case BigInteger b -> b.toString();
            case Number n -> Long.toString(n.longValue());
            case String s -> "'" + s + "'";
            case byte[] b -> "'" + new String(b, StandardCharsets.UTF_8) + "'";
            case java.sql.Timestamp t -> t.toLocalDateTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case Instant t -> LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
            case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
            case LocalDateTime t -> t.toString();
            case LocalDate d -> d.toString();
            default -> v.getClass().getSimpleName() + ":" + v;
        };
    }

    private static String norm(double d, int digits) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
        if (d == 0) return "0";
        return new BigDecimal(d).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
