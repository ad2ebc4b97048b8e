package dev.streamingadaptive.sql;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.DuckDbRows;
import dev.streamingadaptive.lazy.LazyFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQL text run by us and by DuckDB on the same Parquet files: the same rows. */
class SqlTest {
    @TempDir static Path dir;
    static Connection duck;
    static String t;
    static String u;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        t = dir.resolve("t.parquet").toString();
        u = dir.resolve("u.parquet").toString();
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, CASE WHEN i % 17 = 0 THEN NULL ELSE i % 7 END AS k, 'str' || (i % 11) AS s, "
                    + "DATE '2024-01-01' + i::INTEGER AS d, (i * 1.25)::DECIMAL(10,2) AS dec, CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7 % 100)::DOUBLE END AS v "
                    + "FROM range(200) r(i)) TO '" + t + "' (FORMAT parquet)");
            s.execute("COPY (SELECT CASE WHEN i = 7 THEN NULL ELSE i % 5 END AS k, 'n' || i AS name FROM range(8) r(i)) TO '" + u + "' (FORMAT parquet)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    /** The query with T and U standing for the two files, run by both. */
    private static void same(String sql, boolean ordered) throws Exception {
        String text = sql.replace("'T'", "'" + t + "'").replace("'U'", "'" + u + "'");
        DataFrame ours = Sql.query(text).collect();
        DuckDbRows.assertSame(duck, text, ours, ordered);
    }

    @Test
    void groupByWithAggregatesAndOrder() throws Exception {
        same("SELECT k, count(*) AS n, sum(v) AS sv, avg(dec) AS a, min(s) AS lo, max(d) AS hi FROM 'T' WHERE v > 10 GROUP BY k ORDER BY k", true);
        same("SELECT count(*), sum(dec), count(v), count(DISTINCT k) FROM 'T'", true);
        same("SELECT extract(year FROM d) AS y, month(d) AS m, sum(dec) AS s FROM 'T' GROUP BY y, m ORDER BY count(*) DESC, y, m", true);
        same("SELECT k % 3 AS g, sum(v) FROM 'T' GROUP BY k % 3 HAVING sum(v) > 100 ORDER BY 1 NULLS FIRST", true);
    }

    /** JSqlParser 5.3 parses this as "k IN ((1, 2) AND v > 5)"; the version we use must not. */
    @Test
    void inListFollowedByAnd() throws Exception {
        same("SELECT id FROM 'T' WHERE k IN (1, 2) AND v > 5 ORDER BY id", true);
        same("SELECT id FROM 'T' WHERE k NOT IN (1, 2) AND s LIKE 'str1%' AND v BETWEEN 10 AND 60 ORDER BY id", true);
    }

    @Test
    void joins() throws Exception {
        same("SELECT t.id, u.name FROM 'T' t JOIN 'U' u ON t.k = u.k WHERE u.name LIKE 'n%' ORDER BY t.id, u.name", true);
        same("SELECT t.id, u.name, u.k FROM 'T' t, 'U' u WHERE t.k = u.k AND t.v < 50 ORDER BY 1, 2", true);
        same("SELECT t.id, u.name, u.k FROM 'T' t LEFT JOIN 'U' u ON t.k = u.k AND u.name <> 'n2' ORDER BY t.id, u.name", true);
        same("SELECT t.id, u.name FROM 'T' t RIGHT JOIN 'U' u ON t.k = u.k WHERE u.name < 'n4' ORDER BY u.name, t.id", true);
        same("SELECT t.id, u.name FROM 'T' t FULL JOIN 'U' u ON t.k = u.k ORDER BY t.id, u.name", true);
        same("SELECT a.id, b.id FROM 'T' a, 'T' b WHERE a.id = b.id + 7 AND a.k = b.k ORDER BY a.id", true);
    }

    @Test
    void subqueries() throws Exception {
        same("SELECT id FROM 'T' t WHERE EXISTS (SELECT * FROM 'U' u WHERE u.k = t.k) ORDER BY id", true);
        same("SELECT id FROM 'T' t WHERE NOT EXISTS (SELECT * FROM 'U' u WHERE u.k = t.k AND u.name > 'n3') ORDER BY id", true);
        same("SELECT id FROM 'T' WHERE k NOT IN (SELECT k FROM 'U' WHERE k IS NOT NULL AND name < 'n3') ORDER BY id", true);
        same("SELECT id FROM 'T' WHERE k IN (SELECT k FROM 'U') ORDER BY id", true);
        same("SELECT id FROM 'T' WHERE v > (SELECT avg(v) FROM 'T') ORDER BY id", true);
        same("SELECT id, v FROM 'T' t WHERE v = (SELECT max(v) FROM 'T' t2 WHERE t2.k = t.k) ORDER BY id", true);
        same("SELECT id FROM 'T' t WHERE EXISTS (SELECT * FROM 'T' t2 WHERE t2.k = t.k AND t2.id <> t.id AND t2.v > 90) ORDER BY id", true);
        same("SELECT id FROM 'T' t WHERE NOT EXISTS (SELECT * FROM 'T' t2 WHERE t2.k = t.k AND t2.id < t.id) ORDER BY id", true);
        same("SELECT k, sum(v) AS s FROM 'T' GROUP BY k HAVING sum(v) > (SELECT sum(v) / 10 FROM 'T') ORDER BY k", true);
    }

    @Test
    void withFromSubqueriesCaseCastDatesAndUnion() throws Exception {
        same("WITH x AS (SELECT k, CASE WHEN v > 50 THEN 'hi' ELSE 'lo' END AS band, d FROM 'T' WHERE d >= date '2024-01-01' + interval '10' day) "
                + "SELECT band, count(DISTINCT k) AS ks, min(d) AS first FROM x GROUP BY band HAVING count(*) > 1 ORDER BY band", true);
        same("SELECT c, count(*) AS n FROM (SELECT k, count(*) AS c FROM 'T' GROUP BY k) AS g (kk, c) GROUP BY c ORDER BY n DESC, c", true);
        same("SELECT CAST(dec AS DOUBLE) * 2 AS x, id::VARCHAR AS t, round(dec, 1) AS r, substring(s, 2, 3) AS sub FROM 'T' "
                + "WHERE d < date '2024-03-01' - interval '1' month ORDER BY id", true);
        same("SELECT DISTINCT k FROM 'T' ORDER BY k NULLS FIRST LIMIT 3 OFFSET 1", true);
        same("SELECT k FROM 'U' UNION ALL SELECT k FROM 'U' WHERE k > 2", false);
        same("SELECT k FROM 'U' UNION SELECT k + 1 FROM 'U'", false);
        same("SELECT * FROM 'U' ORDER BY name LIMIT 4", true);
    }

    @Test
    void registeredTablesAndLazyFrameSql() throws Exception {
        SqlContext ctx = new SqlContext().register("trades", LazyFrame.scanParquet(t)).register("names", LazyFrame.scanParquet(u));
        DataFrame ours = ctx.query("SELECT n.name, count(*) AS c FROM trades t JOIN names n ON t.k = n.k GROUP BY n.name ORDER BY n.name").collect();
        DuckDbRows.assertSame(duck, "SELECT n.name, count(*) AS c FROM '" + t + "' t JOIN '" + u + "' n ON t.k = n.k GROUP BY n.name ORDER BY n.name",
                ours, true);
        DataFrame self = LazyFrame.scanParquet(t).sql("SELECT k, max(id) AS m FROM self WHERE k IS NOT NULL GROUP BY k ORDER BY k").collect();
        DuckDbRows.assertSame(duck, "SELECT k, max(id) AS m FROM '" + t + "' WHERE k IS NOT NULL GROUP BY k ORDER BY k", self, true);
        assertEquals(List.of("k", "m"), self.schema().names());
    }

    @Test
    void errorsNameThePlaceAndTheCause() {
        SqlException e = assertThrows(SqlException.class, () -> Sql.query("SELECT a\nFROM 'x.parquet' WHERE a = = 1"));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.query("SELECT nope FROM '" + t + "'"));
        assertTrue(e.getMessage().contains("unknown column 'nope'") && e.getMessage().contains("id"), e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.query("SELECT * FROM missing_table"));
        assertTrue(e.getMessage().contains("unknown table 'missing_table'"), e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.query("SELECT id, count(*) FROM '" + t + "'"));
        assertTrue(e.getMessage().contains("must appear in GROUP BY"), e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.query("SELECT row_number() OVER () FROM '" + t + "'"));
        assertTrue(e.getMessage().startsWith("not supported"), e.getMessage());
        e = assertThrows(SqlException.class, () -> Sql.query("DELETE FROM x"));
        assertTrue(e.getMessage().contains("only queries"), e.getMessage());
    }
}
