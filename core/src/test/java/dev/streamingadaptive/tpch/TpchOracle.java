package dev.streamingadaptive.tpch;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * DuckDB as the TPC-H oracle: runs the standard query texts ({@code /tpch/q01.sql} … {@code q22.sql},
 * validation parameters) over views named like the TPC-H tables on the Parquet files of
 * {@link TpchData}, and checks a result of ours against DuckDB's answer: the same column names
 * (where the SQL names the column) and type families (integer, decimal of the same scale, floating
 * point, string, date), the same rows with every value equal —
 * decimals and integers exactly, floating-point values to a relative 1e-9 (sums of doubles depend
 * on the order they are added in) — and, where the query has an ORDER BY, the rows in an order
 * DuckDB's ORDER BY allows (the sequence of ORDER BY keys equal; rows that tie on every key may
 * come in any order).
 *
 * <p>Shared by the LazyFrame queries' test and the SQL front end's, which run the same texts.
 */
public final class TpchOracle implements AutoCloseable {
    /** The scale factor the TPC-H tests run at. */
    public static final double SCALE_FACTOR = 0.1;

    static final String[] TABLES = {"lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"};

    /**
     * Per query, the output columns (0-based) its ORDER BY sorts by, in order; empty when it has
     * none (every such query returns one row).
     */
    private static final int[][] ORDER_COLUMNS = {
            {0, 1},       // Q1 l_returnflag, l_linestatus
            {0, 2, 1, 3}, // Q2 s_acctbal desc, n_name, s_name, p_partkey
            {1, 2},       // Q3 revenue desc, o_orderdate
            {0},          // Q4 o_orderpriority
            {1},          // Q5 revenue desc
            {},           // Q6
            {0, 1, 2},    // Q7 supp_nation, cust_nation, l_year
            {0},          // Q8 o_year
            {0, 1},       // Q9 nation, o_year desc
            {2},          // Q10 revenue desc
            {1},          // Q11 value desc
            {0},          // Q12 l_shipmode
            {1, 0},       // Q13 custdist desc, c_count desc
            {},           // Q14
            {0},          // Q15 s_suppkey
            {3, 0, 1, 2}, // Q16 supplier_cnt desc, p_brand, p_type, p_size
            {},           // Q17
            {4, 3},       // Q18 o_totalprice desc, o_orderdate
            {},           // Q19
            {0},          // Q20 s_name
            {1, 0},       // Q21 numwait desc, s_name
            {0},          // Q22 cntrycode
    };

    private static final double RELATIVE_TOLERANCE = 1e-9;

    private final Connection duck;

    private TpchOracle(Connection duck) {
        this.duck = duck;
    }

    /** The scale factor the tests run at: {@code -Dtpch.sf}, else {@link #SCALE_FACTOR}. */
    public static double requestedScaleFactor() {
        return Double.parseDouble(System.getProperty("tpch.sf", Double.toString(SCALE_FACTOR)));
    }

    /** The TPC-H tables at {@link #SCALE_FACTOR} under {@code target/} (made on first use, then reused). */
    public static Path data() {
        return data(SCALE_FACTOR);
    }

    /** The TPC-H tables at {@code scaleFactor} under {@code target/} (made on first use, then reused). */
    public static Path data(double scaleFactor) {
        return TpchData.write(Path.of("target", "tpch-sf" + scaleFactor).toAbsolutePath(), scaleFactor);
    }

