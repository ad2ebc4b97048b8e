package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.streamingadaptive.exec.agg.AggFunction.*;
import static dev.streamingadaptive.exec.agg.AggTestSupport.Agg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HashAggregation over our reader's batches of DuckDB-written files equals DuckDB's GROUP BY of
 * the same file: same group sets, same values (exact, relative 1e-9 for floating results).
 */
class HashAggregationDuckDbTest {
    static final int ROWS = 30_000;

    static final String TABLE = """
            SELECT
              i AS id,
              CASE WHEN i % 97 = 0 THEN NULL ELSE ['alpha', 'beta', 'gamma', 'délta', '日本語', '😀 emoji', 'z', ''][i % 8 + 1] END AS s_key,
              CASE WHEN i % 41 = 0 THEN NULL ELSE (i % 5)::INTEGER END AS k_int,
              CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 104729 % 2000000000)::INTEGER END AS i32,
              (CASE i % 13 WHEN 0 THEN NULL WHEN 1 THEN 9223372036854775807 WHEN 2 THEN -9223372036854775808
                           ELSE i * 1000003 * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) END)::BIGINT AS i64x,
              ((i * 7919 % 1000000) - 500000)::BIGINT AS i64,
              (i % 256)::UTINYINT AS u8,
              (i::BIGINT * 858993 % 4294967296)::UINTEGER AS u32,
              (18446744073709551615 - i * 1000)::UBIGINT AS u64,
              (i / 7.0)::FLOAT AS f32,
              CASE i % 50 WHEN 0 THEN 'nan'::DOUBLE WHEN 1 THEN 'inf'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE WHEN 3 THEN -0.0::DOUBLE
                          WHEN 4 THEN NULL ELSE (i % 300) * 1.5 END AS f64x,
              CASE WHEN i % 17 = 0 THEN NULL ELSE (i % 1000) * 0.37 - 100 END::DOUBLE AS f64,
              CAST(((i % 19999) - 9999) / 100.0 AS DECIMAL(9,2)) AS dec9,
              CAST(i * 12345.678 * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) AS DECIMAL(18,3)) AS dec18,
              CASE WHEN i % 23 = 0 THEN NULL ELSE
                CAST((CASE WHEN i % 2 = 0 THEN '' ELSE '-' END) || (i % 700) || '12345678901234567.0123456789' AS DECIMAL(38,10)) END AS dec38,
              CASE WHEN i % 9 = 0 THEN NULL ELSE 'str_' || (i * 31 % 5000) || CASE WHEN i % 3 = 0 THEN 'é😀' ELSE '' END END AS s_hi,
              DATE '1970-01-01' + (i * 37 - 90000)::INTEGER AS d,
              TIMESTAMP '1990-01-01' + to_microseconds(i::BIGINT * 987654321) AS ts,
              CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS b,
              CASE WHEN i % 5 = 0 THEN NULL ELSE '\\xFF\\x00'::BLOB || encode((i % 3000)::VARCHAR) END AS bl,
              md5((i % 2000)::VARCHAR)::UUID AS u,
              CASE WHEN i % 8 = 6 THEN NULL ELSE i END AS v_z
            FROM range(ROWS_PLACEHOLDER) r(i)
            """.replace("ROWS_PLACEHOLDER", Integer.toString(ROWS));

    @TempDir static Path dir;
    static Connection duck;
    static Path file;
    static List<DataFrame> batches;

