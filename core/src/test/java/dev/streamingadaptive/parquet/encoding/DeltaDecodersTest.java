package dev.streamingadaptive.parquet.encoding;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static dev.streamingadaptive.parquet.encoding.RefEncoders.seg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeltaDecodersTest {

    static long[] randomLongs(Random rnd, int n) {
        long[] v = new long[n];
        int kind = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            v[i] = switch (kind) {
                case 0 -> rnd.nextLong();
                case 1 -> i * 3L + rnd.nextInt(4);
                case 2 -> rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                case 3 -> 42;
                default -> rnd.nextInt(1000) - 500;
            };
        }
        return v;
    }

    static long[] decodeLongs(byte[] enc, int n, Random rnd) {
        DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(seg(enc), 0, enc.length);
        assertEquals(n, d.totalValueCount());
        long[] got = new long[n];
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, 1 + rnd.nextInt(300));
            d.readLongs(got, done, k);
            done += k;
        }
        assertEquals(enc.length, d.endOffset());
        return got;
    }

    @Test
    void longRoundTrip() {
        Random rnd = new Random(1);
        int[][] shapes = {{128, 4}, {128, 1}, {256, 8}, {128, 16}, {1024, 4}};
        for (int iter = 0; iter < 300; iter++) {
            int[] shape = shapes[rnd.nextInt(shapes.length)];
            int n = rnd.nextInt(10) == 0 ? rnd.nextInt(3) : rnd.nextInt(3000);
            long[] v = randomLongs(rnd, n);
            byte[] enc = RefEncoders.delta(v, shape[0], shape[1], false, rnd);
            assertArrayEquals(v, decodeLongs(enc, n, rnd), "iteration " + iter);
            // skipToEnd after a partial read
            DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(seg(enc), 0, enc.length);
            if (n > 0) d.readLongs(new long[n], 0, rnd.nextInt(n));
            assertEquals(enc.length, d.skipToEnd());
        }
    }

    @Test
    void extremes() {
        Random rnd = new Random(2);
        long[] v = {Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 0, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        byte[] enc = RefEncoders.delta(v, 128, 4, false, null);
        assertEquals(64, enc[enc.length - 256 - 4] & 0xFF, "first miniblock needs 64 bits");
        assertArrayEquals(v, decodeLongs(enc, v.length, rnd));
        long[] single = {Long.MIN_VALUE};
        byte[] e1 = RefEncoders.delta(single, 128, 4, false, null);
        assertArrayEquals(single, decodeLongs(e1, 1, rnd));
        byte[] e0 = RefEncoders.delta(new long[0], 128, 4, false, null);
        DeltaBinaryPackedDecoder d0 = new DeltaBinaryPackedDecoder(seg(e0), 0, e0.length);
        assertEquals(0, d0.totalValueCount());
        assertEquals(e0.length, d0.skipToEnd());
        assertThrows(ParquetFormatException.class, () -> d0.readLongs(new long[1], 0, 1));
    }

    @Test
    void intRoundTripWraps() {
        Random rnd = new Random(3);
        for (int iter = 0; iter < 200; iter++) {
            int n = rnd.nextInt(2000);
            long[] v = new long[n];
            int[] expected = new int[n];
            int kind = rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                expected[i] = kind == 0 ? rnd.nextInt() : kind == 1 ? (rnd.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE)
                        : rnd.nextInt(100);
                v[i] = expected[i];
            }
            byte[] enc = RefEncoders.delta(v, 128, 4, true, rnd);
            DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(seg(enc), 0, enc.length);
            int[] got = new int[n];
            int done = 0;
            while (done < n) {
                int k = Math.min(n - done, 1 + rnd.nextInt(2500));
                d.readInts(got, done, k);
                done += k;
            }
            assertArrayEquals(expected, got);
            assertEquals(enc.length, d.endOffset());
        }
    }

    @Test
    void specExamples() {
        // Example 1: 1,2,3,4,5 with block size 8, 1 miniblock: header 8,1,5,zigzag(1)=2; block: zigzag(1)=2, width 0
        byte[] e1 = {8, 1, 5, 2, 2, 0};
        DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(seg(e1), 0, e1.length);
        long[] got = new long[5];
        d.readLongs(got, 0, 5);
        assertArrayEquals(new long[]{1, 2, 3, 4, 5}, got);
        assertEquals(6, d.endOffset());
        // Example 2: 7,5,3,1,2,3,4,5: header 8,1,8,zigzag(7)=14; block zigzag(-2)=3, width 2,
        // relative deltas 0,0,0,3,3,3,3 (+ pad) LSB-first: 0xC0, 0x3F
        byte[] e2 = {8, 1, 8, 14, 3, 2, (byte) 0xC0, 0x3F};
        d = new DeltaBinaryPackedDecoder(seg(e2), 0, e2.length);
        int[] ints = new int[8];
        d.readInts(ints, 0, 8);
        assertArrayEquals(new int[]{7, 5, 3, 1, 2, 3, 4, 5}, ints);
        assertEquals(8, d.endOffset());
    }

    @Test
    void headerValidation() {
        assertThrows(ParquetFormatException.class, () -> new DeltaBinaryPackedDecoder(seg(new byte[]{0, 1, 1, 0}), 0, 4));
        assertThrows(ParquetFormatException.class, () -> new DeltaBinaryPackedDecoder(seg(new byte[]{(byte) 0x80, 1, 32, 1, 0}), 0, 5));
        assertThrows(ParquetFormatException.class, () -> new DeltaBinaryPackedDecoder(seg(new byte[]{(byte) 0x80, 1, 3, 1}), 0, 4));
        // 2^31 values claimed in a tiny buffer: constructing is fine (no allocation), reading fails cleanly
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RefEncoders.uleb(out, 128);
        RefEncoders.uleb(out, 4);
        RefEncoders.uleb(out, Integer.MAX_VALUE);
        RefEncoders.uleb(out, 0);
        out.writeBytes(new byte[100]);
        byte[] b = out.toByteArray();
        DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(seg(b), 0, b.length);
        assertThrows(ParquetFormatException.class, d::skipToEnd);
        assertThrows(ParquetFormatException.class,
                () -> DeltaLengthByteArrayDecoder.decode(seg(b), 0, b.length, new BinaryBuilder(), Integer.MAX_VALUE));
        out.reset();
        RefEncoders.uleb(out, 128);
        RefEncoders.uleb(out, 4);
        RefEncoders.uleb(out, 1L << 32);
        out.write(0);
        byte[] b2 = out.toByteArray();
        assertThrows(ParquetFormatException.class, () -> new DeltaBinaryPackedDecoder(seg(b2), 0, b2.length));
    }

    static byte[][] randomStrings(Random rnd, int n) {
        byte[][] v = new byte[n][];
        String[] words = {"", "a", "apple", "apples", "application", "banana", "band", "bandana", "\u00e9t\u00e9"};
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(4) == 0) {
                v[i] = new byte[rnd.nextInt(40)];
                rnd.nextBytes(v[i]);
            } else {
                v[i] = (words[rnd.nextInt(words.length)] + (rnd.nextBoolean() ? "" : Integer.toString(rnd.nextInt(50))))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        if (rnd.nextBoolean()) Arrays.sort(v, Arrays::compare);
        return v;
    }

    static void assertValues(byte[][] expected, BinaryBuilder b, int from) {
        assertEquals(from + expected.length, b.count());
        for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], b.get(from + i), "value " + i);
    }

    @Test
    void byteArrayRoundTrips() {
        Random rnd = new Random(4);
        for (int iter = 0; iter < 200; iter++) {
            byte[][] v = randomStrings(rnd, rnd.nextInt(700));
            BinaryBuilder b = new BinaryBuilder(1, 1);
            b.append(new byte[]{9, 9}, 0, 2); // pre-existing entry must not leak into prefixes
            byte[] dl = RefEncoders.deltaLength(v, rnd);
            assertEquals(dl.length, DeltaLengthByteArrayDecoder.decode(seg(dl), 0, dl.length, b, v.length));
            assertValues(v, b, 1);
            b.reset();
            byte[] da = RefEncoders.deltaByteArray(v, rnd);
            assertEquals(da.length, DeltaByteArrayDecoder.decode(seg(da), 0, da.length, b, v.length));
            assertValues(v, b, 0);
            b.reset();
            byte[] pl = RefEncoders.plainByteArrays(v);
            assertEquals(pl.length, PlainDecoder.readByteArrays(seg(pl), 0, pl.length, b, v.length));
            assertValues(v, b, 0);
        }
    }

    @Test
    void byteArrayValidation() {
        byte[][] v = {"abc".getBytes(), "abd".getBytes()};
        byte[] dl = RefEncoders.deltaLength(v, null);
        assertThrows(ParquetFormatException.class, () -> DeltaLengthByteArrayDecoder.decode(seg(dl), 0, dl.length - 1, new BinaryBuilder(), 2));
        assertThrows(ParquetFormatException.class, () -> DeltaLengthByteArrayDecoder.decode(seg(dl), 0, dl.length, new BinaryBuilder(), 3));
        // prefix longer than the previous value
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RefEncoders.delta(out, new long[]{0, 5}, 128, 4, true, null);
        out.writeBytes(RefEncoders.deltaLength(v, null));
        byte[] bad = out.toByteArray();
        assertThrows(ParquetFormatException.class, () -> DeltaByteArrayDecoder.decode(seg(bad), 0, bad.length, new BinaryBuilder(), 2));
        // negative length
        ByteArrayOutputStream o2 = new ByteArrayOutputStream();
        RefEncoders.delta(o2, new long[]{3, -1}, 128, 4, true, null);
        o2.writeBytes("abcdef".getBytes());
        byte[] neg = o2.toByteArray();
        assertThrows(ParquetFormatException.class, () -> DeltaLengthByteArrayDecoder.decode(seg(neg), 0, neg.length, new BinaryBuilder(), 2));
    }
}
