package dev.streamingadaptive.io;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.write.WriterOptions;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.scan.ParquetFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page hints ({@link PageAdvice}): reads stay correct whatever the hints do, and a scan of one column of eight
 * brings into the page cache that column's bytes, not the file (the kernel's read-around would otherwise read its
 * read-ahead window, 8 MB on the benchmark machine, around every fault). The page cache is emptied of the file with
 * {@code posix_fadvise(POSIX_FADV_DONTNEED)} (no root needed) and measured with {@code mincore}.
 */
class PageAdviceTest {
    private static final int ROWS = 400_000;
    private static final int COLUMNS = 8;

    @TempDir
    Path dir;

    @Test
    void hintsNeverChangeWhatIsRead() throws Exception {
        Path f = dir.resolve("bytes.bin");
        byte[] data = new byte[3 * 1024 * 1024 + 123];
        new SplittableRandom(1).nextBytes(data);
        Files.write(f, data);
        try (MappedFile m = MappedFile.open(f)) {
            MemorySegment s = m.segment();
            PageAdvice.exactRanges(s);
            PageAdvice.willNeed(s, 4097, 1 << 20);
            PageAdvice.willNeed(s, -5, 10);                    // out of range: ignored
            PageAdvice.willNeed(s, s.byteSize() + 1, 10);
            PageAdvice.doneWith(s, 4097, 1 << 20);             // dropped from this process: faulted back in on use
            PageAdvice.doneWith(s, s.byteSize() - 10, 1 << 20); // past the end: cut to the file
            for (int i = 0; i < data.length; i += 997) assertEquals(data[i], s.get(ValueLayout.JAVA_BYTE, i), "byte " + i);
            assertEquals(data[data.length - 1], s.get(ValueLayout.JAVA_BYTE, data.length - 1));
            // MappedFile.copy (pread where available, else the mapping) gives the file's bytes at any offset and length.
            SplittableRandom r = new SplittableRandom(3);
            for (int k = 0; k < 50; k++) {
                int len = r.nextInt(1, 300_000);
                long off = r.nextLong(0, data.length - len + 1);
                int at = r.nextInt(0, 16);
                byte[] dst = new byte[at + len + 3];
                m.copy(off, dst, at, len);
                assertTrue(java.util.Arrays.equals(data, (int) off, (int) off + len, dst, at, at + len), "copy of " + len + " at " + off);
                assertEquals(0, dst[at + len], "nothing written past the length");
            }
            assertThrows(IndexOutOfBoundsException.class, () -> m.copy(data.length - 5, new byte[10], 0, 10));
        }
    }

    @Test
    void oneColumnOfEightReadsThatColumnFromDisk() throws Throwable {
        assumeTrue(PageAdvice.enabled(), "page hints off (not Linux, no native access, or -Dstreamingadaptive.pageAdvice=false)");
        List<Column> cols = new ArrayList<>();
        long expectedSum = 0;
        SplittableRandom r = new SplittableRandom(7);
        for (int c = 0; c < COLUMNS; c++) {
            long[] v = new long[ROWS];
            for (int i = 0; i < ROWS; i++) v[i] = r.nextLong();   // incompressible: each chunk as large as its values
            if (c == 3) for (long x : v) expectedSum += x;
            cols.add(new LongColumn("c" + c, v, ROWS, null));
        }
        Path file = dir.resolve("wide.parquet");
        new DataFrame(cols, ROWS).writeParquet(file, WriterOptions.defaults().withRowGroupRows(100_000).withDictionary(false));
        long chunkBytes = 0;
        try (ParquetFile pf = ParquetFile.open(file)) {
            for (RowGroup rg : pf.metadata().rowGroups()) {
                ColumnChunk cc = rg.columns().get(3);
                chunkBytes += cc.metaData().totalCompressedSize();
            }
        }
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);   // dirty pages would stay cached: written back first, then dropped
        }
        evict(file);
        double before = residentFraction(file);
        assumeTrue(before < 0.05, "the file system keeps the file in memory (tmpfs?): " + before);

        DataFrame df;
        try (MmapParquetReader reader = MmapParquetReader.open(file)) {
            df = reader.withColumns("c3").readAll();
        }
        long sum = 0;
        LongColumn c3 = (LongColumn) df.column(0);
        for (int i = 0; i < ROWS; i++) sum += c3.getLong(i);
        assertEquals(expectedSum, sum);

        long resident = (long) (residentFraction(file) * size);
        // The column's chunks, the footer's read-ahead (1 MB) and a page or two at each chunk's edges.
        long bound = chunkBytes + (1L << 20) + 64L * 1024 * 4;
        assertTrue(resident <= bound, "a scan of 1 column of " + COLUMNS + " brought " + resident + " bytes of the " + size
                + "-byte file into the page cache; the column's chunks are " + chunkBytes + " bytes (bound " + bound + ")");
    }

    private static final Linker LINKER = Linker.nativeLinker();

    private static MethodHandle fn(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }

    /** posix_fadvise(POSIX_FADV_DONTNEED) over the whole file: its clean pages leave the page cache. */
    private static void evict(Path file) throws Throwable {
        MethodHandle open = fn("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle fadvise = fn("posix_fadvise", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        MethodHandle close = fn("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) open.invokeExact(a.allocateFrom(file.toString()), 0);
            assertTrue(fd >= 0, "open " + file);
            try {
                int rc = (int) fadvise.invokeExact(fd, 0L, 0L, 4);
                assertEquals(0, rc, "posix_fadvise");
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        }
    }

    /** The fraction of the file's pages in the page cache (mincore over a fresh mapping, which faults nothing in). */
    private static double residentFraction(Path file) throws Throwable {
        MethodHandle mincore = fn("mincore", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena a = Arena.ofConfined()) {
            long size = ch.size();
            MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, a);
            long pages = (size + 4095) / 4096;
            MemorySegment vec = a.allocate(pages);
            int rc = (int) mincore.invokeExact(m, size, vec);
            assertEquals(0, rc, "mincore");
            long in = 0;
            for (long p = 0; p < pages; p++) if ((vec.get(ValueLayout.JAVA_BYTE, p) & 1) != 0) in++;
            return (double) in / pages;
        }
    }
}