    /** An in-memory DuckDB with one view per TPC-H table over the Parquet files in {@code dataDir}. */
    public static TpchOracle over(Path dataDir) {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                for (String t : TABLES) {
                    s.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet('" + TpchData.file(dataDir, t) + "')");
                }
            }
            return new TpchOracle(c);
        } catch (SQLException e) {
            throw new IllegalStateException("opening DuckDB over " + dataDir, e);
        }
    }

    /** The SQL text of query {@code n} (1–22). */
    public static String sql(int n) {
        String name = String.format(Locale.ROOT, "/tpch/q%02d.sql", n);
        try (InputStream in = TpchOracle.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalArgumentException("no TPC-H query " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DuckDB's answer to query {@code n}. */
    public Result run(int n) {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql(n))) {
            ResultSetMetaData md = rs.getMetaData();
            int width = md.getColumnCount();
            List<String> names = new ArrayList<>(), types = new ArrayList<>();
            for (int c = 1; c <= width; c++) {
                names.add(md.getColumnLabel(c));
                types.add(md.getColumnTypeName(c));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(width);
                for (int c = 1; c <= width; c++) row.add(rs.getObject(c));
                rows.add(row);
            }
            return new Result(names, types, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on TPC-H Q" + n, e);
        }
    }

    @Override
    public void close() throws SQLException {
        duck.close();
    }

    /** A result: column names, DuckDB's type names, rows of JDBC values. */
    public record Result(List<String> names, List<String> types, List<List<Object>> rows) {}

    // ---- comparison ---------------------------------------------------------------------------

    /** Asserts that {@code actual} is a correct answer to query {@code n}, whose right answer is {@code expected}. */
    public static void assertMatches(int n, Result expected, DataFrame actual) {
        String q = "Q" + n;
        assertEquals(expected.names().size(), actual.width(), q + " column count: DuckDB " + expected.names() + ", ours " + actual.schema().names());
        for (int c = 0; c < actual.width(); c++) {
            String duckName = expected.names().get(c);
            String ours = actual.schema().names().get(c);
            // A column the SQL leaves unnamed (sum(l_quantity) in Q18) has no name to agree on.
            if (duckName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                assertEquals(duckName.toLowerCase(Locale.ROOT), ours.toLowerCase(Locale.ROOT), q + " name of column " + c);
            }
            String duckFamily = family(expected.types().get(c));
            String ourFamily = family(actual.schema().fields().get(c).type());
            DataType ourType = actual.schema().fields().get(c).type();
            assertEquals(duckFamily, ourFamily, q + " type of column " + ours + ": DuckDB " + expected.types().get(c) + ", ours " + ourType);
            if (ourType instanceof DataType.Decimal d) {
                assertEquals(expected.types().get(c).replaceAll(".*,(\\d+)\\)$", "$1"), Integer.toString(d.scale()),
                        q + " scale of decimal column " + ours + ": DuckDB " + expected.types().get(c) + ", ours " + ourType);
            }
        }
        List<List<Object>> ours = rowsOf(actual);
        List<List<Object>> theirs = expected.rows();
        assertEquals(theirs.size(), ours.size(), q + " row count");
        if (theirs.isEmpty()) fail(q + " has no rows: the test data or parameters are wrong");

        int[] order = ORDER_COLUMNS[n - 1];
        if (order.length == 0 && theirs.size() != 1) fail(q + " has no ORDER BY but " + theirs.size() + " rows");
        for (int r = 0; r < theirs.size(); r++) {
            for (int c : order) {
                if (!same(theirs.get(r).get(c), ours.get(r).get(c))) {
                    fail(q + " row " + r + " is out of order: ORDER BY column " + expected.names().get(c) + " is "
                            + text(ours.get(r).get(c)) + ", DuckDB has " + text(theirs.get(r).get(c))
                            + "\n  ours:   " + render(ours.get(r)) + "\n  DuckDB: " + render(theirs.get(r)));
                }
            }
        }
        // With the ORDER BY keys in sequence, the rows as multisets complete the check.
        List<List<Object>> a = sorted(theirs), b = sorted(ours);
        for (int r = 0; r < a.size(); r++) {
            for (int c = 0; c < a.get(r).size(); c++) {
                if (!same(a.get(r).get(c), b.get(r).get(c))) {
                    fail(q + " rows differ in column " + expected.names().get(c) + " (rows sorted for comparison, row " + r + ")"
                            + "\n  ours:   " + render(b.get(r)) + "\n  DuckDB: " + render(a.get(r)));
                }
            }
        }
    }

    private static List<List<Object>> rowsOf(DataFrame df) {
        List<List<Object>> rows = new ArrayList<>(df.height());
        for (int r = 0; r < df.height(); r++) {
            List<Object> row = new ArrayList<>(df.width());
            for (int c = 0; c < df.width(); c++) row.add(df.column(c).get(r));
            rows.add(row);
        }
        return rows;
    }

    /** Rows sorted by their exact columns first (so floating-point noise cannot reorder rows that differ elsewhere), then by the rest. */
    private static List<List<Object>> sorted(List<List<Object>> rows) {
        Comparator<List<Object>> byExact = Comparator.comparing(row -> exactKey(row));
        Comparator<List<Object>> byAll = byExact.thenComparing(TpchOracle::compareFloats);
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(byAll);
        return copy;
    }

    private static String exactKey(List<Object> row) {
        StringBuilder sb = new StringBuilder();
        for (Object v : row) {
            if (!isFloat(v)) sb.append(text(v));
            sb.append('\u0001');
        }
        return sb.toString();
    }

    private static int compareFloats(List<Object> x, List<Object> y) {
        for (int c = 0; c < x.size(); c++) {
            if (isFloat(x.get(c)) && isFloat(y.get(c))) {
                int k = Double.compare(((Number) x.get(c)).doubleValue(), ((Number) y.get(c)).doubleValue());
                if (k != 0) return k;
            }
        }
        return 0;
    }

    /** Equal values: numbers by value (exact unless one is floating-point), dates as dates, the rest by text. */
    static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) return expected == null && actual == null;
        if (expected instanceof Number e && actual instanceof Number a) {
            if (isFloat(e) || isFloat(a)) {
                double x = e.doubleValue(), y = a.doubleValue();
                if (x == y) return true;
                return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
            }
            return exact(e).compareTo(exact(a)) == 0;
        }
        return text(expected).equals(text(actual));
    }

    private static boolean isFloat(Object v) {
        return v instanceof Double || v instanceof Float;
    }

    private static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) return d;
        if (n instanceof BigInteger i) return new BigDecimal(i);
        return BigDecimal.valueOf(n.longValue());
    }

    private static String text(Object v) {
        if (v == null) return "null";
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        if (v instanceof Number n && !isFloat(n)) return exact(n).toPlainString();
        return v.toString();
    }

    private static String render(List<Object> row) {
        StringBuilder sb = new StringBuilder();
        for (Object v : row) sb.append(sb.isEmpty() ? "" : " | ").append(text(v));
        return sb.toString();
    }

    /** integer, decimal, float, string, date or boolean (else the type's name) for a DuckDB type name. */
    private static String family(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) return "decimal";
        return switch (t) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT" -> "integer";
            case "FLOAT", "DOUBLE" -> "float";
            case "VARCHAR" -> "string";
            case "DATE" -> "date";
            case "BOOLEAN" -> "boolean";
            default -> t;
        };
    }

    /** The same families for one of our types. */
    private static String family(DataType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> "integer";
            case DECIMAL -> "decimal";
            case FLOAT32, FLOAT64 -> "float";
            case STRING -> "string";
            case DATE -> "date";
            case BOOLEAN -> "boolean";
            default -> type.toString();
        };
    }
}
