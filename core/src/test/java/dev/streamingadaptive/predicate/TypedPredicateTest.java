package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.JsonLinesWriter;
import dev.streamingadaptive.oracle.DuckDbOracle;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Typed predicates against DuckDB: DuckDB writes one file of ten 2,048-row row groups whose values
 * are clustered per row group (so min/max statistics can prune) with every orderable scalar type
 * and nulls; for each predicate, written once and run both as {@code --where} text (parsed, bound
 * to the file's schema) and as DuckDB SQL, our matching rows must equal DuckDB's value by value
 * (as {@code --format jsonl} lines), the row groups we skip must hold no DuckDB match, and at least
 * the expected number of row groups must be skipped.
 */
class TypedPredicateTest {
    static final int ROWS = 20480;
    static final int GROUP = 2048;
    static final int GROUPS = ROWS / GROUP;

    @TempDir
    static Path dir;
    static Path file;
    static DuckDbOracle duck;
    /** DuckDB's jsonl line of every row, by id (= row number). */
    static List<String> expectedLines;
    static Schema schema;

    /** g = row group, k = row within it; each column is null on its own residue of k. */
    static final String TABLE = """
            SELECT
              i AS id,
              CASE WHEN k % 19 = 1 THEN NULL ELSE (g * 25 - 128 + k % 25)::TINYINT END AS t8,
              CASE WHEN k % 19 = 2 THEN NULL ELSE (g * 6000 - 30000 + k)::SMALLINT END AS t16,
              CASE WHEN g = 7 OR k % 19 = 3 THEN NULL ELSE (g * 100000 - 500000 + k * 3)::INTEGER END AS t32,
              (CASE WHEN k % 19 = 4 THEN NULL WHEN g = 0 THEN -9223372036854775808 + k WHEN g = 9 THEN 9223372036854775807 - k
                    ELSE (g - 5) * 1000000000000000 + k END)::BIGINT AS t64,
              CASE WHEN k % 19 = 5 THEN NULL ELSE (g * 25 + k % 25)::UTINYINT END AS u8,
              CASE WHEN k % 19 = 6 THEN NULL ELSE (g * 6500 + k)::USMALLINT END AS u16,
              CASE WHEN k % 19 = 7 THEN NULL ELSE (g * 429496729 + k)::UINTEGER END AS u32,
              (CASE WHEN k % 19 = 8 THEN NULL WHEN g = 9 THEN 18446744073709551615 - k
                    ELSE g::HUGEINT * 1844674407370955161 + k END)::UBIGINT AS u64,
              (CASE WHEN k % 19 = 9 THEN NULL WHEN g = 3 AND k % 100 = 5 THEN 'nan' WHEN g = 4 AND k % 100 = 6 THEN 'inf'
                    WHEN g = 0 AND k % 100 = 7 THEN '-inf' WHEN g = 5 AND k % 100 = 8 THEN '-0.0' WHEN g = 5 AND k % 100 = 9 THEN '0.0'
                    WHEN g = 1 AND k % 50 = 10 THEN '0.1' ELSE (g * 10 + k / 1000.0)::VARCHAR END)::FLOAT AS f,
              (CASE WHEN k % 19 = 10 THEN NULL WHEN g = 3 AND k % 97 = 11 THEN 'nan' WHEN g = 9 AND k % 100 = 12 THEN 'inf'
                    WHEN g = 0 AND k % 100 = 13 THEN '-inf' WHEN g = 5 AND k % 100 = 14 THEN '-0.0' WHEN g = 5 AND k % 100 = 15 THEN '0.0'
                    ELSE (g * 1000000.0 - 5000000.0 + k * 0.25)::VARCHAR END)::DOUBLE AS d,
              CASE WHEN k % 19 = 11 THEN NULL ELSE ((g * 1999 - 9999 + k % 1999) * 0.1)::DECIMAL(4,1) END AS dec41,
              CASE WHEN k % 19 = 12 THEN NULL ELSE (g * 1000000 - 5000000 + k * 0.37)::DECIMAL(9,2) END AS dec92,
              CASE WHEN k % 19 = 13 THEN NULL ELSE ((g - 5)::DECIMAL(18,3) * 100000000000000 + k * 1.001)::DECIMAL(18,3) END AS dec183,
              CASE WHEN k % 19 = 14 THEN NULL
                   ELSE ((g - 5)::VARCHAR || '0000000000000000000000000.' || lpad(k::VARCHAR, 10, '0'))::DECIMAL(38,10) END AS dec3810,
              CASE WHEN k % 19 = 15 THEN NULL ELSE DATE '2000-01-01' + (g * 1000 + k % 500)::INTEGER END AS dt,
              CASE WHEN k % 19 = 16 THEN NULL ELSE make_time(g * 2, (k // 60) % 60, (k % 60) + (k % 8) / 8.0) END AS tm,
              CASE WHEN k % 19 = 17 THEN NULL ELSE TIMESTAMP '2024-01-01' + to_days(g * 30) + to_microseconds(k * 1000003) END AS ts,
              CASE WHEN k % 19 = 18 THEN NULL
                   ELSE make_timestamp_ns(1704067200000000000 + g * 2592000000000000 + k * 1000000007) END AS tsns,
              CASE WHEN k % 23 = 0 THEN NULL
                   ELSE (TIMESTAMP '2024-01-01 09:30:00' + to_days(g * 30) + to_microseconds(k * 1000003))::TIMESTAMPTZ END AS tstz,
              CASE WHEN k % 23 = 1 THEN NULL
                   ELSE (TIMESTAMP '2024-01-01' + to_days(g * 30) + to_milliseconds(k * 1003))::TIMESTAMP_MS END AS tsms,
              CASE WHEN k % 23 = 2 THEN NULL WHEN g = 2 AND k = 100 THEN repeat('cherry', 60)
                   ELSE ['apple', 'banana', 'cherry', 'date', 'élan', 'zebra', 'ｚｅｎ', chr(65533), chr(128512), chr(128512) || chr(128512)][g + 1]
                        || '-' || lpad(k::VARCHAR, 4, '0') END AS s,
              CASE WHEN k % 23 = 3 THEN NULL WHEN g < 4 THEN false WHEN g < 7 THEN true ELSE k % 2 = 0 END AS b
            FROM (SELECT i, i // 2048 AS g, i % 2048 AS k FROM range(20480) t(i))
            """;

    @BeforeAll
    static void write() throws Exception {
        file = dir.resolve("typed.parquet");
        duck = new DuckDbOracle();
        duck.execute("COPY (" + TABLE + ") TO " + DuckDbOracle.lit(file.toString()) + " (FORMAT parquet, ROW_GROUP_SIZE " + GROUP + ")");
        expectedLines = duck.expected(file).lines();
        // The oracle filters a materialized copy: DuckDB's semantics without its Parquet statistics
        // pruning (which drops NaN rows on some files, see CorpusPredicateTest).
        duck.execute("CREATE TABLE typed AS SELECT * FROM read_parquet(" + DuckDbOracle.lit(file.toString()) + ")");
        assertEquals(ROWS, expectedLines.size());
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file)) {
            schema = r.schema();
            assertEquals(GROUPS, r.reader().numRowGroups(), "row groups written");
            // Our reading of the whole file must be DuckDB's, or the filtered comparisons below mean nothing.
            List<String> all = new ArrayList<>();
            for (DataFrame df : r) all.addAll(lines(df));
            for (int i = 0; i < ROWS; i++) assertEquals(expectedLines.get(i), all.get(i), "row " + i + " unfiltered");
        }
    }

    @AfterAll
    static void close() {
        if (duck != null) duck.close();
    }

    /** How many rows DuckDB must match: some (but not all rows), none, or any number. */
    enum Expect { SOME, NONE, ANY }

    static Arguments c(String where, int minSkipped, Expect expect) {
        return Arguments.of(where, minSkipped, expect);
    }

    static Stream<Arguments> predicates() {
        return Stream.of(
                // signed integers, literals out of the column's range, string literals cast to the column
                c("t8 = -128", 9, Expect.SOME),
                c("t8 between 0 and 10", 9, Expect.SOME),
                c("t8 < -120", 9, Expect.SOME),
                c("t8 >= 300", 10, Expect.NONE),
                c("t8 = '5'", 9, Expect.SOME),
                c("t16 > 25000", 9, Expect.SOME),
                c("t32 = -499997", 9, Expect.SOME),
                c("t32 is null", 0, Expect.SOME),
                c("t32 is not null and t32 > 190000", 8, Expect.SOME),
                c("t64 <= -9223372036854775800", 9, Expect.SOME),
                c("t64 > 9223372036854775000", 9, Expect.SOME),
                c("t64 in (0, 5, -1000000000000000, 9223372036854775807)", 7, Expect.SOME),
                c("t64 = 1e15", 9, Expect.SOME),
                c("t64 = 1000000000000000.5", 9, Expect.NONE),
                c("t64 = '1000000000000000.5'", 9, Expect.SOME),
                // unsigned, above 2^63 included
                c("u8 > 240", 9, Expect.SOME),
                c("u8 = 255", 10, Expect.NONE),
                c("u16 >= 60000", 9, Expect.SOME),
                c("u32 > 3000000000", 7, Expect.SOME),
                c("u32 = 4294967295", 10, Expect.NONE),
                c("u64 > 9223372036854775807", 5, Expect.SOME),
                c("u64 >= 18446744073709551615", 9, Expect.SOME),
                c("u64 = 14757395258967641298", 9, Expect.SOME),
                c("u64 < 0", 10, Expect.NONE),
                c("u64 = '18446744073709551614'", 9, Expect.SOME),
                c("u64 between 9223372036854775800 and 9223372036854775810", 9, Expect.SOME),
                // FLOAT: decimal literals become DuckDB's float; NaN above everything; -0.0 = 0.0. DuckDB writes
                // no bounds for a row group with NaN (groups 3) and drops an infinite bound (min of 0, max of 4).
                c("f = 0.1", 6, Expect.SOME),
                c("f < 0", 8, Expect.SOME),
                c("f = 0", 7, Expect.SOME),
                c("f > 90", 0, Expect.SOME),
                c("f = 'nan'", 0, Expect.SOME),
                c("f >= 'inf'", 0, Expect.SOME),
                c("f = 11.5", 7, Expect.SOME),
                c("f <= 1e-3", 7, Expect.SOME),
                // DOUBLE
                c("d < -4999999", 8, Expect.SOME),
                c("d = -0.0", 8, Expect.SOME),
                c("d > 'inf'", 0, Expect.SOME),
                c("d <= -1e300", 8, Expect.SOME),
                c("d != 5", 0, Expect.SOME),
                c("d in (-5000000, 'nan')", 0, Expect.SOME),
                // decimals: exact comparisons across scales, strings rounded to the column's scale
                c("dec41 = 1.25", 9, Expect.NONE),
                c("dec41 = '1.25'", 9, Expect.SOME),
                c("dec41 >= 999", 9, Expect.SOME),
                c("dec41 < -999.85", 9, Expect.SOME),
                c("dec41 = -999.90000", 9, Expect.SOME),
                c("dec92 between 3999999.5 and 4000000.5", 9, Expect.SOME),
                c("dec183 > 399999999999999", 9, Expect.SOME),
                c("dec183 = -500000000000000", 9, Expect.SOME),
                c("dec3810 < -40000000000000000000000000", 8, Expect.SOME),
                c("dec3810 = 0.0000000005", 9, Expect.SOME),
                c("dec3810 > 1.5e25", 7, Expect.SOME),
                // dates and times, as typed literals and as strings (DuckDB's implicit casts)
                c("dt >= date '2024-08-01'", 9, Expect.SOME),
                c("dt = '2000-01-05'", 9, Expect.SOME),
                c("dt < '2000-01-05 23:00:00'", 9, Expect.SOME),
                c("dt < timestamp '2000-01-05 12:00:00'", 9, Expect.SOME),
                c("dt <= '2000-1-3'", 9, Expect.SOME),
                c("tm >= '17:00'", 9, Expect.SOME),
                c("tm = '02:00:01.125'", 9, Expect.SOME),
                c("tm < time '00:00:00.5'", 9, Expect.SOME),
                c("ts between '2024-03-01' and '2024-03-01 00:10:00'", 9, Expect.SOME),
                c("ts = '2024-01-01 00:00:01.000003'", 9, Expect.SOME),
                c("ts = '2024-01-01 00:00:01.0000039'", 9, Expect.SOME),
                c("ts > '2024-09-27T00:30:00'", 9, Expect.SOME),
                c("ts >= date '2024-09-27'", 9, Expect.SOME),
                c("tsns = '2024-01-01 00:00:01.000000007'", 9, Expect.SOME),
                c("tsns > timestamp '2024-09-27 00:00:00'", 9, Expect.SOME),
                c("tsns < '2024-01-01 00:00:02.0000000139'", 9, Expect.SOME),
                c("tstz >= '2024-09-27 09:30:00+00'", 9, Expect.SOME),
                c("tstz < '2024-01-01 11:30:00+02'", 10, Expect.NONE),
                c("tstz <= '2024-01-01 11:30:01.000003+02:00'", 9, Expect.SOME),
                c("tstz = '2024-01-01 09:30:01.000003'", 9, Expect.SOME),
                c("tstz < timestamptz '2024-01-01T09:30:05Z'", 9, Expect.SOME),
                c("tsms >= '2024-09-27 00:00:01.0025'", 9, Expect.SOME),
                c("tsms = '2024-01-01 00:00:02.006'", 9, Expect.SOME),
                // strings in UTF-8 byte order, truncated statistics, prefixes
                c("s = 'banana-0007'", 9, Expect.SOME),
                c("s like 'cherry-00%'", 9, Expect.SOME),
                c("starts_with(s, 'cherrycherry')", 9, Expect.SOME),
                c("s > 'cherrycherrycherry'", 2, Expect.SOME),
                c("s >= 'cherrycherryd' and s < 'd'", 9, Expect.NONE),
                c("s > '\uFFFD-9999'", 8, Expect.SOME),
                c("s < 'ｚ'", 4, Expect.SOME),
                c("s >= '😀-'", 8, Expect.SOME),
                c("s like 'élan-1%'", 9, Expect.SOME),
                c("s like '%'", 0, Expect.SOME),
                c("s not like 'a%'", 0, Expect.SOME),
                c("s in ('apple-0001', 'zebra-2047', 'nope')", 8, Expect.SOME),
                c("s = 'date'", 10, Expect.NONE),
                c("starts_with(s, '\uFFFD')", 9, Expect.SOME),
                // booleans
                c("b = true", 4, Expect.SOME),
                c("b = false", 3, Expect.SOME),
                c("b = 'f'", 3, Expect.SOME),
                c("b != true", 3, Expect.SOME),
                // combinations
                c("t8 < -120 or u64 >= 18446744073709551615", 8, Expect.SOME),
                c("not (t16 > -29000) and dt < '2000-01-03'", 9, Expect.SOME),
                c("t32 > 0 and s like 'zebra%'", 9, Expect.SOME),
                c("(dec92 < -4999990 or tm > '19:00') and b is not null", 8, Expect.SOME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("predicates")
    void sameRowsAsDuckDb(String where, int minSkipped, Expect expect) throws Exception {
        RowPredicate p = WhereParser.parse(where, schema);
        List<Long> duckIds = duckIds(where);
        switch (expect) {
            case SOME -> assertTrue(!duckIds.isEmpty() && duckIds.size() < ROWS, where + ": DuckDB matched " + duckIds.size() + " rows");
            case NONE -> assertTrue(duckIds.isEmpty(), where + ": DuckDB matched " + duckIds.size() + " rows");
            case ANY -> { }
        }
        Set<Integer> skipped = new TreeSet<>();
        PredicatePushdown counting = new PredicatePushdown() {
            @Override public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
                boolean skip = p.shouldSkipRowGroup(stats);
                if (skip) skipped.add(stats.index());
                return skip;
            }
            @Override public DataFrame apply(DataFrame df) { return p.apply(df); }
        };
        List<String> ours = new ArrayList<>();
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withPredicate(counting)) {
            for (DataFrame df : r) ours.addAll(lines(df));
        }
        for (long id : duckIds) {
            int group = (int) (id / GROUP);
            if (skipped.contains(group)) fail(where + ": skipped row group " + group + " but DuckDB matches row " + id);
        }
        List<String> expected = new ArrayList<>(duckIds.size());
        for (long id : duckIds) expected.add(expectedLines.get((int) id));
        if (!expected.equals(ours)) {
            int n = Math.min(expected.size(), ours.size());
            int first = 0;
            while (first < n && expected.get(first).equals(ours.get(first))) first++;
            fail(where + " (bound: " + p + "): DuckDB matches " + expected.size() + " rows, we " + ours.size()
                    + "; first difference at match " + first + ":\n  DuckDB: " + (first < expected.size() ? expected.get(first) : "-")
                    + "\n  ours:   " + (first < ours.size() ? ours.get(first) : "-"));
        }
        assertTrue(skipped.size() >= minSkipped, where + ": skipped row groups " + skipped + ", expected at least " + minSkipped);
    }

    @Test
    void wrongColumnsAndLiteralsAreClearErrors() {
        PredicateBindingException e = assertThrows(PredicateBindingException.class, () -> WhereParser.parse("pric > 5", schema));
        assertTrue(e.getMessage().startsWith("unknown column 'pric' in --where; columns: id, t8, t16"), e.getMessage());
        e = assertThrows(PredicateBindingException.class, () -> WhereParser.parse("tsmx > '2024-01-01'", schema));
        assertTrue(e.getMessage().contains("did you mean 'tsms'?"), e.getMessage());
        String[][] cases = {
                {"d > 'abc'", "cannot compare column d (DOUBLE) with 'abc' (string)"},
                {"s > 5", "cannot compare column s (VARCHAR) with 5 (integer)"},
                {"dt = '2024-13-01'", "cannot compare column dt (DATE) with '2024-13-01' (string)"},
                {"t8 = '300'", "cannot compare column t8 (TINYINT) with '300' (string): out of range for TINYINT"},
                {"u8 = '-1'", "cannot compare column u8 (UTINYINT) with '-1' (string): out of range for UTINYINT"},
                {"tm = date '2024-01-01'", "cannot compare column tm (TIME) with DATE '2024-01-01' (date)"},
                {"ts > true", "cannot compare column ts (TIMESTAMP) with true (boolean)"},
                {"tstz in ('2024-01-01', 'x')", "cannot compare column tstz (TIMESTAMP WITH TIME ZONE) with 'x' (string)"},
                {"dec41 = 'x1'", "cannot compare column dec41 (DECIMAL(4,1)) with 'x1' (string)"},
                {"dec41 = '1000'", "cannot compare column dec41 (DECIMAL(4,1)) with '1000' (string): out of range"},
                {"starts_with(t32, 'a')", "starts_with/LIKE needs a string column, but t32 is INTEGER"},
        };
        for (String[] c : cases) {
            e = assertThrows(PredicateBindingException.class, () -> WhereParser.parse(c[0], schema), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), c[0] + " -> " + e.getMessage());
            // DuckDB refuses these too.
            assertThrows(SQLException.class, () -> duckIds(c[0]), c[0] + " accepted by DuckDB");
        }
        // Booleans only with boolean columns (DuckDB would cast 1 to true; we refuse rather than guess).
        e = assertThrows(PredicateBindingException.class, () -> WhereParser.parse("b = 1", schema));
        assertTrue(e.getMessage().startsWith("cannot compare column b (BOOLEAN) with 1 (integer)"), e.getMessage());
    }

    @Test
    void nestedAndIntervalColumnsAreRejected() {
        Schema nested = new Schema(List.of(Field.of("tags", new DataType.ListType(Field.of("element", DataType.STRING))),
                Field.of("iv", DataType.INTERVAL)));
        PredicateBindingException e = assertThrows(PredicateBindingException.class, () -> WhereParser.parse("tags = 'a'", nested));
        assertTrue(e.getMessage().startsWith("cannot filter on column tags (VARCHAR[]): nested columns"), e.getMessage());
        e = assertThrows(PredicateBindingException.class, () -> WhereParser.parse("iv > '1 day'", nested));
        assertTrue(e.getMessage().contains("INTERVAL"), e.getMessage());
        // IS NULL works on any column.
        assertEquals("tags IS NULL", WhereParser.parse("tags is null", nested).toString());
    }

    @Test
    void bindingConvertsLiteralsToColumnTypes() {
        assertEquals("f EQ 0.1", WhereParser.parse("f = 0.1", schema).toString());
        assertEquals(Float.class, ((ComparisonPredicate) WhereParser.parse("f = 0.1", schema)).value().getClass());
        assertEquals(java.time.LocalDate.of(2024, 1, 31), ((ComparisonPredicate) WhereParser.parse("dt = '2024-01-31 10:00'", schema)).value());
        assertEquals(new java.math.BigDecimal("1.3"), ((ComparisonPredicate) WhereParser.parse("dec41 = '1.25'", schema)).value());
        assertEquals(new java.math.BigInteger("18446744073709551615"),
                ((ComparisonPredicate) WhereParser.parse("u64 = '18446744073709551615'", schema)).value());
        assertEquals(java.time.Instant.parse("2024-01-31T07:30:00Z"),
                ((ComparisonPredicate) WhereParser.parse("tstz = '2024-01-31 09:30:00+02'", schema)).value());
        // A TIMESTAMP without time zone ignores the offset, as DuckDB does.
        assertEquals(java.time.LocalDateTime.parse("2024-01-31T09:30:00"),
                ((ComparisonPredicate) WhereParser.parse("ts = '2024-01-31 09:30:00+02'", schema)).value());
        RowPredicate bound = WhereParser.parse("t8 = 5 and not s like 'a%'", schema);
        assertTrue(bound.bind(schema).toString().equals(bound.toString()), "binding twice changes nothing");
    }

    private static List<Long> duckIds(String where) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = duck.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM typed WHERE " + where + " ORDER BY id")) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        return ids;
    }

    private static List<String> lines(DataFrame df) {
        StringBuilder sb = new StringBuilder();
        JsonLinesWriter.write(df, sb);
        List<String> out = new ArrayList<>(df.height());
        int start = 0;
        for (int i = 0; i < sb.length(); i++) {
            if (sb.charAt(i) == '\n') {
                out.add(sb.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
