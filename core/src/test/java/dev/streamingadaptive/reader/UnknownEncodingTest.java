package dev.streamingadaptive.reader;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.MetadataParser;
import dev.streamingadaptive.parquet.meta.PageHeader;
import dev.streamingadaptive.parquet.meta.Parsed;
import dev.streamingadaptive.parquet.meta.PageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data page whose value encoding id the format does not define (a fuzzer's find: it ended in a
 * NullPointerException) is a ParquetFormatException naming file, row group, column and page offset,
 * through every reader.
 */
class UnknownEncodingTest {
    @TempDir
    Path dir;

    @Test
    void unknownValueEncodingIsAFormatError() throws Exception {
        Path source = IncrementalDecodingTest.corpus().stream()
                .filter(p -> p.getFileName().toString().equals("datapage_v1-uncompressed-checksum.parquet")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(source);
        long pageOffset;
        try (MmapParquetReader r = MmapParquetReader.open(source)) {
            ColumnChunk chunk = r.metadata().rowGroups().get(0).columns().get(0);
            pageOffset = chunk.metaData().dataPageOffset();
        }
        int at = encodingByte(bytes, pageOffset);
        bytes[at] = 0x78;   // zigzag varint of 60: no such encoding
        Path bad = dir.resolve("unknown-encoding.parquet");
        Files.write(bad, bytes);

        try (MmapParquetReader r = MmapParquetReader.open(bad)) {
            check(assertThrows(ParquetFormatException.class, r::readAll), bad, pageOffset);
        }
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(bad)) {
            check(assertThrows(ParquetFormatException.class, () -> r.stream().forEach(df -> { })), bad, pageOffset);
        }
    }

    private static void check(ParquetFormatException e, Path file, long pageOffset) {
        assertTrue(e.getMessage().contains("encoding"), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertEquals("a", e.column(), e.getMessage());
        assertEquals(pageOffset, e.offset(), e.getMessage());
    }

    /** The byte of the first data page header that holds its value encoding (found by trying each one). */
    private static int encodingByte(byte[] bytes, long pageOffset) {
        PageHeader original = header(bytes, pageOffset);
        assertNotNull(original);
        assertEquals(PageType.DATA_PAGE, original.type());
        for (int i = (int) pageOffset; i < pageOffset + 64; i++) {
            byte keep = bytes[i];
            bytes[i] = 0x78;
            PageHeader h = header(bytes, pageOffset);
            bytes[i] = keep;
            if (h != null && h.type() == PageType.DATA_PAGE && h.dataPageHeader() != null && h.dataPageHeader().encoding() == null
                    && h.dataPageHeader().numValues() == original.dataPageHeader().numValues()
                    && h.compressedPageSize() == original.compressedPageSize()) {
                return i;
            }
        }
        throw new AssertionError("no encoding byte found in the first page header");
    }

    private static PageHeader header(byte[] bytes, long offset) {
        try {
            Parsed<PageHeader> p = MetadataParser.parsePageHeaderWithEnd(MemorySegment.ofArray(bytes), offset, bytes.length);
            return p.value();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
