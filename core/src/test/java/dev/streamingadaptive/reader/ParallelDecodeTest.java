package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** readAll decodes (row group, column) tasks in parallel: same frame as one thread, same errors. */
class ParallelDecodeTest {

    @Test
    void parallelReadEqualsSerialReadAndKeepsDictionaries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i, 'k' || (i % 7) AS k, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 0.5::DOUBLE END AS d, [i, i + 1] AS l "
                    + "FROM range(50000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        }
        DataFrame serial;
        DataFrame parallel;
        try (MmapParquetReader r = MmapParquetReader.open(file).withThreads(1)) {
            assertTrue(r.numRowGroups() > 10, "want many row groups, got " + r.numRowGroups());
            serial = r.readAll();
        }
        try (MmapParquetReader r = MmapParquetReader.open(file).withThreads(4)) {
            parallel = r.readAll();
        }
        assertEquals(50000, parallel.height());
        assertEquals(serial, parallel);
        assertInstanceOf(DictionaryColumn.class, parallel.column("k"), "concatenated strings stay dictionary-encoded");
        assertEquals("k5", parallel.column("k").get(49999));
        assertEquals(null, parallel.column("d").get(49998));
        assertEquals(24999.5, parallel.column("d").get(49999));
    }

    @Test
    void parallelFailureCarriesTheLocation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i, i * 2 AS j FROM range(20000) t(i)) TO '" + file
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 4096, COMPRESSION uncompressed)");
        }
        byte[] bytes = Files.readAllBytes(file);
        // Corrupt the first page header (it starts right after the leading magic).
        for (int i = 4; i < 24; i++) bytes[i] = (byte) 0xFF;
        Files.write(file, bytes);
        ParquetFormatException e = assertThrows(ParquetFormatException.class, () -> {
            try (MmapParquetReader r = MmapParquetReader.open(file).withThreads(3)) {
                r.readAll();
            }
        });
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.rowGroup() >= 0 && e.column() != null, e.getMessage());
    }
}
