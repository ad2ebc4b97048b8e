package dev.streamingadaptive.bench;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DuckDB through JDBC, in process, {@code SET threads} equal to ours. Loads are either a scan whose
 * aggregates touch every selected column (DuckDB's decode cost without materialising a result) or,
 * as {@code duckdb-ctas}, {@code CREATE TABLE AS} (materialising into DuckDB's own storage). {@code stream_all}
 * is the same scan plus {@code sum(size)}. {@code filter_eq} materialises the matching rows with
 * {@code CREATE TEMP TABLE AS SELECT *} and counts and sums that table; {@code head_ten} fetches its 10 rows
 * through JDBC. {@code filter_stream} consumes the matching rows as Arrow batches ({@code arrowExportStream}).
 */
final class DuckDbRunner implements Worker.Runner {
    private final Connection conn;
    private final boolean ctas;

    DuckDbRunner(int threads, boolean ctas) throws Exception {
        this.conn = DriverManager.getConnection("jdbc:duckdb:");
        this.ctas = ctas;
        try (Statement s = conn.createStatement()) {
            s.execute("SET threads=" + threads);
            // The scale bench caps DuckDB as ours is capped (-Xmx1g): SET memory_limit.
            String limit = System.getProperty(MEMORY_LIMIT_PROPERTY);
            if (limit != null) s.execute("SET memory_limit='" + limit.replace("'", "") + "'");
        }
    }

    /** A system property: DuckDB's {@code memory_limit} (e.g. {@code 1GB}) when set. */
    static final String MEMORY_LIMIT_PROPERTY = "bench.duckdb.memoryLimit";

    /** Rows per Arrow batch of {@code filter_stream}: about one of our row-group batches. */
    private static final long ARROW_BATCH = 1 << 20;

    static String source(List<Path> files) {
        if (files.size() == 1) return "read_parquet('" + files.get(0) + "')";
        return files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ", "read_parquet([", "])"));
    }

    @Override
    public Worker.Outcome run(Workload w, List<Path> files, Worker.Params p) throws Exception {
        String src = source(files);
        try (Statement s = conn.createStatement()) {
            switch (w) {
                case load_all, load_two -> {
                    List<String> cols = w.columns.isEmpty() ? columns(s, src) : w.columns;
                    if (ctas) {
                        s.execute("CREATE OR REPLACE TABLE t AS SELECT " + quoteAll(cols) + " FROM " + src);
                        long n = longQuery(s, "SELECT count(*) FROM t");
                        s.execute("DROP TABLE t");
                        return new Worker.Outcome(n, Long.toString(n), -1);
                    }
                    List<String> aggs = new ArrayList<>();
                    aggs.add("count(*)");
                    for (String c : cols) aggs.add("max(" + quote(c) + ")");
                    long n = longQuery(s, "SELECT " + String.join(", ", aggs) + " FROM " + src);
                    return new Worker.Outcome(n, Long.toString(n), -1);
                }
                case sum_two -> {
                    try (ResultSet rs = s.executeQuery("SELECT sum(price), sum(size)::BIGINT, count(*) FROM " + src)) {
                        rs.next();
                        return new Worker.Outcome(rs.getLong(3), Worker.json(Workload.round2(rs.getDouble(1)), rs.getLong(2)), -1);
                    }
                }
                case group_by -> {
                    try (ResultSet rs = s.executeQuery("SELECT count(*), sum(c), sum(m), sum(z) FROM (SELECT symbol, avg(price) m, "
                            + "sum(size) z, count(*) c FROM " + src + " GROUP BY symbol)")) {
                        rs.next();
                        return new Worker.Outcome(rs.getLong(2), Long.toString(rs.getLong(1)), -1);
                    }
                }
                case filter_eq -> {
                    // Every column of the matching rows materialised in DuckDB's own (in-memory) storage, as ours
                    // builds a DataFrame and Polars a DataFrame; count and sum come from that table.
                    s.execute("CREATE OR REPLACE TEMP TABLE m AS SELECT * FROM " + src + " WHERE symbol = '" + p.symbol() + "'");
                    try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(price), 0) FROM m")) {
                        rs.next();
                        String r = Worker.json(rs.getLong(1), Workload.round2(rs.getDouble(2)));
                        s.execute("DROP TABLE m");
                        return new Worker.Outcome(-1, r, -1);
                    }
                }
                case head_ten -> {
                    // The 10 rows fetched through JDBC (DuckDB keeps insertion order: the first rows of the file).
                    long n = 0;
                    double sum = 0;
                    try (ResultSet rs = s.executeQuery("SELECT ts, symbol, price FROM " + src + " LIMIT 10")) {
                        while (rs.next()) {
                            rs.getObject(1);
                            rs.getString(2);
                            sum += rs.getDouble(3);
                            n++;
                        }
                    }
                    return new Worker.Outcome(-1, Worker.json(n, Workload.round2(sum)), -1);
                }
                case stream_all -> {
                    // The scan of the loads (count and max of every column) plus the checksum the others compute.
                    List<String> aggs = new ArrayList<>(List.of("count(*)", "sum(size)::BIGINT"));
                    for (String c : columns(s, src)) aggs.add("max(" + quote(c) + ")");
                    try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", aggs) + " FROM " + src)) {
                        rs.next();
                        return new Worker.Outcome(rs.getLong(1), Worker.json(rs.getLong(1), rs.getLong(2)), -1);
                    }
                }
                case filter_range -> {
                    long n = longQuery(s, "SELECT count(*) FROM " + src + " WHERE trade_id >= " + p.lo() + " AND trade_id <= " + p.hi());
                    return new Worker.Outcome(-1, Long.toString(n), -1);
                }
                case filter_stream -> {
                    // The matching rows, every column, exported batch by batch as Arrow (DuckDB's streaming result
                    // for a JVM consumer): each batch counted and its sizes summed, then released.
                    try (BufferAllocator allocator = new RootAllocator();
                         ResultSet rs = s.executeQuery("SELECT * FROM " + src + " WHERE symbol < '" + Workload.STREAM_BOUND + "'");
                         ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, ARROW_BATCH)) {
                        VectorSchemaRoot root = reader.getVectorSchemaRoot();
                        long rows = 0;
                        long sum = 0;
                        while (reader.loadNextBatch()) {
                            int n = root.getRowCount();
                            if (root.getFieldVectors().size() != 8) throw new IllegalStateException("expected every column");
                            rows += n;
                            IntVector size = (IntVector) root.getVector("size");
                            for (int i = 0; i < n; i++) if (!size.isNull(i)) sum += size.get(i);
                        }
                        return new Worker.Outcome(-1, Worker.json(rows, sum), -1);
                    }
                }
                default -> throw new IllegalArgumentException(w.name());
            }
        }
    }

    private static List<String> columns(Statement s, String src) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + src)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static String quote(String c) {
        return "\"" + c.replace("\"", "\"\"") + "\"";
    }

    private static String quoteAll(List<String> cols) {
        return cols.stream().map(DuckDbRunner::quote).collect(Collectors.joining(", "));
    }

    static long longQuery(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        conn.close();
    }
}
