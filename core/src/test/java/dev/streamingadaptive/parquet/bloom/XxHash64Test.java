package dev.streamingadaptive.parquet.bloom;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class XxHash64Test {

    private static long hash(String s) {
        return XxHash64.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void publishedVectors() {
        assertEquals(0xEF46DB3751D8E999L, hash(""));
        assertEquals(0xD24EC4F1A98C6E5BL, hash("a"));
        assertEquals(0x44BC2CF5AD770999L, hash("abc"));
        // 39 bytes: one 32-byte stripe, then the 8-byte and byte tails.
        assertEquals(0xFBCEA83C8A378BF1L, hash("Nobody inspects the spammish repetition"));
    }

    /** The xxHash sanity buffer: byte i is the top byte of PRIME32 * PRIME64^i. */
    private static byte[] sanityBuffer(int n) {
        byte[] b = new byte[n];
        long gen = 2654435761L;
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (gen >>> 56);
            gen *= 0x9E3779B185EBCA87L;
        }
        return b;
    }

    @Test
    void everyTailAndStripeLength() {
        // Lengths covering empty, 1-3 byte tails, the 4-byte step, 8-byte steps and 32-byte stripes.
        // The low 32 bits of each value were checked against the zstd CLI, whose frame checksum is the
        // low half of XXH64 (seed 0) of the content; the values agree with published vectors above.
        int[] lengths = {0, 1, 3, 4, 7, 8, 14, 31, 32, 33, 63, 64, 100, 222, 299};
        long[] expected = {
            0xef46db3751d8e999L, 0xe934a84adb052768L, 0x74b65698ef6b6959L, 0xe244ddbcf81e29e4L,
            0xf47e693f2584aa3aL, 0xca240b08878d6ff6L, 0xb89b3598e0bd0a0aL, 0xb0a1e0b773272144L,
            0x91382f920a08001cL, 0x840f6f0a6b922839L, 0x3d49364633b19231L, 0xc1f8dc73fe9686caL,
            0x6988da507bd96a0fL, 0x06cc5bd930bcec3aL, 0xe0bb4ce9a4e32dffL,
        };
        byte[] buf = sanityBuffer(300);
        for (int i = 0; i < lengths.length; i++) {
            assertEquals(expected[i], XxHash64.hash(buf, 0, lengths[i]), "length " + lengths[i]);
        }
    }

    @Test
    void arrayRangesAndSegmentsAgree() {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] data = new byte[400];
        for (int i = 0; i < data.length; i++) data[i] = (byte) rnd.nextInt();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment off = arena.allocate(data.length + 3);
            MemorySegment.copy(MemorySegment.ofArray(data), 0, off, 3, data.length);
            for (int offset = 0; offset < 9; offset++) {
                for (int len = 0; len <= 130; len++) {
                    long h = XxHash64.hash(Arrays.copyOfRange(data, offset, offset + len));
                    assertEquals(h, XxHash64.hash(data, offset, len), offset + "+" + len);
                    assertEquals(h, XxHash64.hash(MemorySegment.ofArray(data), offset, len), offset + "+" + len);
                    assertEquals(h, XxHash64.hash(off, offset + 3, len), "native " + offset + "+" + len);
                }
            }
        }
    }

    @Test
    void plainEncodingHelpersMatchTheBytes() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            int v = i < 5 ? new int[] {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE}[i] : rnd.nextInt();
            long w = rnd.nextLong();
            byte[] four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
            byte[] eight = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(w).array();
            assertEquals(XxHash64.hash(four), XxHash64.hashInt(v));
            assertEquals(XxHash64.hash(eight), XxHash64.hashLong(w));
            float f = Float.intBitsToFloat(v);
            double d = Double.longBitsToDouble(w);
            assertEquals(XxHash64.hash(four), XxHash64.hashFloat(f));
            assertEquals(XxHash64.hash(eight), XxHash64.hashDouble(d));
        }
        // -0.0 and +0.0 are different PLAIN encodings, so different hashes.
        assertNotEquals(XxHash64.hashDouble(0.0), XxHash64.hashDouble(-0.0));
        assertNotEquals(XxHash64.hashFloat(0.0f), XxHash64.hashFloat(-0.0f));
    }

    @Test
    void rangesAreChecked() {
        byte[] b = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> XxHash64.hash(b, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> XxHash64.hash(b, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> XxHash64.hash(MemorySegment.ofArray(b), 8, 3));
    }
}
