package dev.streamingadaptive.arrow;

import dev.streamingadaptive.oracle.GeneratedMatrixTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/** The parquet-testing corpus and a DuckDB-written file of every type, for the Arrow tests. */
final class TestData {
    private TestData() {}

    /** A 2^30-character string map: read by core's own probe in a child JVM, too large to convert here twice. */
    static final String LARGE = "large_string_map.brotli.parquet";

    static Path corpusRoot() {
        String prop = System.getProperty("parquet.testing.dir");
        for (String candidate : new String[] {prop, "../../shared/parquet-testing", "/work/shared/parquet-testing"}) {
            if (candidate == null) continue;
            Path p = Path.of(candidate);
            if (Files.isDirectory(p.resolve("data"))) return p.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("parquet-testing corpus not found (set -Dparquet.testing.dir)");
    }

    /** Every unencrypted .parquet file of the corpus, sorted. */
    static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> s = Files.walk(corpusRoot().resolve("data"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !p.toString().contains("encrypt") && !p.getFileName().toString().equals(LARGE))
                    .sorted()
                    .toList();
        }
    }

    static Connection duckDb() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone='UTC'");
        }
        return c;
    }

    /**
     * Core's table of every DuckDB type that maps to Parquet ({@link GeneratedMatrixTest#TABLE}: nulls, edge
     * values, nesting, all-null columns) plus a JSON column, written by DuckDB into {@code dir/types.parquet}
     * with small row groups (several batches).
     */
    static Path generatedTypes(Path dir) throws SQLException {
        Path file = dir.resolve("types.parquet");
        if (Files.exists(file)) return file;
        try (Connection c = duckDb(); Statement s = c.createStatement()) {
            s.execute(GeneratedMatrixTest.TABLE);
            s.execute("COPY (SELECT *, CASE WHEN id % 4 = 0 THEN NULL ELSE json_object('k', id, 'v', [id, NULL]) END AS js FROM m) TO '"
                    + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1024)");
        }
        return file;
    }
}
