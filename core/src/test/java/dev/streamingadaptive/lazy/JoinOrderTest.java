package dev.streamingadaptive.lazy;

import dev.streamingadaptive.sql.SqlContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inner joins of four to five tables in random FROM orders, with random filters, against DuckDB: whatever order the
 * optimizer picks, the rows and columns are those written (null keys never join, duplicate keys multiply, a key the
 * new order drops comes back from its equal partner).
 */
class JoinOrderTest {
    @TempDir static Path dir;
    static Connection duck;
    static final String[] TABLES = {"fact", "dim_a", "dim_b", "dim_c", "link"};

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            // fact refers to dim_a (a_id, some nulls and some keys missing there), dim_b (b_id) and link (l_id, l_b:
            // a composite key); dim_c hangs off dim_a by c_id; link's l_b repeats dim_b's ids (a second path to dim_b).
            s.execute("COPY (SELECT i AS f_id, CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 7) % 520 END AS f_a, (i * 13) % 60 AS f_b, "
                    + "(i * 3) % 200 AS f_l, i % 5 AS f_v FROM range(30000) t(i)) TO '" + file("fact") + "' (FORMAT parquet, ROW_GROUP_SIZE 4000)");
            s.execute("COPY (SELECT i AS a_id, i % 40 AS a_c, 'a' || (i % 9)::VARCHAR AS a_tag FROM range(500) t(i)) TO '" + file("dim_a")
                    + "' (FORMAT parquet)");
            s.execute("COPY (SELECT i AS b_id, 'b' || (i % 6)::VARCHAR AS b_tag, i * 10 AS b_w FROM range(60) t(i)) TO '" + file("dim_b")
                    + "' (FORMAT parquet)");
            s.execute("COPY (SELECT i AS c_id, 'c' || (i % 4)::VARCHAR AS c_tag FROM range(40) t(i)) TO '" + file("dim_c") + "' (FORMAT parquet)");
            // Duplicate keys: every l_id twice.
            s.execute("COPY (SELECT i % 200 AS l_id, (i * 11) % 60 AS l_b, i AS l_seq FROM range(400) t(i)) TO '" + file("link")
                    + "' (FORMAT parquet)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static Path file(String table) {
        return dir.resolve(table + ".parquet");
    }

    @Test
    void randomOrdersAndFiltersGiveDuckDbsRows() throws Exception {
        Random random = new Random(20261207);
        String[] conditions = {"f.f_a = a.a_id", "f.f_b = b.b_id", "a.a_c = c.c_id", "f.f_l = l.l_id", "l.l_b = b.b_id"};
        String[] filters = {"a.a_tag = 'a3'", "b.b_tag IN ('b1', 'b2')", "c.c_tag <> 'c0'", "f.f_v < 2", "l.l_seq BETWEEN 20 AND 300",
                "b.b_w >= 300", "a.a_id < 100"};
        String[] aliases = {"f", "a", "b", "c", "l"};
        int reordered = 0;
        for (int round = 0; round < 24; round++) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
            Collections.shuffle(order, random);
            boolean withLink = random.nextInt(3) > 0;
            StringBuilder from = new StringBuilder();
            for (int t : order) {
                if (t == 4 && !withLink) continue;
                if (!from.isEmpty()) from.append(", ");
                from.append('\'').append(file(TABLES[t])).append("' ").append(aliases[t]);
            }
            List<String> where = new ArrayList<>();
            for (int i = 0; i < conditions.length; i++) {
                if (!withLink && (i == 3 || i == 4)) continue;
                where.add(conditions[i]);
            }
            for (String f : filters) {
                if (f.startsWith("l.") && !withLink) continue;
                if (random.nextInt(3) == 0) where.add(f);
            }
            Collections.shuffle(where, random);
            String select = "SELECT f.f_id, a.a_id, f.f_a, b.b_id, f.f_b, c.c_tag, a.a_c" + (withLink ? ", l.l_seq, l.l_b" : "");
            String sql = select + " FROM " + from + " WHERE " + String.join(" AND ", where);
            LazyFrame q = new SqlContext().query(sql);
            String plan = q.explain(), written = q.explainUnoptimized();
            if (!firstScan(plan).equals(firstScan(written))) reordered++;
            DuckDbRows.assertSame(duck, sql, q.collect(), false);
        }
        assertTrue(reordered > 0, "no query was reordered: the test would not see the rule");
    }

    private static String firstScan(String plan) {
        int at = plan.indexOf("SCAN PARQUET ");
        return plan.substring(at, plan.indexOf('\n', at));
    }
}
