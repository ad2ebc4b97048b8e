package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.UnsupportedParquetFeatureException;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class DecompressorsTest {

    /** Compressible sample: small ints, repeated words, some noise. */
    static byte[] sample(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        String[] words = {"alpha ", "beta ", "gamma ", "delta ", "ERROR ", "INFO "};
        int i = 0;
        while (i < n) {
            int kind = r.nextInt(3);
            byte[] w = kind == 0 ? words[r.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII)
                    : kind == 1 ? new byte[] {(byte) r.nextInt(8), 0, 0, 0} : new byte[] {(byte) r.nextInt()};
            for (int k = 0; k < w.length && i < n; k++) b[i++] = w[k];
        }
        return b;
    }

    static byte[] compress(Compressor c, byte[] data) {
        byte[] out = new byte[c.maxCompressedLength(data.length)];
        int n = c.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (byte[] p : parts) bos.writeBytes(p);
        return bos.toByteArray();
    }

    static byte[] be32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(v).array(); }
    static byte[] le32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }

    /** Hadoop LZ4 framing: per chunk [u32 BE raw length][u32 BE compressed length][raw block]. */
    static byte[] hadoopLz4(byte[] data, int chunk) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (int off = 0; off < data.length; off += chunk) {
            byte[] part = Arrays.copyOfRange(data, off, Math.min(data.length, off + chunk));
            byte[] c = compress(new Lz4JavaCompressor(), part);
            bos.writeBytes(be32(part.length));
            bos.writeBytes(be32(c.length));
            bos.writeBytes(c);
        }
        return bos.toByteArray();
    }

    /** Decompresses from a heap segment, a read-only heap segment and a native segment at an offset; all must agree. */
    static byte[] decode(CompressionCodec codec, byte[] compressed, int uncompressedLength) {
        PageDecompressor d = Decompressors.forCodec(codec);
        byte[] a = new byte[uncompressedLength + 3];
        d.decompress(MemorySegment.ofArray(compressed), 0, compressed.length, a, uncompressedLength);
        byte[] padded = concat(new byte[7], compressed, new byte[5]);
        byte[] b = new byte[uncompressedLength];
        d.decompress(MemorySegment.ofArray(padded).asReadOnly(), 7, compressed.length, b, uncompressedLength);
        byte[] c = new byte[uncompressedLength];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nat = arena.allocate(padded.length);
            nat.copyFrom(MemorySegment.ofArray(padded));
            d.decompress(nat.asReadOnly(), 7, compressed.length, c, uncompressedLength);
        }
        byte[] result = Arrays.copyOf(a, uncompressedLength);
        assertArrayEquals(result, b);
        assertArrayEquals(result, c);
        for (int i = uncompressedLength; i < a.length; i++) assertEquals(0, a[i], "wrote past uncompressedLength");
        return result;
    }

    static void roundTrip(CompressionCodec codec, byte[] compressed, byte[] expected) {
        assertArrayEquals(expected, decode(codec, compressed, expected.length), codec.toString());
    }

    @Test
    void roundTripsEveryCodec() throws IOException {
        for (int n : new int[] {0, 1, 17, 1000, 300_000}) {
            byte[] data = sample(n, n);
            roundTrip(CompressionCodec.UNCOMPRESSED, data, data);
            roundTrip(CompressionCodec.SNAPPY, compress(new SnappyJavaCompressor(), data), data);
            roundTrip(CompressionCodec.ZSTD, compress(new ZstdJavaCompressor(), data), data);
            roundTrip(CompressionCodec.LZ4_RAW, compress(new Lz4JavaCompressor(), data), data);
            roundTrip(CompressionCodec.GZIP, gzip(data), data);
            // legacy LZ4: Hadoop framing with one and several chunks, and a bare raw block
            roundTrip(CompressionCodec.LZ4, hadoopLz4(data, Math.max(1, n)), data);
            roundTrip(CompressionCodec.LZ4, hadoopLz4(data, 7_000), data);
            roundTrip(CompressionCodec.LZ4, compress(new Lz4JavaCompressor(), data), data);
        }
    }

    @Test
    void multipleZstdFramesAndGzipMembers() throws IOException {
        byte[] a = sample(50_000, 1), b = sample(70_000, 2);
        byte[] both = concat(a, b);
        roundTrip(CompressionCodec.ZSTD, concat(compress(new ZstdJavaCompressor(), a), compress(new ZstdJavaCompressor(), b)), both);
        roundTrip(CompressionCodec.GZIP, concat(gzip(a), gzip(b)), both);
        roundTrip(CompressionCodec.GZIP, concat(gzip(a), gzip(new byte[0]), gzip(b)), both);
    }

    @Test
    void gzipOptionalHeaderFields() throws IOException {
        byte[] data = sample(5000, 3);
        byte[] g = gzip(data);
        // set FEXTRA | FNAME | FCOMMENT and insert the fields after the 10-byte fixed header
        byte[] header = Arrays.copyOf(g, 10);
        header[3] = (byte) (4 | 8 | 16);
        byte[] extra = {3, 0, 'a', 'b', 'c'};
        byte[] name = "page.bin\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] comment = "hi\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] withFields = concat(header, extra, name, comment, Arrays.copyOfRange(g, 10, g.length));
        roundTrip(CompressionCodec.GZIP, concat(withFields, g), concat(data, data));
    }

    @Test
    void lz4FrameFormat() {
        byte[] a = sample(20_000, 4), b = sample(9_000, 5);
        byte[] ca = compress(new Lz4JavaCompressor(), a);
        // independent blocks: one compressed, one stored (high bit), content checksum flag set
        byte[] frame = concat(le32(0x184D2204), new byte[] {(byte) 0x64, 0x40, 0x00},
                le32(ca.length), ca, le32(b.length | 0x80000000), b, le32(0), le32(0));
        roundTrip(CompressionCodec.LZ4, frame, concat(a, b));
        // linked blocks: the second block copies 8 bytes starting 5 back, i.e. from the first block
        byte[] block1 = {0x50, 'h', 'e', 'l', 'l', 'o'};
        byte[] block2 = {0x04, 5, 0, 0x10, '!'};
        byte[] linked = concat(le32(0x184D2204), new byte[] {(byte) 0x40, 0x40, 0x00},
                le32(block1.length), block1, le32(block2.length), block2, le32(0));
        roundTrip(CompressionCodec.LZ4, linked, "hellohellohel!".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void brotliKnownVectors() {
        roundTrip(CompressionCodec.BROTLI, new byte[] {0x06}, new byte[0]);
        roundTrip(CompressionCodec.BROTLI, new byte[] {0x0B, 0x00, (byte) 0x80, 0x58, 0x03}, "X".getBytes(StandardCharsets.US_ASCII));
        roundTrip(CompressionCodec.BROTLI,
                new byte[] {0x1B, 0x13, 0x00, 0x00, (byte) 0xA4, (byte) 0xB0, (byte) 0xB2, (byte) 0xEA, (byte) 0x81, 0x47, 0x02, (byte) 0x8A},
                "XXXXXXXXXXYYYYYYYYYY".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[][] samplesFor(CompressionCodec codec, byte[] data) throws IOException {
        return switch (codec) {
            case SNAPPY -> new byte[][] {compress(new SnappyJavaCompressor(), data)};
            case ZSTD -> new byte[][] {compress(new ZstdJavaCompressor(), data)};
            case LZ4_RAW -> new byte[][] {compress(new Lz4JavaCompressor(), data)};
            case LZ4 -> new byte[][] {hadoopLz4(data, 1500), compress(new Lz4JavaCompressor(), data)};
            case GZIP -> new byte[][] {concat(gzip(Arrays.copyOf(data, 2000)), gzip(Arrays.copyOfRange(data, 2000, data.length)))};
            case BROTLI -> new byte[][] {{0x1B, 0x13, 0x00, 0x00, (byte) 0xA4, (byte) 0xB0, (byte) 0xB2, (byte) 0xEA, (byte) 0x81, 0x47, 0x02, (byte) 0x8A}};
            default -> new byte[0][];
        };
    }

    static int lengthOf(CompressionCodec codec, byte[] data) { return codec == CompressionCodec.BROTLI ? 20 : data.length; }

    @Test
    void wrongSizesTruncationAndBombsThrow() throws IOException {
        byte[] data = sample(5000, 6);
        for (CompressionCodec codec : CompressionCodec.values()) {
            if (codec == CompressionCodec.LZO || codec == CompressionCodec.UNCOMPRESSED) continue;
            PageDecompressor d = Decompressors.forCodec(codec);
            int len = lengthOf(codec, data);
            for (byte[] c : samplesFor(codec, data)) {
                MemorySegment seg = MemorySegment.ofArray(c);
                byte[] big = new byte[len + 10];
                // expected size too large (truncated output) and too small (decompression bomb)
                assertThrows(ParquetFormatException.class, () -> d.decompress(seg, 0, c.length, big, len + 1), codec + " len+1");
                assertThrows(ParquetFormatException.class, () -> d.decompress(seg, 0, c.length, big, len - 1), codec + " len-1");
                byte[] small = new byte[len - 1 + 10];
                Arrays.fill(small, (byte) 0x5A);
                assertThrows(ParquetFormatException.class, () -> d.decompress(seg, 0, c.length, small, len - 1));
                for (int i = len - 1; i < small.length; i++) assertEquals(0x5A, small[i], codec + " wrote past the limit");
                // truncated input
                for (int cut : new int[] {0, 1, c.length / 2, c.length - 1}) {
                    assertThrows(ParquetFormatException.class, () -> d.decompress(seg, 0, cut, big, len), codec + " cut " + cut);
                }
                // range outside the segment
                assertThrows(ParquetFormatException.class, () -> d.decompress(seg, 1, c.length, big, len));
                assertThrows(ParquetFormatException.class, () -> d.decompress(seg, -1, c.length, big, len));
            }
            assertThrows(ParquetFormatException.class, () -> d.decompress(MemorySegment.ofArray(new byte[4]), 0, 4, new byte[0], -1));
            assertThrows(IllegalArgumentException.class, () -> d.decompress(MemorySegment.ofArray(new byte[4]), 0, 4, new byte[3], 4));
        }
        assertThrows(ParquetFormatException.class,
                () -> Decompressors.forCodec(CompressionCodec.UNCOMPRESSED).decompress(MemorySegment.ofArray(new byte[4]), 0, 4, new byte[3], 3));
    }

    @Test
    void fuzzedInputOnlyEverThrowsParquetFormatException() throws IOException {
        Random r = new Random(42);
        byte[] data = sample(4000, 7);
        try (Arena arena = Arena.ofConfined()) {
            for (CompressionCodec codec : CompressionCodec.values()) {
                if (codec == CompressionCodec.LZO) continue;
                PageDecompressor d = Decompressors.forCodec(codec);
                int len = codec == CompressionCodec.UNCOMPRESSED ? data.length : lengthOf(codec, data);
                byte[][] samples = codec == CompressionCodec.UNCOMPRESSED ? new byte[][] {data} : samplesFor(codec, data);
                for (byte[] original : samples) {
                    // native segment sized exactly, so an out-of-bounds read would fault rather than read neighbours
                    for (int iter = 0; iter < 400; iter++) {
                        byte[] c = original.clone();
                        int flips = 1 + r.nextInt(4);
                        for (int f = 0; f < flips; f++) c[r.nextInt(c.length)] = (byte) r.nextInt();
                        if (iter % 4 == 0) c = Arrays.copyOf(c, r.nextInt(c.length + 1));
                        if (iter % 7 == 0) { c = new byte[1 + r.nextInt(64)]; r.nextBytes(c); }
                        MemorySegment seg = arena.allocate(Math.max(1, c.length));
                        seg.copyFrom(MemorySegment.ofArray(c));
                        byte[] dst = new byte[len + 16];
                        try {
                            d.decompress(seg, 0, c.length, dst, len);
                        } catch (ParquetFormatException expected) {
                            assertNotNull(expected.getMessage());
                        } catch (Throwable t) {
                            fail(codec + " threw " + t, t);
                        }
                        for (int i = len; i < dst.length; i++) assertEquals(0, dst[i], codec + " wrote past the limit");
                    }
                }
            }
        }
    }

    @Test
    void lzoAndUnknownCodecsAreRejectedClearly() {
        var e = assertThrows(UnsupportedParquetFeatureException.class, () -> Decompressors.forCodec(CompressionCodec.LZO));
        assertTrue(e.getMessage().contains("codec LZO is not supported"), e.getMessage());
        assertThrows(UnsupportedParquetFeatureException.class, () -> Decompressors.forCodec(null));
    }

    @Test
    void sharedInstancesAreThreadSafe() throws Exception {
        byte[] data = sample(200_000, 8);
        byte[] z = compress(new ZstdJavaCompressor(), data);
        byte[] g = gzip(data);
        byte[] s = compress(new SnappyJavaCompressor(), data);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] fs = new Future<?>[8];
            for (int t = 0; t < fs.length; t++) {
                fs[t] = pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        for (var p : new Object[][] {{CompressionCodec.ZSTD, z}, {CompressionCodec.GZIP, g}, {CompressionCodec.SNAPPY, s}}) {
                            byte[] out = new byte[data.length];
                            byte[] in = (byte[]) p[1];
                            Decompressors.forCodec((CompressionCodec) p[0]).decompress(MemorySegment.ofArray(in), 0, in.length, out, data.length);
                            assertArrayEquals(data, out);
                        }
                    }
                    return null;
                });
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
    }

    /** The most compressible input there is (zeros) stays within each codec's stated expansion bound. */
    @Test
    void maxDecompressedSizeHoldsForTheMostCompressibleInput() throws IOException {
        byte[] zeros = new byte[4 << 20];
        for (Compressor c : new Compressor[] {new SnappyJavaCompressor(), new Lz4JavaCompressor()}) {
            byte[] out = new byte[c.maxCompressedLength(zeros.length)];
            int n = c.compress(zeros, 0, zeros.length, out, 0, out.length);
            CompressionCodec codec = c instanceof SnappyJavaCompressor ? CompressionCodec.SNAPPY : CompressionCodec.LZ4_RAW;
            assertTrue(zeros.length <= Decompressors.maxDecompressedSize(codec, n), codec + ": " + n + " bytes made " + zeros.length);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(zeros);
        }
        assertTrue(zeros.length <= Decompressors.maxDecompressedSize(CompressionCodec.GZIP, gz.size()), "gzip: " + gz.size());
        assertEquals(Long.MAX_VALUE, Decompressors.maxDecompressedSize(CompressionCodec.ZSTD, 10));
        assertEquals(10, Decompressors.maxDecompressedSize(CompressionCodec.UNCOMPRESSED, 10));
        // A snappy page can never make 1 MB from 1 KB.
        assertTrue(Decompressors.maxDecompressedSize(CompressionCodec.SNAPPY, 1024) < 1 << 20);
    }
}
