package dev.streamingadaptive.parquet.encoding;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import static dev.streamingadaptive.parquet.encoding.RefEncoders.seg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlainAndByteStreamSplitTest {

    @Test
    void plainFixedWidth() {
        Random rnd = new Random(5);
        for (int iter = 0; iter < 50; iter++) {
            int n = rnd.nextInt(100);
            ByteBuffer bb = ByteBuffer.allocate(n * 8 + 3).order(ByteOrder.LITTLE_ENDIAN);
            long[] longs = new long[n];
            for (int i = 0; i < n; i++) bb.putLong(3 + 8 * i, longs[i] = rnd.nextLong());
            byte[] b = bb.array();
            long[] gl = new long[n + 1];
            assertEquals(b.length, PlainDecoder.readLongs(seg(b), 3, b.length, gl, 1, n));
            assertArrayEquals(longs, Arrays.copyOfRange(gl, 1, n + 1));
            double[] gd = new double[n];
            PlainDecoder.readDoubles(seg(b), 3, b.length, gd, 0, n);
            for (int i = 0; i < n; i++) assertEquals(Double.doubleToRawLongBits(gd[i]), longs[i]);
            int[] gi = new int[2 * n];
            assertEquals(b.length, PlainDecoder.readInts(seg(b), 3, b.length, gi, 0, 2 * n));
            for (int i = 0; i < n; i++) assertEquals((int) longs[i], gi[2 * i]);
            float[] gf = new float[2 * n];
            PlainDecoder.readFloats(seg(b), 3, b.length, gf, 0, 2 * n);
            for (int i = 0; i < n; i++) assertEquals((int) (longs[i] >>> 32), Float.floatToRawIntBits(gf[2 * i + 1]));
            if (n > 0) {
                assertThrows(ParquetFormatException.class, () -> PlainDecoder.readLongs(seg(b), 3, b.length - 1, gl, 0, n));
                assertThrows(ParquetFormatException.class, () -> PlainDecoder.readInts(seg(b), 3, b.length, gi, 0, -1));
            }
            // INT96: 12-byte values
            int m = (n * 8) / 12;
            long[] nanos = new long[m];
            int[] days = new int[m];
            assertEquals(3 + 12L * m, PlainDecoder.readInt96(seg(b), 3, b.length, nanos, days, 0, m));
            for (int i = 0; i < m; i++) {
                assertEquals(bb.getLong(3 + 12 * i), nanos[i]);
                assertEquals(bb.getInt(3 + 12 * i + 8), days[i]);
            }
            // FIXED_LEN_BYTE_ARRAY
            BinaryBuilder out = new BinaryBuilder();
            assertEquals(3 + 8L * n, PlainDecoder.readFixedLenByteArrays(seg(b), 3, b.length, 8, out, n));
            for (int i = 0; i < n; i++) assertArrayEquals(Arrays.copyOfRange(b, 3 + 8 * i, 11 + 8 * i), out.get(i));
        }
    }

    @Test
    void plainBooleans() {
        Random rnd = new Random(6);
        for (int iter = 0; iter < 100; iter++) {
            int n = rnd.nextInt(300);
            boolean[] v = new boolean[n];
            RefEncoders.BitWriter bw = new RefEncoders.BitWriter();
            for (int i = 0; i < n; i++) bw.write((v[i] = rnd.nextBoolean()) ? 1 : 0, 1);
            byte[] b = bw.finish();
            boolean[] got = new boolean[n];
            assertEquals(b.length, PlainDecoder.readBooleans(seg(b), 0, b.length, got, 0, n));
            assertArrayEquals(v, got);
            // in pieces, continuing mid-byte
            boolean[] got2 = new boolean[n];
            long bit = 0;
            int done = 0;
            while (done < n) {
                int k = Math.min(n - done, rnd.nextInt(20));
                bit = PlainDecoder.readBooleansAtBit(seg(b), bit, b.length, got2, done, k);
                done += k;
            }
            assertArrayEquals(v, got2);
            if (n > 0 && n % 8 != 0) {
                assertThrows(ParquetFormatException.class, () -> PlainDecoder.readBooleans(seg(b), 0, b.length, new boolean[n + 8], 0, n + 8));
            }
        }
    }

    @Test
    void byteStreamSplit() {
        Random rnd = new Random(7);
        for (int iter = 0; iter < 100; iter++) {
            int n = rnd.nextInt(100);
            byte[] plain = new byte[n * 8];
            rnd.nextBytes(plain);
            ByteBuffer bb = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
            byte[] s8 = RefEncoders.byteStreamSplit(plain, 8);
            long[] gl = new long[n];
            ByteStreamSplitDecoder.decodeLongs(seg(s8), 0, s8.length, n, gl, 0);
            double[] gd = new double[n + 2];
            ByteStreamSplitDecoder.decodeDoubles(seg(s8), 0, s8.length, n, gd, 2);
            for (int i = 0; i < n; i++) {
                assertEquals(bb.getLong(8 * i), gl[i]);
                assertEquals(bb.getLong(8 * i), Double.doubleToRawLongBits(gd[i + 2]));
            }
            byte[] s4 = RefEncoders.byteStreamSplit(plain, 4);
            int[] gi = new int[2 * n];
            float[] gf = new float[2 * n];
            ByteStreamSplitDecoder.decodeInts(seg(s4), 0, s4.length, 2 * n, gi, 0);
            ByteStreamSplitDecoder.decodeFloats(seg(s4), 0, s4.length, 2 * n, gf, 0);
            for (int i = 0; i < 2 * n; i++) {
                assertEquals(bb.getInt(4 * i), gi[i]);
                assertEquals(bb.getInt(4 * i), Float.floatToRawIntBits(gf[i]));
            }
            for (int width : new int[]{1, 2, 3, 16}) {
                int m = plain.length / width;
                byte[] p = Arrays.copyOf(plain, m * width);
                byte[] s = RefEncoders.byteStreamSplit(p, width);
                BinaryBuilder out = new BinaryBuilder();
                ByteStreamSplitDecoder.decodeFixed(seg(s), 0, s.length, m, width, out);
                assertEquals(m, out.count());
                for (int i = 0; i < m; i++) assertArrayEquals(Arrays.copyOfRange(p, i * width, (i + 1) * width), out.get(i));
            }
            if (n > 0) {
                assertThrows(ParquetFormatException.class, () -> ByteStreamSplitDecoder.decodeLongs(seg(s8), 0, s8.length - 1, n, gl, 0));
            }
        }
    }

    @Test
    void binaryBuilder() {
        BinaryBuilder b = new BinaryBuilder(0, 0);
        assertEquals(0, b.count());
        assertEquals(0, b.dataLength());
        for (int i = 0; i < 1000; i++) b.append(new byte[]{(byte) i, 1, 2}, 0, i % 4 == 0 ? 0 : 3);
        assertEquals(1000, b.count());
        assertEquals(750 * 3, b.dataLength());
        assertEquals(0, b.length(0));
        assertEquals(3, b.length(1));
        b.appendFrom(b, 1);
        assertArrayEquals(new byte[]{1, 1, 2}, b.get(1000));
        assertEquals(0, b.offsets()[0]);
        b.reset();
        assertEquals(0, b.count());
        b.append(seg(new byte[]{5, 6, 7}), 1, 2);
        assertArrayEquals(new byte[]{6, 7}, b.get(0));
        assertThrows(ParquetFormatException.class, () -> b.ensureCapacity(1, Integer.MAX_VALUE));
    }
}
