package dev.streamingadaptive.parquet.encoding;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.streamingadaptive.parquet.encoding.RefEncoders.seg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RleBitPackedHybridDecoderTest {

    static int randomValue(Random rnd, int w) {
        if (w == 0) return 0;
        return rnd.nextInt() >>> (32 - w);
    }

    /** Random mixed runs; returns expected values (excluding packed padding). */
    static int[] randomRuns(Random rnd, int w, List<RefEncoders.Run> runs, int nRuns) {
        int[] expected = new int[0];
        int n = 0;
        for (int r = 0; r < nRuns; r++) {
            int[] vals;
            boolean last = r == nRuns - 1;
            if (rnd.nextBoolean()) {
                int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 300);
                int v = randomValue(rnd, w);
                runs.add(new RefEncoders.Run(true, v, len, null));
                vals = new int[len];
                Arrays.fill(vals, v);
            } else {
                int len = 8 * (1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 40));
                if (last) len -= rnd.nextInt(8); // last packed run padded
                vals = new int[len];
                for (int i = 0; i < len; i++) vals[i] = randomValue(rnd, w);
                runs.add(new RefEncoders.Run(false, 0, len, vals));
            }
            if (n + vals.length > expected.length) expected = Arrays.copyOf(expected, (n + vals.length) * 2);
            System.arraycopy(vals, 0, expected, n, vals.length);
            n += vals.length;
        }
        return Arrays.copyOf(expected, n);
    }

    @Test
    void roundTripEveryBitWidth() {
        Random rnd = new Random(42);
        for (int w = 0; w <= 32; w++) {
            for (int iter = 0; iter < 20; iter++) {
                List<RefEncoders.Run> runs = new ArrayList<>();
                int[] expected = randomRuns(rnd, w, runs, 1 + rnd.nextInt(12));
                byte[] enc = RefEncoders.rle(runs, w);
                // read in random-sized batches
                RleBitPackedHybridDecoder dec = new RleBitPackedHybridDecoder(seg(enc), 0, enc.length, w);
                int[] got = new int[expected.length + 3];
                int done = 0;
                while (done < expected.length) {
                    int k = Math.min(expected.length - done, 1 + rnd.nextInt(50));
                    if (rnd.nextInt(10) == 0) {
                        got[done] = dec.readInt();
                        k = 1;
                    } else {
                        dec.readInts(got, done, k);
                    }
                    done += k;
                }
                assertArrayEquals(expected, Arrays.copyOf(got, expected.length), "bit width " + w);
                // whole read at a non-zero destination offset
                dec = new RleBitPackedHybridDecoder(seg(enc), 0, enc.length, w);
                int[] all = new int[expected.length + 5];
                dec.readInts(all, 5, expected.length);
                assertArrayEquals(expected, Arrays.copyOfRange(all, 5, all.length));
                // from a slice in the middle of a larger heap array (a decompressed page in a reused buffer),
                // with other bytes before and after it
                byte[] padded = new byte[enc.length + 16];
                Arrays.fill(padded, (byte) 0xA5);
                System.arraycopy(enc, 0, padded, 7, enc.length);
                MemorySegment slice = MemorySegment.ofArray(padded).asSlice(7, enc.length);
                dec = new RleBitPackedHybridDecoder(slice, 0, enc.length, w);
                int[] sliced = new int[expected.length];
                dec.readInts(sliced, 0, expected.length);
                assertArrayEquals(expected, sliced, "bit width " + w + " from a slice");
            }
        }
    }

    /** Counting levels at the maximum while skipping or reading equals counting the values, for widths 1 (the byte-wise path) to 3. */
    @Test
    void countingMaxMatchesRead() {
        Random rnd = new Random(11);
        for (int w = 1; w <= 3; w++) {
            int maxLevel = (1 << w) - 1;
            for (int iter = 0; iter < 40; iter++) {
                List<RefEncoders.Run> runs = new ArrayList<>();
                int[] expected = randomRuns(rnd, w, runs, 1 + rnd.nextInt(12));
                byte[] enc = RefEncoders.rle(runs, w);
                RleBitPackedHybridDecoder dec = new RleBitPackedHybridDecoder(seg(enc), 0, enc.length, w);
                int i = 0;
                while (i < expected.length) {
                    int k = Math.min(expected.length - i, rnd.nextInt(4) == 0 ? rnd.nextInt(9) : rnd.nextInt(400));
                    long want = 0;
                    for (int j = i; j < i + k; j++) want += expected[j] == maxLevel ? 1 : 0;
                    if (rnd.nextBoolean()) {
                        assertEquals(want, dec.skipCountingMax(k, maxLevel), "width " + w + " at " + i + " skipping " + k);
                    } else {
                        int[] got = new int[k + 2];
                        assertEquals(want, dec.readIntsCountingMax(got, 2, k, maxLevel), "width " + w + " at " + i + " reading " + k);
                        assertArrayEquals(Arrays.copyOfRange(expected, i, i + k), Arrays.copyOfRange(got, 2, k + 2));
                    }
                    i += k;
                    if (i < expected.length && rnd.nextBoolean()) assertEquals(expected[i++], dec.readInt());
                }
            }
        }
    }

    /**
     * Passing leading levels at the maximum stops exactly at the first level below it, whatever the width, the run
     * kinds and the bound; what follows reads on from there. Widths 0 (all zero) to 3; biased toward long stretches of
     * the maximum so the whole-byte path of width 1 is taken.
     */
    @Test
    void skipLeadingMaxStopsAtTheFirstLevelBelowTheMaximum() {
        Random rnd = new Random(5);
        for (int w = 0; w <= 3; w++) {
            int maxLevel = w == 0 ? 0 : (1 << w) - 1;
            for (int iter = 0; iter < 60; iter++) {
                List<RefEncoders.Run> runs = new ArrayList<>();
                int[] expected = randomRuns(rnd, w, runs, 1 + rnd.nextInt(12));
                if (w > 0 && rnd.nextBoolean()) {
                    // Mostly the maximum, a rare level below it: long packed stretches of set bits.
                    for (int i = 0; i < expected.length; i++) expected[i] = rnd.nextInt(200) == 0 ? 0 : maxLevel;
                    if (expected.length % 8 != 0) expected = Arrays.copyOf(expected, expected.length - expected.length % 8);
                    runs = new ArrayList<>(List.of(new RefEncoders.Run(false, 0, expected.length, expected)));
                }
                byte[] enc = RefEncoders.rle(runs, w);
                RleBitPackedHybridDecoder dec = new RleBitPackedHybridDecoder(seg(enc), 0, enc.length, w);
                int i = 0;
                while (i < expected.length) {
                    int bound = Math.min(expected.length - i, rnd.nextInt(4) == 0 ? rnd.nextInt(9) : rnd.nextInt(600));
                    int lead = 0;
                    while (lead < bound && expected[i + lead] == maxLevel) lead++;
                    assertEquals(lead, dec.skipLeadingMax(bound, maxLevel), "width " + w + " at " + i + " bound " + bound);
                    i += lead;
                    if (i < expected.length) assertEquals(expected[i++], dec.readInt(), "width " + w + " after the skip");
                }
            }
        }
    }

    /** Levels of a column without nulls bit-packed one bit each (as DuckDB writes them), and the same with one null. */
    @Test
    void bitPackedLevelsAllAtTheMaximum() {
        for (int nullAt : new int[] {-1, 0, 13, 4095}) {
            int[] levels = new int[4096];
            Arrays.fill(levels, 1);
            if (nullAt >= 0) levels[nullAt] = 0;
            byte[] enc = RefEncoders.rle(List.of(new RefEncoders.Run(false, 0, levels.length, levels)), 1);
            RleBitPackedHybridDecoder dec = new RleBitPackedHybridDecoder(seg(enc), 0, enc.length, 1);
            int[] got = new int[levels.length];
            int first = dec.readIntsCountingMax(got, 0, 1000, 1);
            int rest = dec.readIntsCountingMax(got, 1000, levels.length - 1000, 1);
            assertEquals(levels.length - (nullAt >= 0 ? 1 : 0), first + rest, "null at " + nullAt);
            assertArrayEquals(levels, got, "null at " + nullAt);
        }
    }

    @Test
    void skipMatchesRead() {
        Random rnd = new Random(7);
        for (int w = 1; w <= 32; w += 3) {
            List<RefEncoders.Run> runs = new ArrayList<>();
            int[] expected = randomRuns(rnd, w, runs, 10);
            byte[] enc = RefEncoders.rle(runs, w);
            RleBitPackedHybridDecoder dec = new RleBitPackedHybridDecoder(seg(enc), 0, enc.length, w);
            int i = 0;
            while (i < expected.length) {
                int k = Math.min(expected.length - i, rnd.nextInt(30));
                dec.skip(k);
                i += k;
                if (i < expected.length) assertEquals(expected[i], dec.readInt());
                i++;
            }
        }
    }

    @Test
    void specExampleBitWidth3() {
        // 0..7 bit-packed with width 3: header (1 group) 0x03, then 10001000 11000110 11111010
        byte[] enc = {0x03, (byte) 0b10001000, (byte) 0b11000110, (byte) 0b11111010};
        int[] got = new int[8];
        new RleBitPackedHybridDecoder(seg(enc), 0, enc.length, 3).readInts(got, 0, 8);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7}, got);
    }

    @Test
    void bitPackedDeprecatedSpecExample() {
        byte[] enc = {(byte) 0b00000101, (byte) 0b00111001, (byte) 0b01110111};
        int[] got = new int[8];
        long end = BitPackedLevelDecoder.decode(seg(enc), 0, enc.length, 3, got, 8);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7}, got);
        assertEquals(3, end);
    }

    @Test
    void bitPackedDeprecatedRoundTrip() {
        Random rnd = new Random(3);
        for (int w = 0; w <= 32; w++) {
            int count = rnd.nextInt(100);
            int[] vals = new int[count];
            StringBuilder bits = new StringBuilder();
            for (int i = 0; i < count; i++) {
                vals[i] = randomValue(rnd, w);
                for (int b = w - 1; b >= 0; b--) bits.append((vals[i] >>> b) & 1);
            }
            while (bits.length() % 8 != 0) bits.append('0');
            byte[] enc = new byte[bits.length() / 8 + 2];
            for (int i = 0; i < bits.length() / 8; i++) enc[i] = (byte) Integer.parseInt(bits.substring(8 * i, 8 * i + 8), 2);
            int[] got = new int[count];
            long end = BitPackedLevelDecoder.decode(seg(enc), 0, enc.length, w, got, count);
            assertArrayEquals(vals, got, "width " + w);
            assertEquals(bits.length() / 8, end);
            if (count > 0 && w > 0) {
                int width = w;
                long shortLimit = bits.length() / 8 - 1;
                assertThrows(ParquetFormatException.class,
                        () -> BitPackedLevelDecoder.decode(seg(enc), 0, shortLimit, width, got, count));
            }
        }
    }

    @Test
    void lengthPrefixAndDictionaryIndices() {
        List<RefEncoders.Run> runs = List.of(new RefEncoders.Run(true, 1, 10, null),
                new RefEncoders.Run(false, 0, 8, new int[]{0, 1, 1, 0, 1, 0, 0, 1}));
        byte[] body = RefEncoders.rle(runs, 1);
        byte[] enc = new byte[4 + body.length + 3];
        enc[0] = (byte) body.length;
        System.arraycopy(body, 0, enc, 4, body.length);
        RleBitPackedHybridDecoder dec = RleBitPackedHybridDecoder.withLengthPrefix(seg(enc), 0, enc.length, 1);
        assertEquals(4 + body.length, dec.endOffset());
        int[] got = new int[18];
        dec.readInts(got, 0, 18);
        assertArrayEquals(new int[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1}, got);
        assertThrows(ParquetFormatException.class, () -> dec.readInts(new int[1], 0, 1));

        enc[0] = (byte) (body.length + 4); // longer than available
        assertThrows(ParquetFormatException.class,
                () -> RleBitPackedHybridDecoder.withLengthPrefix(seg(enc), 0, enc.length, 1));

        byte[] dict = new byte[body.length + 1];
        dict[0] = 1;
        System.arraycopy(body, 0, dict, 1, body.length);
        RleBitPackedHybridDecoder d2 = RleBitPackedHybridDecoder.forDictionaryIndices(seg(dict), 0, dict.length);
        assertEquals(1, d2.bitWidth());
        d2.readInts(got, 0, 18);
        assertEquals(1, got[0]);
        dict[0] = 33;
        assertThrows(ParquetFormatException.class, () -> RleBitPackedHybridDecoder.forDictionaryIndices(seg(dict), 0, dict.length));
        RleBitPackedHybridDecoder empty = RleBitPackedHybridDecoder.forDictionaryIndices(seg(dict), 0, 0);
        empty.readInts(got, 0, 0);
        assertThrows(ParquetFormatException.class, () -> empty.readInts(got, 0, 1));
    }

    @Test
    void errors() {
        MemorySegment s = seg(new byte[]{(byte) 0x80, (byte) 0x80});
        assertThrows(ParquetFormatException.class, () -> new RleBitPackedHybridDecoder(s, 0, 2, 3).readInt());
        assertThrows(ParquetFormatException.class, () -> new RleBitPackedHybridDecoder(s, 0, 2, 33));
        assertThrows(ParquetFormatException.class, () -> new RleBitPackedHybridDecoder(s, 0, 3, 3));
        // RLE value too wide for the bit width
        byte[] wide = {0x04, (byte) 0xFF};
        assertThrows(ParquetFormatException.class, () -> new RleBitPackedHybridDecoder(seg(wide), 0, 2, 3).readInt());
        // huge run length, then exhausted
        byte[] big = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x01};
        RleBitPackedHybridDecoder d = new RleBitPackedHybridDecoder(seg(big), 0, big.length, 1);
        d.skip(Integer.MAX_VALUE);
        assertThrows(ParquetFormatException.class, d::readInt);
        // ten-byte varint overflow
        byte[] ovf = new byte[12];
        Arrays.fill(ovf, (byte) 0xFF);
        assertThrows(ParquetFormatException.class, () -> new RleBitPackedHybridDecoder(seg(ovf), 0, 12, 1).readInt());
    }

    @Test
    void truncatedPackedRunReadsOnlyPresentValues() {
        // header says 2 groups of width 8 but only 12 bytes follow
        byte[] enc = new byte[13];
        enc[0] = 0x05;
        for (int i = 1; i < 13; i++) enc[i] = (byte) i;
        RleBitPackedHybridDecoder d = new RleBitPackedHybridDecoder(seg(enc), 0, enc.length, 8);
        int[] got = new int[8];
        d.readInts(got, 0, 8);
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 6, 7, 8}, got);
        assertThrows(ParquetFormatException.class, d::readInt);
    }
}
