package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.memory.FixedChunkStrategy;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.coalesce;
import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static dev.streamingadaptive.expr.Expr.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluates expressions over a DuckDB-written Parquet file read by our reader in several batches,
 * and compares every value with DuckDB evaluating the equivalent SQL on the same file.
 */
class EvalOracleTest {
    private static final int ROWS = 3000;

    @TempDir static Path dir;
    static Path file;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone='UTC'");
            s.execute("SET threads=1");
            s.execute("SET preserve_insertion_order=true");
            file = dir.resolve("eval.parquet");
            s.execute("""
                COPY (SELECT i AS id,
                  CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 37 % 201) - 100 END::INTEGER AS a,
                  CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7919 % 1000003) - 500000 END::BIGINT AS b,
                  CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 13 % 9) - 4 END::BIGINT AS small,
                  CASE WHEN i % 13 = 0 THEN NULL WHEN i % 17 = 0 THEN 'NaN'::DOUBLE WHEN i % 19 = 0 THEN 'inf'::DOUBLE
                       WHEN i % 23 = 0 THEN '-inf'::DOUBLE WHEN i % 29 = 0 THEN -0.0::DOUBLE
                       ELSE ((i * 31 % 1000) - 500) / 8.0 END::DOUBLE AS x,
                  CASE WHEN i % 9 = 0 THEN NULL ELSE ((i * 17 % 777) - 300) / 4.0 END::DOUBLE AS y,
                  CASE WHEN i % 10 = 0 THEN NULL ELSE ((i * 7 % 555) - 200) / 16.0 END::FLOAT AS f,
                  CASE WHEN i % 6 = 0 THEN NULL ELSE (i % 255) - 127 END::TINYINT AS t,
                  CASE WHEN i % 8 = 0 THEN NULL ELSE (i * 104729) % 4000000000 END::UINTEGER AS u32,
                  CASE WHEN i % 3 = 0 THEN 9223372036854775807 WHEN i % 3 = 1 THEN -9223372036854775808 ELSE i END::BIGINT AS ext,
                  CASE WHEN i % 12 = 0 THEN NULL ELSE ((i * 7 % 100001) - 50000) / 100.0 END::DECIMAL(9,2) AS d1,
                  CASE WHEN i % 14 = 0 THEN NULL ELSE ((i * 97 % 10000001) - 5000000) / 1000.0 END::DECIMAL(18,4) AS d2,
                  CASE WHEN i % 15 = 0 THEN NULL ELSE ((i * 7 % 100001) - 50000)::DECIMAL(38,10) * 12345678901.5 END::DECIMAL(38,10) AS d3,
                  CASE WHEN i % 16 = 0 THEN NULL ELSE DATE '1969-06-15' + (i * 37 % 30000)::INTEGER END AS dt,
                  CASE WHEN i % 18 = 0 THEN NULL ELSE TIMESTAMP '1969-12-30 22:13:14.123456' + to_microseconds(i * 7777777000037) END AS ts,
                  CASE WHEN i % 18 = 1 THEN NULL ELSE (TIMESTAMP '2001-02-03 04:05:06.789' + to_seconds(i * 3333333))::TIMESTAMP_MS END AS ts_ms,
                  CASE WHEN i % 18 = 2 THEN NULL ELSE (TIMESTAMP '2020-02-28 23:59:59' + to_seconds(i * 99999) + to_microseconds(i * 13))::TIMESTAMP_NS END AS ts_ns,
                  CASE WHEN i % 18 = 3 THEN NULL ELSE (TIMESTAMP '2024-01-31 09:30:00' + to_seconds(i * 12345))::TIMESTAMPTZ END AS tz,
                  CASE WHEN i % 20 = 0 THEN NULL ELSE TIME '00:00:00' + to_milliseconds(i * 987654 % 86400000) END AS tm,
                  CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,
                  CASE WHEN i % 4 = 1 THEN NULL ELSE i % 5 < 2 END AS flag2,
                  CASE WHEN i % 21 = 0 THEN NULL ELSE ['abc', 'Äbc', 'straße', 'ÉCOLE', '日本語テキスト', '😀 emoji 😀', '', 'a_b%c', 'ABC', 'zeta', 'İstanbul', 'ǅ'][1 + i % 12] || (i % 7)::VARCHAR END AS s,
                  CASE WHEN i % 22 = 0 THEN NULL ELSE ['AAPL', 'MSFT', 'GOOG', 'X', 'Ünï'][1 + i % 5] END AS sym,
                  CASE WHEN i % 25 = 0 THEN NULL ELSE [' 12 ', '3.5', '-2.5', '1e2', '0', '-7', '2.5', '100'][1 + i % 8] END AS nstr,
                  ['2024-01-31', '1999-12-31 23:59:59', '2000-02-29', 'epoch'][1 + i % 4] AS dstr
                FROM range(ROWS) r(i)) TO 'FILE' (FORMAT parquet, ROW_GROUP_SIZE 1000)
                """.replace("ROWS", Integer.toString(ROWS)).replace("FILE", file.toString()));
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    /** Every batch of the file (batches of 700 rows: several per row group). */
    static List<DataFrame> batches() {
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withChunkStrategy(new FixedChunkStrategy(700))) {
            return r.stream().toList();
        }
    }

    record Case(String name, Expr expr, String sql) {}

    static Case c(Expr e, String sql) {
        return new Case(e.toString(), e, sql);
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        // comparisons: every operator, ints, doubles with NaN/inf, floats, decimals, strings, dates, timestamps, literals both sides
        String[][] ops = {{"eq", "="}, {"neq", "<>"}, {"lt", "<"}, {"ltEq", "<="}, {"gt", ">"}, {"gtEq", ">="}};
        for (String[] op : ops) {
            out.add(c(cmp(op[0], col("a"), lit(5)), "a " + op[1] + " 5"));
            out.add(c(cmp(op[0], col("b"), lit(1000L)), "b " + op[1] + " 1000"));
            out.add(c(cmp(op[0], col("a"), col("b")), "a " + op[1] + " b"));
            out.add(c(cmp(op[0], col("x"), lit(12.5)), "x " + op[1] + " 12.5"));
            out.add(c(cmp(op[0], col("x"), lit(Double.NaN)), "x " + op[1] + " 'NaN'::DOUBLE"));
            out.add(c(cmp(op[0], col("x"), col("y")), "x " + op[1] + " y"));
            out.add(c(cmp(op[0], col("f"), lit(0.1)), "f " + op[1] + " 0.1::DOUBLE"));
            out.add(c(cmp(op[0], col("f"), lit(3)), "f " + op[1] + " 3"));
            out.add(c(cmp(op[0], col("d1"), lit(new BigDecimal("12.345"))), "d1 " + op[1] + " 12.345"));
            out.add(c(cmp(op[0], col("d1"), col("a")), "d1 " + op[1] + " a"));
            out.add(c(cmp(op[0], col("d3"), col("d2")), "d3 " + op[1] + " d2"));
            out.add(c(cmp(op[0], col("a"), lit(2.5)), "a " + op[1] + " 2.5::DOUBLE"));
            out.add(c(cmp(op[0], col("s"), lit("straße3")), "s " + op[1] + " 'straße3'"));
            out.add(c(cmp(op[0], col("sym"), lit("GOOG")), "sym " + op[1] + " 'GOOG'"));
            out.add(c(cmp(op[0], col("s"), col("sym")), "s " + op[1] + " sym"));
            out.add(c(cmp(op[0], col("dt"), lit("2000-01-01")), "dt " + op[1] + " '2000-01-01'"));
            out.add(c(cmp(op[0], col("dt"), col("ts")), "dt " + op[1] + " ts"));
            out.add(c(cmp(op[0], col("ts"), lit(LocalDateTime.of(1975, 5, 5, 12, 0))), "ts " + op[1] + " TIMESTAMP '1975-05-05 12:00:00'"));
            out.add(c(cmp(op[0], col("ts_ns"), col("ts_ms")), "ts_ns::TIMESTAMP " + op[1] + " ts_ms::TIMESTAMP"));
            out.add(c(cmp(op[0], col("tz"), lit("2024-02-01 00:00:00+00")), "tz " + op[1] + " '2024-02-01 00:00:00+00'"));
            out.add(c(cmp(op[0], col("tm"), lit("12:00:00")), "tm " + op[1] + " '12:00:00'"));
            out.add(c(cmp(op[0], col("flag"), col("flag2")), "flag " + op[1] + " flag2"));
            out.add(c(cmp(op[0], col("u32"), lit(2_000_000_000L)), "u32 " + op[1] + " 2000000000"));
            out.add(c(cmp(op[0], lit(3), col("t")), "3 " + op[1] + " t"));
            out.add(c(cmp(op[0], col("x"), lit("inf")), "x " + op[1] + " 'inf'"));
        }
        // logic (Kleene), null tests, in, between
        out.add(c(col("flag").and(col("flag2")), "flag AND flag2"));
        out.add(c(col("flag").or(col("flag2")), "flag OR flag2"));
        out.add(c(col("flag").not(), "NOT flag"));
        out.add(c(col("flag").and(lit(null)), "flag AND NULL"));
        out.add(c(col("flag").or(lit(null)), "flag OR NULL"));
        out.add(c(col("a").gt(0).and(col("x").lt(0)).or(col("s").isNull()), "(a > 0 AND x < 0) OR s IS NULL"));
        out.add(c(col("x").isNull(), "x IS NULL"));
        out.add(c(col("sym").isNotNull(), "sym IS NOT NULL"));
        out.add(c(col("a").isIn(1, 5, -7, 100), "a IN (1, 5, -7, 100)"));
        out.add(c(col("a").isIn(1, null), "a IN (1, NULL)"));
        out.add(c(col("sym").isIn("X", "AAPL", "nope"), "sym IN ('X', 'AAPL', 'nope')"));
        out.add(c(col("s").isIn("abc0", "日本語テキスト3", "😀 emoji 😀4"), "s IN ('abc0', '日本語テキスト3', '😀 emoji 😀4')"));
        out.add(c(col("x").isIn(Double.NaN, 0.0, 12.5), "x IN ('NaN'::DOUBLE, 0.0::DOUBLE, 12.5::DOUBLE)"));
        out.add(c(col("d1").isIn(new BigDecimal("-1.5"), 3), "d1 IN (-1.5, 3)"));
        out.add(c(col("dt").isIn("2000-01-01", LocalDate.of(1990, 3, 4)), "dt IN ('2000-01-01', DATE '1990-03-04')"));
        out.add(c(col("a").isIn(col("small"), lit(3)), "a IN (small, 3)"));
        out.add(c(col("a").isBetween(-10, 10), "a BETWEEN -10 AND 10"));
        out.add(c(col("x").isBetween(col("y"), lit(100)), "x BETWEEN y AND 100"));
        out.add(c(col("s").isBetween("a", "s"), "s BETWEEN 'a' AND 's'"));
        out.add(c(col("ts").isBetween("1970-01-01", "1980-01-01"), "ts BETWEEN '1970-01-01' AND '1980-01-01'"));
        // arithmetic (integers widened to BIGINT in DuckDB to match our INT64)
        out.add(c(col("a").add(col("b")), "a::BIGINT + b"));
        out.add(c(col("a").sub(lit(7)), "a::BIGINT - 7"));
        out.add(c(lit(7).sub(col("b")), "7 - b"));
        out.add(c(col("a").mul(col("b")), "a::BIGINT * b"));
        out.add(c(col("b").mul(3), "b * 3"));
        out.add(c(col("t").add(col("u32")), "t::BIGINT + u32::BIGINT"));
        out.add(c(col("b").floorDiv(col("small")), "CASE WHEN small = 0 THEN NULL ELSE b // small - CASE WHEN b % small <> 0 AND (b < 0) <> (small < 0) THEN 1 ELSE 0 END END"));
        out.add(c(col("b").mod(col("small")), "b % small"));
        out.add(c(col("b").mod(lit(-7)), "b % -7"));
        out.add(c(col("b").div(col("small")), "b / small"));
        out.add(c(col("a").div(lit(0)), "a / 0"));
        out.add(c(col("x").add(col("y")), "x + y"));
        out.add(c(col("x").sub(lit(1.5)), "x - 1.5::DOUBLE"));
        out.add(c(col("x").mul(col("y")), "x * y"));
        out.add(c(col("x").div(col("y")), "x / y"));
        out.add(c(col("x").mod(col("y")), "x % y"));
        out.add(c(col("x").floorDiv(col("y")), "floor(x / y)"));
        out.add(c(col("x").add(col("a")), "x + a"));
        out.add(c(col("f").mul(col("f")), "f * f"));
        out.add(c(col("f").add(col("a")), "f + a"));
        out.add(c(col("d1").add(col("d2")), "d1 + d2"));
        out.add(c(col("d1").sub(col("a")), "d1 - a"));
        out.add(c(col("d1").mul(col("d1")), "d1 * d1"));
        out.add(c(col("d1").mul(lit(3)), "d1 * 3"));
        out.add(c(col("d3").add(col("d1")), "d3 + d1"));
        out.add(c(col("d3").mul(lit(new BigDecimal("0.5"))), "d3 * 0.5"));
        out.add(c(col("d1").mod(lit(new BigDecimal("2.5"))), "d1 % 2.5"));
        out.add(c(col("d1").add(col("x")), "d1 + x"));
        out.add(c(col("d2").div(col("d1")), "d2 / d1"));
        out.add(c(col("a").neg(), "-a"));
        out.add(c(col("d3").neg(), "-d3"));
        // cast
        out.add(c(col("y").cast(DataType.INT64), "y::BIGINT"));
        out.add(c(col("y").cast(DataType.INT32), "y::INTEGER"));
        out.add(c(col("d1").cast(DataType.INT32), "d1::INTEGER"));
        out.add(c(col("d2").cast(new DataType.Decimal(10, 1)), "d2::DECIMAL(10,1)"));
        out.add(c(col("a").cast(new DataType.Decimal(6, 2)), "a::DECIMAL(6,2)"));
        out.add(c(col("y").cast(new DataType.Decimal(12, 3)), "y::DECIMAL(12,3)"));
        out.add(c(col("d3").cast(DataType.FLOAT64), "d3::DOUBLE"));
        out.add(c(col("d2").cast(DataType.FLOAT64), "d2::DOUBLE"));
        out.add(c(col("d1").cast(DataType.FLOAT32), "d1::FLOAT"));
        out.add(c(col("b").cast(DataType.FLOAT32), "b::FLOAT"));
        out.add(c(col("u32").cast(DataType.INT64), "u32::BIGINT"));
        out.add(c(col("flag").cast(DataType.INT32), "flag::INTEGER"));
        out.add(c(col("a").cast(DataType.BOOLEAN), "a::BOOLEAN"));
        out.add(c(col("nstr").cast(DataType.INT32), "nstr::INTEGER"));
        out.add(c(col("nstr").cast(DataType.FLOAT64), "nstr::DOUBLE"));
        out.add(c(col("nstr").cast(new DataType.Decimal(8, 1)), "nstr::DECIMAL(8,1)"));
        for (String c : new String[] {"a", "b", "x", "f", "d1", "d2", "d3", "dt", "ts", "ts_ms", "ts_ns", "tz", "tm", "flag", "u32", "t"}) {
            out.add(c(col(c).cast(DataType.STRING), c + "::VARCHAR"));
        }
        out.add(c(col("dstr").cast(DataType.DATE).cast(DataType.STRING), "dstr::DATE::VARCHAR"));
        out.add(c(col("dstr").cast(new DataType.Timestamp(TimeUnit.MICROS, false)).cast(DataType.STRING), "dstr::TIMESTAMP::VARCHAR"));
        out.add(c(col("ts").cast(DataType.DATE).cast(DataType.STRING), "ts::DATE::VARCHAR"));
        out.add(c(col("ts_ns").cast(new DataType.Timestamp(TimeUnit.MICROS, false)).cast(DataType.STRING), "ts_ns::TIMESTAMP::VARCHAR"));
        out.add(c(col("dt").cast(new DataType.Timestamp(TimeUnit.MICROS, false)).cast(DataType.STRING), "dt::TIMESTAMP::VARCHAR"));
        // coalesce, fillNull, conditional
        out.add(c(coalesce(col("a"), col("small"), lit(-1)), "coalesce(a, small, -1)"));
        out.add(c(col("x").fillNull(0.0), "coalesce(x, 0.0::DOUBLE)"));
        out.add(c(col("s").fillNull("none"), "coalesce(s, 'none')"));
        out.add(c(col("sym").fillNull(col("s")), "coalesce(sym, s)"));
        out.add(c(coalesce(col("d1"), col("a")), "coalesce(d1, a)"));
        out.add(c(when(col("a").gt(0)).then(lit("pos")).when(col("a").lt(0)).then(lit("neg")).otherwise(lit("zero or null")),
                "CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero or null' END"));
        out.add(c(when(col("flag")).then(col("b")).otherwise(col("a")), "CASE WHEN flag THEN b ELSE a END"));
        out.add(c(when(col("flag2")).then(col("x")), "CASE WHEN flag2 THEN x END"));
        out.add(c(when(col("nstr").eq("-7")).then(lit(0)).otherwise(col("nstr").cast(DataType.INT32)),
                "CASE WHEN nstr = '-7' THEN 0 ELSE TRY_CAST(nstr AS INTEGER) END"));
        // math
        out.add(c(col("a").abs(), "abs(a)"));
        out.add(c(col("x").abs(), "abs(x)"));
        out.add(c(col("d1").abs(), "abs(d1)"));
        out.add(c(col("x").round(0), "round(x, 0)"));
        out.add(c(col("y").round(1), "round(y, 1)"));
        out.add(c(col("y").round(-1), "round(y, -1)"));
        out.add(c(col("d2").round(1), "round(d2, 1)"));
        out.add(c(col("d1").round(-1), "round(d1, -1)"));
        out.add(c(col("b").round(-2), "round(b, -2)"));
        out.add(c(col("x").floor(), "floor(x)"));
        out.add(c(col("y").ceil(), "ceil(y)"));
        out.add(c(col("d1").floor(), "floor(d1)"));
        out.add(c(col("d2").ceil(), "ceil(d2)"));
        out.add(c(col("d3").round(2), "round(d3, 2)"));
        // strings
        out.add(c(col("s").startsWith("ab"), "starts_with(s, 'ab')"));
        out.add(c(col("s").endsWith("3"), "ends_with(s, '3')"));
        out.add(c(col("s").contains("emoji"), "contains(s, 'emoji')"));
        out.add(c(col("sym").contains("A"), "contains(sym, 'A')"));
        out.add(c(col("s").like("a_b%"), "s LIKE 'a_b%'"));
        out.add(c(col("s").like("%a\\_b%"), "s LIKE '%a\\_b%'"));
        out.add(c(col("s").like("_😀%"), "s LIKE '_😀%'"));
        out.add(c(col("s").like("%😀_"), "s LIKE '%😀_'"));
        out.add(c(col("s").like("%e%o%"), "s LIKE '%e%o%'"));
        out.add(c(col("s").like("abc"), "s LIKE 'abc'"));
        // Literal parts between '%' only: found one after another, anchored at an end without '%'.
        out.add(c(col("s").like("a%c%"), "s LIKE 'a%c%'"));
        out.add(c(col("s").like("%b%%c%3"), "s LIKE '%b%%c%3'"));
        out.add(c(col("s").like("a%b%c%0"), "s LIKE 'a%b%c%0'"));
        out.add(c(col("s").like("😀%😀%"), "s LIKE '😀%😀%'"));
        out.add(c(col("s").like("st%e%"), "s LIKE 'st%e%'"));
        out.add(c(col("s").like("ab%bc1"), "s LIKE 'ab%bc1'"));
        out.add(c(col("s").like("%%%"), "s LIKE '%%%'"));
        out.add(c(col("s").like("a%b"), "s LIKE 'a%b'"));
        out.add(c(col("s").like("t%a%"), "s LIKE 't%a%'"));
        out.add(c(col("s").like("%e%o"), "s LIKE '%e%o'"));
        out.add(c(col("s").lower(), "lower(s)"));
        out.add(c(col("s").upper(), "upper(s)"));
        out.add(c(col("sym").lower(), "lower(sym)"));
        out.add(c(col("s").length(), "length(s)"));
        out.add(c(col("s").substring(1, 3), "substring(s, 2, 3)"));
        out.add(c(col("s").substring(0, 0), "substring(s, 1, 0)"));
        out.add(c(col("sym").substring(2, 10), "substring(sym, 3, 10)"));
        // temporal
        for (String part : new String[] {"year", "month", "day", "weekday"}) {
            String sqlPart = part.equals("weekday") ? "isodow" : part;
            for (String c : new String[] {"dt", "ts", "ts_ns", "tz"}) out.add(c(fn(part, col(c)), sqlPart + "(" + c + ")"));
        }
        for (String part : new String[] {"hour", "minute", "second"}) {
            for (String c : new String[] {"ts", "ts_ms", "tm"}) out.add(c(fn(part, col(c)), part + "(" + c + ")"));
        }
        out.add(c(col("dt").truncate("1mo").cast(DataType.STRING), "date_trunc('month', dt)::DATE::VARCHAR"));
        out.add(c(col("dt").truncate("1y").cast(DataType.STRING), "date_trunc('year', dt)::DATE::VARCHAR"));
        out.add(c(col("dt").truncate("1w").cast(DataType.STRING), "date_trunc('week', dt)::DATE::VARCHAR"));
        out.add(c(col("ts").truncate("1d").cast(DataType.STRING), "date_trunc('day', ts)::TIMESTAMP::VARCHAR"));
        out.add(c(col("ts").truncate("1h").cast(DataType.STRING), "date_trunc('hour', ts)::VARCHAR"));
        out.add(c(col("ts").truncate("15m").cast(DataType.STRING), "time_bucket(INTERVAL '15 minutes', ts)::VARCHAR"));
        out.add(c(col("ts_ns").truncate("1mo").cast(DataType.STRING), "date_trunc('month', ts_ns)::TIMESTAMP_NS::VARCHAR"));
        out.add(c(col("ts").truncate("1q").cast(DataType.STRING), "date_trunc('quarter', ts)::TIMESTAMP::VARCHAR"));
        out.add(c(col("ts").add(Duration.ofHours(36).plusMillis(5)).cast(DataType.STRING), "(ts + INTERVAL 36 HOUR + INTERVAL 5 MILLISECOND)::VARCHAR"));
        out.add(c(col("ts_ns").sub(Duration.ofNanos(1000)).cast(DataType.STRING), "(ts_ns - INTERVAL 1 MICROSECOND)::TIMESTAMP_NS::VARCHAR"));
        out.add(c(col("dt").add(Duration.ofDays(3)).cast(DataType.STRING), "(dt + 3)::VARCHAR"));
        out.add(c(col("dt").sub(Duration.ofHours(6)).cast(DataType.STRING), "(dt - INTERVAL 6 HOUR)::VARCHAR"));
        out.add(c(col("dt").sub(lit(LocalDate.of(2000, 1, 1))), "dt - DATE '2000-01-01'"));
        return out;
    }

    private static Expr cmp(String op, Expr a, Expr b) {
        return switch (op) {
            case "eq" -> a.eq(b);
            case "neq" -> a.neq(b);
            case "lt" -> a.lt(b);
            case "ltEq" -> a.ltEq(b);
            case "gt" -> a.gt(b);
            default -> a.gtEq(b);
        };
    }

    private static Expr fn(String part, Expr e) {
        return switch (part) {
            case "year" -> e.year();
            case "month" -> e.month();
            case "day" -> e.day();
            case "weekday" -> e.weekday();
            case "hour" -> e.hour();
            case "minute" -> e.minute();
            default -> e.second();
        };
    }

    @TestFactory
    Stream<DynamicTest> matchesDuckDb() {
        List<DataFrame> batches = batches();
        assertTrue(batches.size() >= 4, "several batches: " + batches.size());
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name() + "  <=>  " + k.sql(), () -> check(k, batches)));
    }

    private static void check(Case k, List<DataFrame> batches) throws Exception {
        CompiledExpression ce = ExpressionCompiler.compile(k.expr(), batches.get(0).schema());
        List<String> ours = new ArrayList<>(ROWS);
        for (DataFrame b : batches) {
            Column col = ce.evaluate(b);
            assertEquals(b.height(), col.size());
            assertEquals(ce.type(), col.type(), "declared vs produced type");
            for (int i = 0; i < col.size(); i++) ours.add(norm(col.get(i)));
        }
        List<String> theirs = new ArrayList<>(ROWS);
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT " + k.sql() + " FROM '" + file + "'")) {
            while (rs.next()) theirs.add(norm(rs.getObject(1)));
        }
        assertEquals(theirs.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            if (!ours.get(i).equals(theirs.get(i))) {
                throw new AssertionError(k.name() + " row " + i + ": ours " + ours.get(i) + ", DuckDB " + theirs.get(i) + " (type " + ce.type() + ")");
            }
        }
    }

    /** One text form for a value from either side: numbers by value, strings tagged. */
    static String norm(Object v) {
        return switch (v) {
            case null -> "null";
            case Boolean b -> b.toString();
            case Byte x -> "i" + x;
            case Short x -> "i" + x;
            case Integer x -> "i" + x;
            case Long x -> "i" + x;
            case BigInteger x -> "i" + x;
            case BigDecimal d -> d.signum() == 0 ? "i0" : d.stripTrailingZeros().scale() <= 0
                    ? "i" + d.toBigIntegerExact() : "n" + d.stripTrailingZeros().toPlainString();
            case Float f -> "f" + (f == 0 ? "0.0" : Float.toString(f));
            case Double d -> "d" + (d == 0 ? "0.0" : Double.toString(d));
            case String s -> "s" + s;
            case LocalDate d -> "date" + d;
            case LocalDateTime t -> "ts" + t;
            case Instant t -> "ts" + LocalDateTime.ofInstant(t, ZoneOffset.UTC);
            default -> v.getClass().getSimpleName() + ":" + v;
        };
    }

    @Test
    void filterKeepsTrueRowsOnly() throws Exception {
        List<DataFrame> batches = batches();
        CompiledExpression p = ExpressionCompiler.compile(col("sym").eq("X").and(col("a").gt(0)), batches.get(0).schema());
        long ours = 0;
        for (DataFrame b : batches) {
            DataFrame kept = Filter.apply(b, p);
            for (int i = 0; i < kept.height(); i++) assertEquals("X", kept.column("sym").get(i));
            ours += kept.height();
        }
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM '" + file + "' WHERE sym = 'X' AND a > 0")) {
            rs.next();
            assertEquals(rs.getLong(1), ours);
        }
        assertTrue(ours > 0);
    }

    @Test
    void overflowAndBadCastsAreErrors() {
        DataFrame b = batches().get(0);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> ExpressionCompiler.compile(col("ext").add(1), b.schema()).evaluate(b));
        assertTrue(e.getMessage().contains("(ext + 1)") && e.getMessage().contains("9223372036854775807"), e.getMessage());
        e = assertThrows(EvaluationException.class, () -> ExpressionCompiler.compile(col("ext").mul(col("ext")), b.schema()).evaluate(b));
        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
        // rounding to tens past the type's range is an overflow, not a wrapped value
        e = assertThrows(EvaluationException.class, () -> ExpressionCompiler.compile(col("ext").round(-1), b.schema()).evaluate(b));
        assertTrue(e.getMessage().contains("overflow") && e.getMessage().contains("round(ext, -1)"), e.getMessage());
        e = assertThrows(EvaluationException.class, () -> ExpressionCompiler.compile(col("s").cast(DataType.INT32), b.schema()).evaluate(b));
        assertTrue(e.getMessage().contains("cannot cast 'Äbc1' to INTEGER") && e.getMessage().contains("CAST(s AS"), e.getMessage());
        e = assertThrows(EvaluationException.class, () -> ExpressionCompiler.compile(col("b").cast(DataType.INT8), b.schema()).evaluate(b));
        assertTrue(e.getMessage().contains("TINYINT") && e.getMessage().contains("out of range"), e.getMessage());
        e = assertThrows(EvaluationException.class, () -> ExpressionCompiler.compile(col("x").cast(DataType.INT32), b.schema()).evaluate(b));
        assertTrue(e.getMessage().contains("INTEGER"), e.getMessage());
    }
}
