package dev.streamingadaptive.arrow;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DuckDB as the other side of the C Data Interface: it reads our exported scan (as pyarrow or any Arrow
 * consumer would) and must see the values it reads from the Parquet file itself; and a DuckDB result
 * exported to Arrow must import as the frame we read from that file.
 */
class ArrowDuckDbTest {
    @TempDir Path dir;


    @Test
    void duckDbReadsOurExportedScanAsItReadsTheFile() throws Exception {
        Path file = TestData.generatedTypes(dir);
        try (BufferAllocator allocator = new RootAllocator();
             Connection c = TestData.duckDb()) {
            assertSameInDuckDb(c, allocator, LazyFrame.scanParquet(file.toString()), "read_parquet('" + file + "')");
            // A filtered, projected scan: what is pushed down must not change what arrives.
            assertSameInDuckDb(c, allocator,
                    LazyFrame.scanParquet(file.toString()).filter(col("i32").gt(lit(0))).select("id", "s_dict", "dec38", "l_st", "mp"),
                    "(SELECT id, s_dict, dec38, l_st, mp FROM read_parquet('" + file + "') WHERE i32 > 0)");
        }
    }

    @Test
    void duckDbsArrowResultImportsAsOurReadingOfTheFile() throws Exception {
        Path file = TestData.generatedTypes(dir);
        DataFrame ours;
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            ours = r.readAll();
        }
        try (BufferAllocator allocator = new RootAllocator();
             Connection c = TestData.duckDb();
             Statement s = c.createStatement()) {
            s.execute("SET threads=1");
            s.execute("SET arrow_lossless_conversion = true");   // UUID as arrow.uuid, not text
            String names = String.join(", ", ours.schema().names());
            try (ResultSet rs = s.executeQuery("SELECT " + names + " FROM read_parquet('" + file + "') ORDER BY id");
                 Stream<DataFrame> frames = ArrowStreams.frames((ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 3000))) {
                DataFrame theirs = ArrowRoundTripTest.concat(frames.toList());
                assertEquals(ours.height(), theirs.height());
                for (int i = 0; i < ours.width(); i++) {
                    Column a = ours.column(i), b = theirs.column(i);
                    // DuckDB holds TIMESTAMP_MS as microseconds and exports them so (the instants are equal), and it
                    // names list elements its own way: types compare by their text, which shows no element names.
                    if (!a.name().equals("ts_ms")) assertEquals(a.type().toString(), b.type().toString(), a.name());
                    for (int r = 0; r < a.size(); r++) {
                        if (!Objects.deepEquals(a.get(r), b.get(r))) {
                            assertEquals(a.get(r), b.get(r), a.name() + " row " + r);
                        }
                    }
                }
            }
        }
    }

    /** DuckDB sees the same rows (as a multiset, each value compared by DuckDB) in our stream and in {@code expected}. */
    private static void assertSameInDuckDb(Connection c, BufferAllocator allocator, LazyFrame query, String expected) throws Exception {
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            ArrowStreams.export(query, allocator, stream);
            ((DuckDBConnection) c).registerArrowStream("ours", stream);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE TEMP TABLE got AS SELECT * FROM ours");
                String sql = "SELECT (SELECT count(*) FROM got), (SELECT count(*) FROM " + expected + "), "
                        + "(SELECT count(*) FROM (SELECT * FROM got EXCEPT ALL SELECT * FROM " + expected + ")), "
                        + "(SELECT count(*) FROM (SELECT * FROM " + expected + " EXCEPT ALL SELECT * FROM got))";
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    assertEquals(rs.getLong(2), rs.getLong(1), "rows");
                    assertEquals(0, rs.getLong(3), "rows of ours DuckDB does not find in the file");
                    assertEquals(0, rs.getLong(4), "rows of the file DuckDB does not find in ours");
                }
                s.execute("DROP TABLE got");
            }
        }
    }
}