    @BeforeAll
    static void setUp() throws Exception {
        duck = AggTestSupport.duck();
        file = AggTestSupport.write(duck, dir.resolve("t.parquet"), TABLE, 4000);
        batches = AggTestSupport.batches(file, 1500);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    static Agg a(AggFunction f, String col, String sql) { return Agg.of(f, col, sql); }

    /** Every function on every type family. */
    static List<Agg> allAggs() {
        List<Agg> l = new ArrayList<>(List.of(
                a(LEN, null, "count(*)"),
                a(SUM, "i32", "sum(i32)"), a(MEAN, "i32", "avg(i32)"), a(MIN, "i32", "min(i32)"), a(MAX, "i32", "max(i32)"),
                a(MEDIAN, "i32", "median(i32)"), a(COUNT, "i32", "count(i32)"),
                a(MIN, "i64x", "min(i64x)"), a(MAX, "i64x", "max(i64x)"), a(COUNT, "i64x", "count(i64x)"),
                a(N_UNIQUE, "i64x", "count(DISTINCT i64x)"), a(FIRST, "i64x", "first(i64x ORDER BY id)"),
                a(LAST, "i64x", "last(i64x ORDER BY id)"),
                a(SUM, "i64", "sum(i64)"), a(MEAN, "i64", "avg(i64)"), a(STD, "i64", "stddev_samp(i64)"), a(VAR, "i64", "var_samp(i64)"),
                a(SUM, "u8", "sum(u8)"), a(MAX, "u8", "max(u8)"), a(SUM, "u32", "sum(u32)"), a(MIN, "u32", "min(u32)"), a(MAX, "u32", "max(u32)"),
                a(SUM, "u64", "sum(u64)"), a(MEAN, "u64", "avg(u64)"), a(MIN, "u64", "min(u64)"), a(MAX, "u64", "max(u64)"),
                a(FIRST, "u64", "first(u64 ORDER BY id)"), a(N_UNIQUE, "u32", "count(DISTINCT u32)"),
                a(SUM, "f32", "sum(f32)"), a(MEAN, "f32", "avg(f32)"), a(MIN, "f32", "min(f32)"), a(MAX, "f32", "max(f32)"),
                a(SUM, "f64x", "sum(f64x)"), a(MEAN, "f64x", "avg(f64x)"), a(MIN, "f64x", "min(f64x)"), a(MAX, "f64x", "max(f64x)"),
                a(COUNT, "f64x", "count(f64x)"), a(N_UNIQUE, "f64x", "count(DISTINCT f64x)"),
                a(FIRST, "f64x", "first(f64x ORDER BY id)"), a(LAST, "f64x", "last(f64x ORDER BY id)"),
                a(MEDIAN, "f64x", "median(f64x)"),
                a(STD, "f64", "stddev_samp(f64)"), a(VAR, "f64", "var_samp(f64)"), a(MEDIAN, "f64", "median(f64)"),
                a(SUM, "dec9", "sum(dec9)"), a(MEAN, "dec9", "avg(dec9)"), a(MIN, "dec9", "min(dec9)"), a(MAX, "dec9", "max(dec9)"),
                a(STD, "dec9", "stddev_samp(dec9::DOUBLE)"),
                a(SUM, "dec18", "sum(dec18)"), a(MIN, "dec18", "min(dec18)"), a(MAX, "dec18", "max(dec18)"),
                a(MEDIAN, "dec18", "median(dec18::DOUBLE)"), a(LAST, "dec18", "last(dec18 ORDER BY id)"),
                a(SUM, "dec38", "sum(dec38)"), a(MEAN, "dec38", "avg(dec38)"), a(MIN, "dec38", "min(dec38)"), a(MAX, "dec38", "max(dec38)"),
                a(N_UNIQUE, "dec38", "count(DISTINCT dec38)"), a(FIRST, "dec38", "first(dec38 ORDER BY id)"),
                a(MIN, "s_hi", "min(s_hi)"), a(MAX, "s_hi", "max(s_hi)"), a(N_UNIQUE, "s_hi", "count(DISTINCT s_hi)"),
                a(FIRST, "s_hi", "first(s_hi ORDER BY id)"), a(LAST, "s_hi", "last(s_hi ORDER BY id)"), a(COUNT, "s_hi", "count(s_hi)"),
                a(MIN, "s_key", "min(s_key)"), a(MAX, "s_key", "max(s_key)"),
                a(MIN, "d", "min(d)::VARCHAR"), a(MAX, "d", "max(d)::VARCHAR"), a(FIRST, "d", "first(d ORDER BY id)::VARCHAR"),
                a(MIN, "ts", "epoch_us(min(ts))"), a(MAX, "ts", "epoch_us(max(ts))"), a(LAST, "ts", "epoch_us(last(ts ORDER BY id))"),
                a(N_UNIQUE, "ts", "count(DISTINCT ts)"),
                a(MIN, "b", "min(b)"), a(MAX, "b", "max(b)"), a(FIRST, "b", "first(b ORDER BY id)"), a(N_UNIQUE, "b", "count(DISTINCT b)"),
                a(MIN, "bl", "hex(min(bl))"), a(MAX, "bl", "hex(max(bl))"), a(LAST, "bl", "hex(last(bl ORDER BY id))"),
                a(MIN, "u", "min(u)::VARCHAR"), a(MAX, "u", "max(u)::VARCHAR"), a(N_UNIQUE, "u", "count(DISTINCT u)"),
                a(SUM, "v_z", "sum(v_z)"), a(MIN, "v_z", "min(v_z)"), a(COUNT, "v_z", "count(v_z)"), a(MEAN, "v_z", "avg(v_z)"),
                a(STD, "v_z", "stddev_samp(v_z)"), a(MEDIAN, "v_z", "median(v_z)"), a(N_UNIQUE, "v_z", "count(DISTINCT v_z)"),
                a(FIRST, "v_z", "first(v_z ORDER BY id)")));
        l.add(new Agg(QUANTILE, "f64", "quantile_cont(f64, 0.9)", 0.9));
        l.add(new Agg(QUANTILE, "i64", "quantile_cont(i64, 0.25)", 0.25));
        l.add(new Agg(QUANTILE, "f64x", "quantile_cont(f64x, 0.1)", 0.1));
        return l;
    }

    static void check(List<String> keys, List<Agg> aggs, DataFrame ours) throws Exception {
        var expected = AggTestSupport.duckResult(duck, AggTestSupport.duckQuery(file, keys, aggs, null), keys.size());
        AggTestSupport.assertSame(expected, AggTestSupport.ourResult(ours, keys.size()), aggs);
    }

    static DataFrame run(List<String> keys, List<Agg> aggs) {
        try (HashAggregation h = AggTestSupport.feed(batches, AggTestSupport.range(batches.size()), keys, aggs, MemoryManager.fixed(1L << 30))) {
            return h.finish();
        }
    }

    @Test
    void batchesAreSeveralAndDictionaryEncoded() {
        assertTrue(batches.size() >= 10, "several batches: " + batches.size());
        assertTrue(AggTestSupport.anyDictionary(batches), "some columns arrive dictionary-encoded");
    }

    @Test
    void dictionaryStringKeyEveryFunction() throws Exception {
        List<Agg> aggs = allAggs();
        DataFrame ours = run(List.of("s_key"), aggs);
        assertEquals(9, ours.height(), "8 strings and NULL");
        check(List.of("s_key"), aggs, ours);
    }

    @Test
    void globalAggregationEveryFunction() throws Exception {
        List<Agg> aggs = allAggs();
        DataFrame ours = run(List.of(), aggs);
        assertEquals(1, ours.height());
        check(List.of(), aggs, ours);
    }

    @Test
    void multiKeyStringAndInt() throws Exception {
        List<Agg> aggs = allAggs();
        DataFrame ours = run(List.of("s_key", "k_int"), aggs);
        assertEquals(9 * 6, ours.height(), "every (string or NULL, 0..4 or NULL) pair occurs");
        check(List.of("s_key", "k_int"), aggs, ours);
    }

    @Test
    void multiKeyOfHighCardinalityOutgrowsTheDirectPairTable() throws Exception {
        List<Agg> aggs = List.of(a(LEN, null, "count(*)"), a(SUM, "i64", "sum(i64)"), a(LAST, "f64x", "last(f64x ORDER BY id)"));
        DataFrame ours = run(List.of("id", "s_hi", "b"), aggs);
        assertEquals(ROWS, ours.height());
        check(List.of("id", "s_hi", "b"), aggs, ours);
        check(List.of("i32", "u32"), aggs, run(List.of("i32", "u32"), aggs));
    }

    @Test
    void threeKeys() throws Exception {
        List<Agg> aggs = List.of(a(LEN, null, "count(*)"), a(SUM, "i64", "sum(i64)"), a(MAX, "s_hi", "max(s_hi)"));
        check(List.of("b", "k_int", "u8"), aggs, run(List.of("b", "k_int", "u8"), aggs));
    }

    @Test
    void everyKeyType() throws Exception {
        List<Agg> aggs = List.of(a(LEN, null, "count(*)"), a(SUM, "i64", "sum(i64)"), a(MIN, "s_hi", "min(s_hi)"),
                a(FIRST, "id", "first(id ORDER BY id)"), a(N_UNIQUE, "k_int", "count(DISTINCT k_int)"));
        for (String key : List.of("k_int", "i32", "i64x", "u8", "u32", "u64", "f32", "f64x", "dec9", "dec18", "dec38",
                "s_hi", "d", "ts", "b", "bl", "u", "id")) {
            DataFrame ours = run(List.of(key), aggs);
            try {
                check(List.of(key), aggs, ours);
            } catch (AssertionError e) {
                throw new AssertionError("key " + key + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void floatKeysFoldNaNAndNegativeZero() {
        DataFrame ours = run(List.of("f64x"), List.of(a(LEN, null, "count(*)")));
        int nan = 0, zero = 0;
        for (int r = 0; r < ours.height(); r++) {
            Object v = ours.column(0).get(r);
            if (v instanceof Double d && d.isNaN()) nan++;
            if (v instanceof Double d && d == 0.0) zero++;
        }
        assertEquals(1, nan, "one NaN group");
        assertEquals(1, zero, "-0.0 and 0.0 are one group");
    }

    @Test
    void mergedHalvesInAnyOrderEqualDuckDb() throws Exception {
        List<Agg> aggs = allAggs();
        for (List<String> keys : List.of(List.of("s_key"), List.of("s_key", "k_int"), List.<String>of(), List.of("s_hi"))) {
            List<Integer> order = AggTestSupport.range(batches.size());
            Collections.shuffle(order, new Random(keys.size() * 31L + 7));
            List<Integer> a = new ArrayList<>(), b = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) (i % 2 == 0 ? a : b).add(order.get(i));
            MemoryManager mm = MemoryManager.fixed(1L << 30);
            HashAggregation left = AggTestSupport.feed(batches, a, keys, aggs, mm);
            HashAggregation right = AggTestSupport.feed(batches, b, keys, aggs, mm);
            left.merge(right);
            DataFrame merged = left.finish();
            assertEquals(0, mm.trackedBytes(), "merge and finish release everything");
            check(keys, aggs, merged);
        }
    }

    @Test
    void zeroRowsGlobalIsOneRowAndKeyedIsEmpty() throws Exception {
        List<Agg> aggs = allAggs();
        DataFrame schema = batches.get(0);
        try (HashAggregation h = new HashAggregation(List.of(), AggTestSupport.specs(schema, aggs), MemoryManager.fixed(1 << 20), "agg")) {
            h.add(List.of(), aggs.stream().map(x -> x.column() == null ? null : schema.column(x.column()).slice(0, 0)).toList(), 0);
            DataFrame ours = h.finish();
            assertEquals(1, ours.height());
            var expected = AggTestSupport.duckResult(duck, AggTestSupport.duckQuery(file, List.of(), aggs, "false"), 0);
            AggTestSupport.assertSame(expected, AggTestSupport.ourResult(ours, 0), aggs);
            assertEquals(0L, ours.column(0).get(0), "len() of nothing is 0");
        }
        try (HashAggregation h = new HashAggregation(AggTestSupport.keyFields(schema, List.of("s_key")),
                AggTestSupport.specs(schema, aggs), MemoryManager.fixed(1 << 20), "agg")) {
            DataFrame ours = h.finish();
            assertEquals(0, ours.height());
            assertEquals(1 + aggs.size(), ours.width());
        }
    }
}
