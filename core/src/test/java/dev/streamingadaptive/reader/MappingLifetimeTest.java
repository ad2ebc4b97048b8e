package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.write.ParquetWriter;
import dev.streamingadaptive.parquet.write.WriterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file's mapping outlives every task that reads it, and goes when the reader closes: reads whose
 * first column is corrupt, on two decoding threads, end in a ParquetFormatException and leave no
 * mapping of the file behind; a file truncated while it is mapped ends in a ParquetFormatException
 * saying so, for every codec, never a JVM crash (CRC32 and zlib only ever see heap copies).
 */
class MappingLifetimeTest {
    private static final int ROWS = 400_000;

    @TempDir
    Path dir;

    /** Four columns of incompressible-ish numbers in 8 row groups, page checksums on. */
    private Path write(String name, CompressionCodec codec) {
        Random rnd = new Random(7);
        long[] a = new long[ROWS];
        long[] b = new long[ROWS];
        double[] c = new double[ROWS];
        long[] d = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            a[i] = rnd.nextLong();
            b[i] = i * 31L + rnd.nextInt(1000);
            c[i] = rnd.nextGaussian();
            d[i] = rnd.nextLong() >>> 20;
        }
        DataFrame df = new DataFrame(List.of(new LongColumn("a", a, ROWS, null), new LongColumn("b", b, ROWS, null),
                new DoubleColumn("c", c, ROWS, null), new LongColumn("d", d, ROWS, null)));
        Schema schema = new Schema(List.of(new Field("a", DataType.INT64, false), new Field("b", DataType.INT64, false),
                new Field("c", DataType.FLOAT64, false), new Field("d", DataType.INT64, false)));
        Path file = dir.resolve(name);
        try (ParquetWriter w = ParquetWriter.open(file, schema, WriterOptions.defaults().withCodec(codec).withRowGroupRows(ROWS / 8))) {
            w.write(df);
        }
        return file;
    }

    /** Lines of /proc/self/maps that map {@code file}. */
    private static long mappingsOf(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            String name = file.toAbsolutePath().toString();
            return lines.filter(l -> l.endsWith(name)).count();
        }
    }

    @Test
    void failingReadsOnTwoThreadsLeaveNoMapping() throws Exception {
        Path file = write("corrupt-first-column.parquet", CompressionCodec.ZSTD);
        long page;
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            ColumnChunk first = r.metadata().rowGroups().get(0).columns().get(0);
            page = first.metaData().dataPageOffset();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // Break the zstd frame's magic number right after the page header: every decoder rejects that
            // (damage inside a block may decode to garbage undetected when checksums are off).
            byte[] head = new byte[256];
            raf.seek(page);
            raf.readFully(head);
            int magic = -1;
            for (int k = 0; k + 4 <= head.length && magic < 0; k++) {
                if (head[k] == 0x28 && head[k + 1] == (byte) 0xB5 && head[k + 2] == 0x2F && head[k + 3] == (byte) 0xFD) magic = k;
            }
            assertTrue(magic > 0, "zstd frame after the page header");
            raf.seek(page + magic);
            raf.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        }
        assumeLinux();
        for (int i = 0; i < 1000; i++) {
            // Checksums off: the corrupt page reaches the codec while the other columns decode on the pool.
            boolean verify = i % 2 == 0;
            try (MmapParquetReader r = MmapParquetReader.open(file).withThreads(2).withChecksumVerification(verify)) {
                assertThrows(ParquetFormatException.class, r::readAll);
            }
            if (i % 3 == 0) {
                try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withThreads(2)) {
                    assertThrows(ParquetFormatException.class, () -> r.stream().forEach(df -> { }));
                }
            }
        }
        assertEquals(0, mappingsOf(file), "mappings of the file left after 1,333 failing reads");
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void aFileTruncatedWhileMappedIsAFormatError(CompressionCodec codec) throws Exception {
        Path file = write("truncated-" + codec + ".parquet", codec);
        long size = Files.size(file);
        for (boolean verify : new boolean[] {true, false}) {
            for (int threads : new int[] {1, 2}) {
                Path copy = dir.resolve("cut-" + codec + "-" + verify + "-" + threads + ".parquet");
                Files.copy(file, copy);
                try (MmapParquetReader r = MmapParquetReader.open(copy).withThreads(threads).withChecksumVerification(verify)) {
                    // A 4 KiB boundary in the first half: pages beyond it are gone from under the mapping.
                    long cut = (size / 3) & ~4095L;
                    try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
                        raf.setLength(cut);
                    }
                    ParquetFormatException e = assertThrows(ParquetFormatException.class, r::readAll);
                    assertTrue(e.getMessage().contains(copy.getFileName().toString()), e.getMessage());
                    assertTrue(e.getMessage().contains("truncated to " + cut), e.getMessage());
                }
                Files.delete(copy);
            }
        }
        // The streaming reader, truncated between open and the first batch (as `cat --memory-limit` reads).
        Path copy = dir.resolve("cut-stream-" + codec + ".parquet");
        Files.copy(file, copy);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(copy).withThreads(2)) {
            long cut = (size / 2) & ~4095L;
            try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
                raf.setLength(cut);
            }
            ParquetFormatException e = assertThrows(ParquetFormatException.class, () -> r.stream().forEach(df -> { }));
            assertTrue(e.getMessage().contains("truncated to " + cut), e.getMessage());
        }
    }

    /**
     * Twenty cuts per codec, spread over the file (page-aligned and not), each under another reader,
     * thread count and checksum setting: every read ends in its rows or in a format error saying the
     * file was truncated.
     */
    @ParameterizedTest
    @EnumSource(value = CompressionCodec.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void twentyCutsPerCodec(CompressionCodec codec) throws Exception {
        Path file = write("cuts-" + codec + ".parquet", codec);
        long size = Files.size(file);
        Random rnd = new Random(codec.ordinal());
        for (int k = 0; k < 20; k++) {
            long cut = 4 + (long) (rnd.nextDouble() * (size - 4));
            if (k % 2 == 0) cut &= ~4095L;
            Path copy = dir.resolve("cut-" + k + "-" + codec + ".parquet");
            Files.copy(file, copy);
            int threads = 1 + k % 2;
            boolean verify = k % 4 < 2;
            boolean stream = k % 3 == 0;
            try (MmapParquetReader r = MmapParquetReader.open(copy).withThreads(threads).withChecksumVerification(verify);
                 AdaptiveStreamingReader s = AdaptiveStreamingReader.open(copy).withThreads(threads)) {
                try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
                    raf.setLength(cut);
                }
                try {
                    long rows = stream ? s.stream().mapToLong(DataFrame::height).sum() : r.readAll().height();
                    assertEquals(ROWS, rows, "a read of a file cut at " + cut + " (in its footer) gives every row");
                } catch (ParquetFormatException e) {
                    assertTrue(e.getMessage().contains("truncated to " + cut), "cut at " + cut + ": " + e.getMessage());
                }
            }
            Files.delete(copy);
        }
    }

    private static void assumeLinux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps");
    }
}
