// Writes DuckDB's result of each TPC-H query qNN.sql as CSV (header + rows), for checking tpch.mjs.
//   java -cp <duckdb_jdbc.jar> Expected.java <data-dir> <sql-dir> <out-dir> [queries...]
import java.nio.file.*;
import java.sql.*;
import java.util.*;

public class Expected {
    static final String[] TABLES = {"lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"};

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java -cp duckdb_jdbc.jar Expected.java <data-dir> <sql-dir> <out-dir> [query numbers]");
            System.exit(1);
        }
        Path data = Path.of(args[0]).toAbsolutePath(), sqlDir = Path.of(args[1]), out = Path.of(args[2]);
        Files.createDirectories(out);
        List<Integer> qs = new ArrayList<>();
        for (int i = 3; i < args.length; i++) qs.add(Integer.parseInt(args[i]));
        if (qs.isEmpty()) for (int i = 1; i <= 22; i++) qs.add(i);
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            for (String t : TABLES) {
                st.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet('" + data.resolve(t + ".parquet").toString().replace("'", "''") + "')");
            }
            for (int q : qs) {
                String name = String.format("q%02d", q);
                String sql = Files.readString(sqlDir.resolve(name + ".sql")).trim();
                if (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1);
                StringBuilder sb = new StringBuilder();
                int rows = 0;
                try (ResultSet rs = st.executeQuery(sql)) {
                    ResultSetMetaData md = rs.getMetaData();
                    int n = md.getColumnCount();
                    for (int i = 1; i <= n; i++) sb.append(i > 1 ? "," : "").append(csv(md.getColumnLabel(i)));
                    sb.append('\n');
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            Object o = rs.getObject(i);
                            sb.append(i > 1 ? "," : "").append(o == null ? "" : csv(o.toString()));
                        }
                        sb.append('\n');
                        rows++;
                    }
                }
                Files.writeString(out.resolve(name + ".csv"), sb.toString());
                System.out.println(name + ": " + rows + " rows");
            }
        }
    }

    static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
