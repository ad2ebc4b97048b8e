package dev.streamingadaptive.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.streamingadaptive.cli.MainTest.data;
import static dev.streamingadaptive.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code query}: group-by, aggregates, sort, limit, explain and usage errors, on alltypes_plain (8 rows). */
class QueryCommandTest {

    @Test
    void groupByAggregatesSortedAsJsonl() {
        // alltypes_plain: id 0..7, bool_col alternating true/false, int_col 0/1 alternating.
        MainTest.Result r = run("query", data("alltypes_plain.parquet"), "--group-by", "bool_col",
                "--agg", "sum(id) as ids, count(*), max(int_col)", "--sort", "-bool_col", "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("{\"bool_col\":true,\"ids\":12,\"count(*)\":4,\"max(int_col)\":0}",
                "{\"bool_col\":false,\"ids\":16,\"count(*)\":4,\"max(int_col)\":1}"), r.outLines());
    }

    @Test
    void whereSortLimitColumns() {
        MainTest.Result r = run("query", data("alltypes_plain.parquet"), "--where", "id >= 2", "--columns", "id,int_col",
                "--sort", "-id", "--limit", "3", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("id,int_col", "7,1", "6,0", "5,1"), r.outLines());
    }

    @Test
    void explainShowsPushdownAndStatistics() {
        MainTest.Result r = run("query", data("alltypes_plain.parquet"), "--where", "id = 3", "--agg", "sum(int_col)", "--explain",
                "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("sum(int_col)", "1"), r.outLines());
        assertTrue(r.err().contains("pushed filter"), r.err());
        assertTrue(r.err().contains("columns: 2/11"), r.err());
        assertTrue(r.err().contains("rows decoded"), r.err());
    }

    @Test
    void tableShowsTwentyRowsAndSaysSo() {
        String f = MainTest.testing().resolve("data") + "/alltypes_tiny_pages.parquet";
        MainTest.Result r = run("query", f, "--columns", "id");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("shape: (20, 1)") || r.outLines().size() >= 20, r.out());
        assertTrue(r.err().contains("showing the first 20 rows"), r.err());
        MainTest.Result all = run("query", f, "--columns", "id", "--limit", "25", "--format", "csv");
        assertEquals(26, all.outLines().size(), all.out());
    }

    @Test
    void sqlQueryWithQuotedPathsAsTables() {
        String f = data("alltypes_plain.parquet");
        MainTest.Result r = run("query", "SELECT a.bool_col, sum(a.id) AS ids, count(*) AS n FROM '" + f + "' a JOIN '" + f
                + "' b ON a.id = b.id WHERE b.int_col IN (0, 1) AND a.id > 0 GROUP BY a.bool_col ORDER BY ids DESC", "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("{\"bool_col\":false,\"ids\":16,\"n\":4}", "{\"bool_col\":true,\"ids\":12,\"n\":3}"), r.outLines());
        MainTest.Result explain = run("query", "select id from '" + f + "' where id = 3", "--explain", "--format", "csv");
        assertEquals(List.of("id", "3"), explain.outLines());
        assertTrue(explain.err().contains("pushed filter"), explain.err());
    }

    @Test
    void sqlErrorsAreUsageErrorsNamingThePlace() {
        MainTest.Result syntax = run("query", "SELECT id FROM 'x.parquet' WHERE id = = 1");
        assertEquals(2, syntax.code());
        assertTrue(syntax.err().contains("line 1, column 37") && syntax.err().contains("'='"), syntax.err());
        MainTest.Result mixed = run("query", "SELECT * FROM 'x.parquet'", "--where", "id = 1");
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("write them in the SQL"), mixed.err());
    }

    @Test
    void usageErrorsNameTheProblem() {
        MainTest.Result unknown = run("query", data("alltypes_plain.parquet"), "--agg", "mean(nope)");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("nope") && unknown.err().contains("int_col"), unknown.err());
        assertEquals(2, run("query", data("alltypes_plain.parquet"), "--group-by", "id").code());
        MainTest.Result badAgg = run("query", data("alltypes_plain.parquet"), "--agg", "frob(id)");
        assertEquals(2, badAgg.code());
        assertTrue(badAgg.err().contains("unknown aggregate 'frob'"), badAgg.err());
    }
}
