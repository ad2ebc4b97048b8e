package dev.streamingadaptive.parquet.meta;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Mutated footers and page headers must only ever produce {@link ParquetFormatException}. */
class MetadataFuzzTest {
    private static final List<String> FILES = List.of(
            "alltypes_plain.parquet", "datapage_v2.snappy.parquet", "alltypes_tiny_pages.parquet",
            "binary_truncated_min_max.parquet", "sort_columns.parquet", "float16_nonzeros_and_nans.parquet",
            "geospatial/geospatial.parquet", "column_chunk_key_value_metadata.parquet", "unknown-logical-type.parquet",
            "nested_maps.snappy.parquet");
    private static final int ITERATIONS_PER_FILE = 600;

    @Test
    void mutatedFootersOnlyThrowParquetFormatException() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random rnd = new Random(20240611L);
            int failures = 0, successes = 0;
            for (String name : FILES) {
                byte[] good = TestFiles.bytes(TestFiles.data(name));
                int n = good.length;
                int footerLen = (good[n - 8] & 0xFF) | (good[n - 7] & 0xFF) << 8 | (good[n - 6] & 0xFF) << 16
                        | (good[n - 5] & 0xFF) << 24;
                int footerStart = n - 8 - footerLen;
                for (int it = 0; it < ITERATIONS_PER_FILE; it++) {
                    byte[] b = good.clone();
                    int mutations = 1 + rnd.nextInt(4);
                    for (int m = 0; m < mutations; m++) {
                        int at = footerStart + rnd.nextInt(footerLen);
                        switch (rnd.nextInt(5)) {
                            case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                            case 1 -> b[at] = (byte) rnd.nextInt(256);
                            case 2 -> b[at] = (byte) 0xFF;
                            case 3 -> b[at] = 0;
                            default -> { // duplicate a random run over another (structure-shaped garbage)
                                int from = footerStart + rnd.nextInt(footerLen);
                                int len = Math.min(1 + rnd.nextInt(16), Math.min(n - 8 - from, n - 8 - at));
                                System.arraycopy(good, from, b, at, len);
                            }
                        }
                    }
                    if (rnd.nextInt(10) == 0) ParquetFooterTest.putIntLe(b, n - 8, rnd.nextInt(footerLen + 20));
                    String label = name + " iteration " + it;
                    if (check(() -> ParquetFooter.read(MemorySegment.ofArray(b), label), label)) successes++;
                    else failures++;
                    // truncated metadata range
                    MemorySegment seg = MemorySegment.ofArray(b);
                    int cut = rnd.nextInt(footerLen);
                    check(() -> MetadataParser.parseFileMetaData(seg, footerStart, cut), label + " cut " + cut);
                    // random start offset inside the footer
                    int from = footerStart + rnd.nextInt(footerLen);
                    check(() -> MetadataParser.parseFileMetaData(seg, from, n - 8 - from), label + " from " + from);
                    check(() -> MetadataParser.parsePageHeader(seg, from, n - 8), label + " page header at " + from);
                    check(() -> MetadataParser.parseColumnIndex(seg, from, n - 8 - from), label + " column index");
                    check(() -> MetadataParser.parseOffsetIndex(seg, from, n - 8 - from), label + " offset index");
                }
            }
            assertTrue(failures > 0 && successes > 0, "failures " + failures + ", successes " + successes);
        });
    }

    @Test
    void mutatedPageHeadersOnlyThrowParquetFormatException() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(7L);
            for (String name : List.of("alltypes_plain.parquet", "datapage_v2.snappy.parquet",
                    "datapage_v1-snappy-compressed-checksum.parquet", "int32_with_null_pages.parquet")) {
                byte[] good = TestFiles.bytes(TestFiles.data(name));
                FileMetaData md = ParquetFooter.read(MemorySegment.ofArray(good), name);
                for (ColumnChunk cc : md.rowGroups().get(0).columns()) {
                    long start = cc.metaData().chunkStartOffset();
                    for (int it = 0; it < 150; it++) {
                        byte[] b = good.clone();
                        for (int m = 0; m < 1 + rnd.nextInt(3); m++) {
                            int at = (int) start + rnd.nextInt(40);
                            if (at < b.length) b[at] = (byte) rnd.nextInt(256);
                        }
                        MemorySegment seg = MemorySegment.ofArray(b);
                        long limit = Math.min(b.length, start + 1 + rnd.nextInt(60));
                        check(() -> MetadataParser.parsePageHeaderWithEnd(seg, start, limit), name + " " + it);
                    }
                }
            }
        });
    }

    @Test
    void randomBytesOnlyThrowParquetFormatException() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(99L);
            for (int it = 0; it < 5000; it++) {
                byte[] b = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(b);
                if (rnd.nextBoolean()) for (int i = 0; i < b.length; i += 1 + rnd.nextInt(4)) b[i] = (byte) (b[i] & 0x1F);
                MemorySegment seg = MemorySegment.ofArray(b);
                int type = 1 + rnd.nextInt(12);
                check(() -> new ThriftCompactReader(seg, 0, seg.byteSize()).skip(type), "skip " + it);
                check(() -> MetadataParser.parseFileMetaData(seg, 0, seg.byteSize()), "footer " + it);
                check(() -> MetadataParser.parsePageHeader(seg, 0, seg.byteSize()), "page header " + it);
            }
        });
    }

    /** Runs the action; true on success, false on ParquetFormatException; fails the test otherwise. */
    private static boolean check(Runnable action, String label) {
        try {
            action.run();
            return true;
        } catch (ParquetFormatException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().contains("offset "), label + ": message lacks an offset: " + e.getMessage());
            return false;
        } catch (Throwable t) {
            throw new AssertionError(label + ": unexpected " + t, t);
        }
    }
}
