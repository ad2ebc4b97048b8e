package dev.streamingadaptive.parquet.encoding;

import dev.streamingadaptive.parquet.ParquetFormatException;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static dev.streamingadaptive.parquet.encoding.Bits.BYTE;
import static dev.streamingadaptive.parquet.encoding.Bits.INT_LE;
import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * Decoder for the RLE / bit-packing hybrid encoding (definition and repetition levels, dictionary
 * indices, RLE booleans), for bit widths 0..32.
 *
 * <p>The decoder is stateful and streams: successive {@link #readInts} calls continue where the
 * previous one stopped. It never allocates per call. A bit width of 0 decodes zeros without looking
 * at the data. Values are not range-checked beyond the bit width: callers validate levels against
 * the maximum level and dictionary indices against the dictionary size.
 *
 * <p>A bit-packed run whose header promises more groups than the bytes that remain is accepted, but
 * only the values that are fully present can be read; asking for more throws.
 */
public final class RleBitPackedHybridDecoder {
    private final MemorySegment seg;
    private final long start;
    private final long limit;
    private final int bitWidth;
    private final int valueBytes;
    private final boolean empty;

    private long pos;
    /** Values left in the current run (for packed runs: values not yet unpacked, excluding the buffer). */
    private long runRemaining;
    private boolean packed;
    private int rleValue;
    /** Where the current packed run ends (the limit when the run is truncated). */
    private long packedRunEnd;

    /** The heap array behind {@code seg} and where {@code seg} starts in it, or null (off-heap pages). */
    private final byte[] array;
    private final long arrayBase;

    private final int[] buf = new int[8];
    private int bufPos;
    private int bufLen;
    private final int[] varintLen = new int[1];

    /**
     * A decoder over the encoded runs in {@code [offset, limit)} (no length prefix).
     *
     * @param bitWidth 0..32
     */
    public RleBitPackedHybridDecoder(MemorySegment seg, long offset, long limit, int bitWidth) {
        this(seg, offset, limit, bitWidth, false);
    }

    private RleBitPackedHybridDecoder(MemorySegment seg, long offset, long limit, int bitWidth, boolean empty) {
        Bits.checkRange(seg, offset, limit);
        if (bitWidth < 0 || bitWidth > 32) throw fail("RLE/bit-packed bit width " + bitWidth + " outside 0..32", offset);
        this.seg = seg;
        this.start = offset;
        this.limit = limit;
        this.bitWidth = bitWidth;
        this.valueBytes = (bitWidth + 7) >>> 3;
        this.pos = offset;
        this.empty = empty;
        // Decompressed pages live in heap arrays: whole groups are unpacked from the array itself (BitUnpacker).
        this.array = seg.heapBase().orElse(null) instanceof byte[] b ? b : null;
        this.arrayBase = array != null ? seg.address() : 0;
    }

    /**
     * A decoder for data preceded by a 4-byte little-endian length (v1 page levels, RLE booleans).
     * {@link #endOffset()} is the offset right after the prefixed block.
     */
    public static RleBitPackedHybridDecoder withLengthPrefix(MemorySegment seg, long offset, long limit, int bitWidth) {
        Bits.checkRange(seg, offset, limit);
        Bits.require(offset, limit, 4, "RLE length prefix");
        long len = seg.get(INT_LE, offset) & 0xFFFFFFFFL;
        if (len > limit - offset - 4) {
            throw fail("RLE length prefix " + len + " exceeds the " + (limit - offset - 4) + " remaining bytes", offset);
        }
        return new RleBitPackedHybridDecoder(seg, offset + 4, offset + 4 + len, bitWidth);
    }

    /**
     * A decoder for dictionary indices: the first byte is the bit width (0..32), followed by the runs.
     * An empty range (a page whose values are all null) yields a decoder that fails on any read of
     * one or more values. Indices are not checked against the dictionary size; the caller must.
     */
    public static RleBitPackedHybridDecoder forDictionaryIndices(MemorySegment seg, long offset, long limit) {
        Bits.checkRange(seg, offset, limit);
        if (offset == limit) return new RleBitPackedHybridDecoder(seg, offset, limit, 0, true);
        int w = seg.get(BYTE, offset) & 0xFF;
        if (w > 32) throw fail("dictionary index bit width " + w + " greater than 32", offset);
        return new RleBitPackedHybridDecoder(seg, offset + 1, limit, w);
    }

    /** The bit width of the values. */
    public int bitWidth() { return bitWidth; }

    /** The end of the encoded block (the limit; for {@link #withLengthPrefix} the offset after the block). */
    public long endOffset() { return limit; }

    /** The offset of the next unread run header or packed group. */
    public long position() { return pos; }

    /** Reads the next value. */
    public int readInt() {
        if (bufPos < bufLen) return buf[bufPos++];
        if (bitWidth == 0 && !empty) return 0;
        if (runRemaining == 0) nextRun();
        if (!packed) {
            runRemaining--;
            return rleValue;
        }
        fillBuffer();
        return buf[bufPos++];
    }

    /** Decodes {@code count} values into {@code dst[dstOffset..]}; throws if the data runs out first. */
    public void readInts(int[] dst, int dstOffset, int count) {
        Bits.checkDst(dst.length, dstOffset, count);
        int d = dstOffset;
        int n = count;
        if (bufPos < bufLen) {
            int k = Math.min(n, bufLen - bufPos);
            System.arraycopy(buf, bufPos, dst, d, k);
            bufPos += k;
            d += k;
            n -= k;
        }
        if (n == 0) return;
        if (bitWidth == 0 && !empty) {
            Arrays.fill(dst, d, d + n, 0);
            return;
        }
        while (n > 0) {
            if (runRemaining == 0) nextRun();
            if (!packed) {
                int k = (int) Math.min(n, runRemaining);
                Arrays.fill(dst, d, d + k, rleValue);
                runRemaining -= k;
                d += k;
                n -= k;
            } else {
                long groups = Math.min(n >>> 3, runRemaining >>> 3);
                if (groups > 0) {
                    int w = bitWidth;
                    long p = pos;
                    if (array != null && arrayBase + p + groups * w + 8 <= array.length) {
                        int k = (int) (groups << 3);
                        BitUnpacker.unpack(array, (int) (arrayBase + p), dst, d, (int) groups, w);
                        d += k;
                        pos = p + groups * w;
                        runRemaining -= k;
                        n -= k;
                        continue;
                    }
                    if (w != 1 && w != 8 && w != 16 && w != 32 && p + groups * w + 8 <= limit) {
                        // fast path: each value lies within one in-bounds 8-byte read (w <= 32, shift <= 7)
                        long mask = (1L << w) - 1;
                        int k = (int) (groups << 3);
                        long bit = p << 3;
                        for (int i = 0; i < k; i++, bit += w) {
                            dst[d + i] = (int) ((seg.get(Bits.LONG_LE, bit >>> 3) >>> (bit & 7)) & mask);
                        }
                        d += k;
                        p += groups * w;
                        pos = p;
                        runRemaining -= k;
                        n -= k;
                        continue;
                    }
                    for (long g = 0; g < groups; g++) {
                        Bits.unpack8Ints(seg, p, limit, w, dst, d);
                        p += w;
                        d += 8;
                    }
                    pos = p;
                    int k = (int) (groups << 3);
                    runRemaining -= k;
                    n -= k;
                } else {
                    fillBuffer();
                    int k = Math.min(n, bufLen);
                    System.arraycopy(buf, 0, dst, d, k);
                    bufPos = k;
                    d += k;
                    n -= k;
                }
            }
        }
    }

    /** Skips {@code count} values; throws if the data runs out first. */
    public void skip(long count) {
        if (count < 0) throw new IllegalArgumentException("negative skip " + count);
        long n = count;
        int k0 = (int) Math.min(n, bufLen - bufPos);
        bufPos += k0;
        n -= k0;
        if (n == 0 || (bitWidth == 0 && !empty)) return;
        while (n > 0) {
            if (runRemaining == 0) nextRun();
            if (!packed) {
                long k = Math.min(n, runRemaining);
                runRemaining -= k;
                n -= k;
            } else {
                long groups = Math.min(n >>> 3, runRemaining >>> 3);
                if (groups > 0) {
                    pos += groups * bitWidth;
                    runRemaining -= groups << 3;
                    n -= groups << 3;
                } else {
                    fillBuffer();
                    int k = (int) Math.min(n, bufLen);
                    bufPos = k;
                    n -= k;
                }
            }
        }
    }

    /**
     * {@link #readInts} of definition levels that also returns how many equal {@code maxLevel}, in
     * the same pass: an RLE run is counted whole (a column without nulls is one run of the maximum,
     * so its levels are never scanned again). Throws if a level is above the maximum.
     */
    public int readIntsCountingMax(int[] dst, int dstOffset, int count, int maxLevel) {
        Bits.checkDst(dst.length, dstOffset, count);
        int d = dstOffset;
        int n = count;
        int atMax = 0;
        int above = 0;
        while (n > 0) {
            int k;
            if (bitWidth == 1 && maxLevel == 1 && packed && bufPos >= bufLen && runRemaining >= 8 && n >= 8) {
                // One bit a level (DuckDB bit-packs the levels of optional columns even without nulls): count whole
                // bytes, and where every level is set, fill instead of unpacking.
                long groups = Math.min(n >>> 3, runRemaining >>> 3);
                k = (int) (groups << 3);
                long ones = countSetBits(pos, groups);
                if (ones == k) {
                    Arrays.fill(dst, d, d + k, 1);
                    pos += groups;
                    runRemaining -= k;
                } else {
                    readInts(dst, d, k);
                }
                atMax += (int) ones;
            } else if (bufPos < bufLen || (bitWidth == 0 && !empty) || (runRemaining > 0 && packed)) {
                // Buffered or bit-packed values: decode them, then count them while they are in cache.
                k = bufPos < bufLen ? Math.min(n, bufLen - bufPos) : bitWidth == 0 ? n : (int) Math.min(n, runRemaining);
                readInts(dst, d, k);
                for (int i = d, end = d + k; i < end; i++) {
                    int v = dst[i];
                    atMax += v == maxLevel ? 1 : 0;
                    above |= maxLevel - v;
                }
            } else {
                if (runRemaining == 0) {
                    nextRun();
                    continue;
                }
                k = (int) Math.min(n, runRemaining);
                Arrays.fill(dst, d, d + k, rleValue);
                runRemaining -= k;
                atMax += rleValue == maxLevel ? k : 0;
                above |= maxLevel - rleValue;
            }
            d += k;
            n -= k;
        }
        if (above < 0) throw new ParquetFormatException("definition level above the maximum " + maxLevel);
        return atMax;
    }

    /**
     * Passes over the next {@code count} levels and returns how many equal {@code maxLevel}: an RLE
     * run in one step (a never-null column's definition levels are one run per page), bit-packed
     * values one by one. A level above {@code maxLevel} is a ParquetFormatException.
     */
    public long skipCountingMax(long count, int maxLevel) {
        if (count < 0) throw new IllegalArgumentException("negative skip " + count);
        long n = count;
        long atMax = 0;
        int above = 0;
        while (n > 0 && bufPos < bufLen) {
            int v = buf[bufPos++];
            atMax += v == maxLevel ? 1 : 0;
            above |= maxLevel - v;
            n--;
        }
        if (n > 0 && bitWidth == 0 && !empty) {
            atMax += maxLevel == 0 ? n : 0;
            n = 0;
        }
        while (n > 0) {
            if (runRemaining == 0) nextRun();
            if (!packed) {
                long k = Math.min(n, runRemaining);
                runRemaining -= k;
                n -= k;
                atMax += rleValue == maxLevel ? k : 0;
                above |= maxLevel - rleValue;
            } else if (bitWidth == 1 && maxLevel == 1 && n >= 8 && runRemaining >= 8) {
                // Flat optional columns with some nulls: one bit a level, so the levels at the maximum are the set
                // bits; count whole groups a byte (eight levels) at a time instead of unpacking them.
                long groups = Math.min(n >>> 3, runRemaining >>> 3);
                atMax += countSetBits(pos, groups);
                pos += groups;
                runRemaining -= groups << 3;
                n -= groups << 3;
            } else {
                fillBuffer();
                int k = (int) Math.min(n, bufLen);
                for (int i = 0; i < k; i++) {
                    int v = buf[i];
                    atMax += v == maxLevel ? 1 : 0;
                    above |= maxLevel - v;
                }
                bufPos = k;
                n -= k;
            }
        }
        if (above < 0) throw new ParquetFormatException("definition level above the maximum " + maxLevel);
        return atMax;
    }

    /**
     * Passes over the next levels while they equal {@code maxLevel}, at most {@code count} of them, and
     * returns how many it passed: the first level below the maximum stays unread. A column without
     * nulls is passed in whole RLE runs, or whole bytes of one-bit levels, never materialised. A level
     * above {@code maxLevel} stops the pass too (the caller's next read reports it).
     */
    public long skipLeadingMax(long count, int maxLevel) {
        if (count < 0) throw new IllegalArgumentException("negative skip " + count);
        long n = count;
        while (n > 0) {
            if (bufPos < bufLen) {
                if (buf[bufPos] != maxLevel) break;
                bufPos++;
                n--;
                continue;
            }
            if (bitWidth == 0 && !empty) {
                if (maxLevel == 0) n = 0;
                break;
            }
            if (runRemaining == 0) nextRun();
            if (!packed) {
                if (rleValue != maxLevel) break;
                long k = Math.min(n, runRemaining);
                runRemaining -= k;
                n -= k;
            } else if (bitWidth == 1 && maxLevel == 1 && n >= 8 && runRemaining >= 8) {
                // One bit a level: whole bytes of set bits are eight levels at the maximum.
                long groups = Math.min(n >>> 3, runRemaining >>> 3);
                long g = 0;
                while (g + 8 <= groups && seg.get(Bits.LONG_LE, pos + g) == -1L) g += 8;
                while (g < groups && seg.get(BYTE, pos + g) == (byte) -1) g++;
                if (g == 0) {
                    fillBuffer();
                    continue;
                }
                pos += g;
                runRemaining -= g << 3;
                n -= g << 3;
            } else {
                fillBuffer();
            }
        }
        return count - n;
    }

    /** The set bits of {@code seg[from, from + bytes)}, eight bytes a step. */
    private long countSetBits(long from, long bytes) {
        long count = 0;
        long i = 0;
        for (; i + 8 <= bytes; i += 8) count += Long.bitCount(seg.get(Bits.LONG_LE, from + i));
        for (; i < bytes; i++) count += Integer.bitCount(seg.get(BYTE, from + i) & 0xFF);
        return count;
    }

    /** Unpacks the next group of the current packed run (runRemaining > 0) into the buffer. */
    private void fillBuffer() {
        Bits.unpack8Ints(seg, pos, limit, bitWidth, buf, 0);
        pos += bitWidth;
        int k = (int) Math.min(8, runRemaining);
        runRemaining -= k;
        bufPos = 0;
        bufLen = k;
    }

    private void nextRun() {
        if (packed) {
            pos = packedRunEnd;
            packed = false;
        }
        while (true) {
            if (empty) throw fail("no dictionary-encoded data (empty page data) to read values from", pos);
            if (pos >= limit) {
                throw fail("RLE/bit-packed data exhausted (" + (pos - start) + " bytes read) before all values were decoded", pos);
            }
            long headerPos = pos;
            long header = Bits.readUleb(seg, pos, limit, varintLen, "RLE run header");
            pos += varintLen[0];
            if ((header & 1) == 0) {
                long len = header >>> 1;
                if (len > Integer.MAX_VALUE) throw fail("RLE run length " + len + " too large", headerPos);
                if (valueBytes > limit - pos) throw fail("truncated RLE run value", headerPos);
                int v;
                switch (valueBytes) {
                    case 0 -> v = 0;
                    case 1 -> v = seg.get(BYTE, pos) & 0xFF;
                    case 2 -> v = (seg.get(BYTE, pos) & 0xFF) | (seg.get(BYTE, pos + 1) & 0xFF) << 8;
                    case 3 -> v = (seg.get(BYTE, pos) & 0xFF) | (seg.get(BYTE, pos + 1) & 0xFF) << 8
                            | (seg.get(BYTE, pos + 2) & 0xFF) << 16;
                    default -> v = seg.get(INT_LE, pos);
                }
                if (bitWidth < 32 && (v >>> bitWidth) != 0) {
                    throw fail("RLE run value " + Integer.toUnsignedString(v) + " does not fit in bit width " + bitWidth, headerPos);
                }
                pos += valueBytes;
                if (len == 0) continue;
                packed = false;
                rleValue = v;
                runRemaining = len;
                return;
            } else {
                long groups = header >>> 1;
                if (groups > (Integer.MAX_VALUE >>> 3)) throw fail("bit-packed run of " + groups + " groups too large", headerPos);
                long availableGroups = bitWidth == 0 ? groups : (limit - pos) / bitWidth;
                long g = Math.min(groups, availableGroups);
                if (g == 0) {
                    if (groups == 0) continue;
                    throw fail("truncated bit-packed run (" + groups + " groups declared)", headerPos);
                }
                packed = true;
                runRemaining = g << 3;
                packedRunEnd = g < groups ? limit : pos + g * bitWidth;
                return;
            }
        }
    }
}
