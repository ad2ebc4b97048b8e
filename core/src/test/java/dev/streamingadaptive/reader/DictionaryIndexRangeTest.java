package dev.streamingadaptive.reader;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dictionary index beyond the dictionary is a ParquetFormatException naming the index, for every fixed-width type
 * (whose gather relies on the array bounds check) and for strings (checked before they are kept). The file is
 * DuckDB's, with a three-entry dictionary (bit width 2); one packed group of indices is then overwritten with index 3.
 */
class DictionaryIndexRangeTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INTEGER", "BIGINT", "FLOAT", "DOUBLE", "VARCHAR"})
    void anIndexBeyondTheDictionaryIsAFormatError(String type) throws Exception {
        Path file = dir.resolve(type + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT ((i % 3) + 7)::" + type + " AS x FROM range(4096) t(i)) TO '" + file
                    + "' (FORMAT parquet, COMPRESSION uncompressed)");
        }
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            assertEquals(4096, r.readAll().height(), "the file before the corruption reads");
        }
        byte[] bytes = Files.readAllBytes(file);
        // Indices 0,1,2,0,... at two bits each, packed LSB first: bytes 0x24 0x49 0x92 repeat.
        int at = indexOf(bytes, new byte[] {0x24, 0x49, (byte) 0x92, 0x24, 0x49, (byte) 0x92});
        assertTrue(at >= 0, "packed dictionary indices not found in " + type);
        bytes[at] = (byte) 0xFF;   // four indices of 3: one past the three entries
        Files.write(file, bytes);
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            ParquetFormatException e = assertThrows(ParquetFormatException.class, r::readAll);
            assertTrue(e.getMessage().contains("dictionary index 3 out of range (dictionary has 3 entries)"), e.getMessage());
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
