package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The decoders in use are the ones this run asked for. The build runs core's tests twice: with native
 * access allowed (expect {@code native}) and with {@code -Dstreamingadaptive.codecs=java} (expect
 * {@code java}); surefire says which through {@code expect.codecs}, so a native library that stopped
 * loading fails here instead of passing silently on the fallback.
 */
class CodecLibrariesTest {

    @Test
    void theDecodersThisRunAskedForAreInUse() {
        String expected = System.getProperty("expect.codecs");
        if (expected == null) {
            // Run outside the build (an IDE): only the forced fallback has a certain answer.
            expected = "java".equals(System.getProperty(CodecLibraries.PROPERTY)) ? "java" : Decompressors.implementation(CompressionCodec.SNAPPY);
        }
        for (CompressionCodec codec : new CompressionCodec[] {CompressionCodec.SNAPPY, CompressionCodec.ZSTD, CompressionCodec.LZ4_RAW, CompressionCodec.LZ4}) {
            assertEquals(expected, Decompressors.implementation(codec), codec.toString());
        }
        assertEquals("jdk", Decompressors.implementation(CompressionCodec.GZIP));
    }

    @Test
    void propertyValues() {
        assertEquals(CodecLibraries.Mode.AUTO, CodecLibraries.mode(null));
        assertEquals(CodecLibraries.Mode.AUTO, CodecLibraries.mode(" Auto "));
        assertEquals(CodecLibraries.Mode.NATIVE, CodecLibraries.mode("native"));
        assertEquals(CodecLibraries.Mode.JAVA, CodecLibraries.mode("JAVA"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodecLibraries.mode("fast"));
        assertTrue(e.getMessage().contains("streamingadaptive.codecs=fast"), e.getMessage());
    }

    /** From a native (mapped-like) segment and from a slice of a heap array, at odd offsets; a clear error for a truncated page. */
    @Test
    void nativeInputSegmentsDecodeInPlaceAndTruncationIsAFormatError() {
        byte[] page = DecompressorsTest.sample(300_000, 7);
        for (CompressionCodec codec : new CompressionCodec[] {CompressionCodec.SNAPPY, CompressionCodec.ZSTD, CompressionCodec.LZ4_RAW}) {
            byte[] compressed = DecompressorsTest.compress(switch (codec) {
                case SNAPPY -> new SnappyJavaCompressor();
                case ZSTD -> new ZstdJavaCompressor();
                default -> new Lz4JavaCompressor();
            }, page);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment nativeSeg = arena.allocate(compressed.length + 3);
                MemorySegment heapSeg = MemorySegment.ofArray(new byte[compressed.length + 20]).asSlice(7);
                for (MemorySegment seg : new MemorySegment[] {nativeSeg, heapSeg}) {
                    MemorySegment.copy(MemorySegment.ofArray(compressed), 0, seg, 3, compressed.length);
                    byte[] dst = new byte[page.length + 5];
                    Decompressors.forCodec(codec).decompress(seg, 3, compressed.length, dst, page.length);
                    assertArrayEquals(page, Arrays.copyOf(dst, page.length), codec + " " + seg);
                    assertThrows(ParquetFormatException.class,
                            () -> Decompressors.forCodec(codec).decompress(seg, 3, compressed.length / 2, dst, page.length), codec.toString());
                }
            }
        }
    }
}
