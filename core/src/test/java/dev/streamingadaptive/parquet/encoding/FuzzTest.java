package dev.streamingadaptive.parquet.encoding;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static dev.streamingadaptive.parquet.encoding.RefEncoders.seg;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Truncated and corrupted input must fail with ParquetFormatException only (or decode something). */
class FuzzTest {
    private static final int MUTATIONS = 3000;

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 1 -> {
                for (int k = 1 + rnd.nextInt(4); k > 0 && b.length > 0; k--) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
            }
            case 2 -> {
                if (b.length > 0) b[rnd.nextInt(Math.min(b.length, 12))] = (byte) (0x80 | rnd.nextInt());
            }
            default -> {
                if (b.length > 0) {
                    int at = rnd.nextInt(b.length);
                    b[at] = (byte) (rnd.nextBoolean() ? 0xFF : 0x7F);
                    b = Arrays.copyOf(b, Math.max(at + 1, rnd.nextInt(b.length + 1)));
                }
            }
        }
        return b;
    }

    static void fuzz(byte[] valid, Random rnd, Consumer<MemorySegment> decode) {
        decode.accept(seg(valid)); // sanity: valid input decodes
        fuzzOnly(valid, rnd, decode);
    }

    static void fuzzOnly(byte[] valid, Random rnd, Consumer<MemorySegment> decode) {
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] m = mutate(valid, rnd);
            try {
                decode.accept(seg(m));
            } catch (ParquetFormatException expected) {
                // fine
            } catch (Throwable t) {
                fail("unexpected " + t + " for input " + Arrays.toString(m), t);
            }
        }
    }

    /** Every strict prefix of the input must be rejected. */
    static void everyTruncationFails(byte[] valid, Consumer<MemorySegment> decode) {
        for (int len = 0; len < valid.length; len++) {
            byte[] t = Arrays.copyOf(valid, len);
            assertThrows(ParquetFormatException.class, () -> decode.accept(seg(t)), "truncated to " + len);
        }
    }

    @Test
    void rle() {
        Random rnd = new Random(11);
        for (int w : new int[]{1, 3, 8, 13, 32}) {
            List<RefEncoders.Run> runs = new ArrayList<>();
            int[] expected = RleBitPackedHybridDecoderTest.randomRuns(rnd, w, runs, 8);
            byte[] enc = RefEncoders.rle(runs, w);
            int n = expected.length;
            int[] dst = new int[n];
            Consumer<MemorySegment> dec = s -> new RleBitPackedHybridDecoder(s, 0, s.byteSize(), w).readInts(dst, 0, n);
            fuzz(enc, rnd, dec);
            Consumer<MemorySegment> dict = s -> RleBitPackedHybridDecoder.forDictionaryIndices(s, 0, s.byteSize()).readInts(dst, 0, n);
            byte[] withWidth = new byte[enc.length + 1];
            withWidth[0] = (byte) w;
            System.arraycopy(enc, 0, withWidth, 1, enc.length);
            fuzz(withWidth, rnd, dict);
        }
    }

    @Test
    void deltaBinaryPacked() {
        Random rnd = new Random(12);
        long[] v = DeltaDecodersTest.randomLongs(rnd, 700);
        byte[] enc = RefEncoders.delta(v, 128, 4, false, rnd);
        long[] dst = new long[v.length];
        Consumer<MemorySegment> dec = s -> {
            DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(s, 0, s.byteSize());
            d.readLongs(dst, 0, Math.min(v.length, d.totalValueCount()));
            d.skipToEnd();
        };
        fuzz(enc, rnd, dec);
        everyTruncationFails(enc, s -> {
            DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(s, 0, s.byteSize());
            d.readLongs(dst, 0, v.length);
        });
        int[] idst = new int[v.length];
        fuzz(enc, rnd, s -> {
            DeltaBinaryPackedDecoder d = new DeltaBinaryPackedDecoder(s, 0, s.byteSize());
            d.readInts(idst, 0, Math.min(v.length, d.totalValueCount()));
        });
    }

    @Test
    void byteArrays() {
        Random rnd = new Random(13);
        byte[][] v = DeltaDecodersTest.randomStrings(rnd, 300);
        BinaryBuilder out = new BinaryBuilder();
        byte[] dl = RefEncoders.deltaLength(v, rnd);
        Consumer<MemorySegment> dlDec = s -> {
            out.reset();
            DeltaLengthByteArrayDecoder.decode(s, 0, s.byteSize(), out, v.length);
        };
        fuzz(dl, rnd, dlDec);
        byte[] da = RefEncoders.deltaByteArray(v, rnd);
        Consumer<MemorySegment> daDec = s -> {
            out.reset();
            DeltaByteArrayDecoder.decode(s, 0, s.byteSize(), out, v.length);
        };
        fuzz(da, rnd, daDec);
        byte[] pl = RefEncoders.plainByteArrays(v);
        Consumer<MemorySegment> plDec = s -> {
            out.reset();
            PlainDecoder.readByteArrays(s, 0, s.byteSize(), out, v.length);
        };
        fuzz(pl, rnd, plDec);
        everyTruncationFails(pl, plDec);
    }

    @Test
    void fixedWidthAndLevels() {
        Random rnd = new Random(14);
        byte[] b = new byte[200];
        rnd.nextBytes(b);
        int[] ints = new int[50];
        fuzzOnly(b, rnd, s -> PlainDecoder.readInts(s, 0, s.byteSize(), ints, 0, 50));
        fuzzOnly(b, rnd, s -> ByteStreamSplitDecoder.decodeInts(s, 0, s.byteSize(), 50, ints, 0));
        fuzzOnly(b, rnd, s -> BitPackedLevelDecoder.decode(s, 0, s.byteSize(), 32, ints, 50));
        boolean[] bools = new boolean[1600];
        fuzzOnly(b, rnd, s -> PlainDecoder.readBooleans(s, 0, s.byteSize(), bools, 0, 1600));
        fuzzOnly(b, rnd, s -> RleBitPackedHybridDecoder.withLengthPrefix(s, 0, s.byteSize(), 1).readInts(ints, 0, 50));
        fuzzOnly(b, rnd, s -> RleBitPackedHybridDecoder.forDictionaryIndices(s, 0, s.byteSize()).readInts(ints, 0, 50));
        fuzzOnly(b, rnd, s -> {
            try {
                new DeltaBinaryPackedDecoder(s, 0, s.byteSize()).skipToEnd();
            } catch (IllegalStateException e) {
                throw new AssertionError(e);
            }
        });
    }
}
