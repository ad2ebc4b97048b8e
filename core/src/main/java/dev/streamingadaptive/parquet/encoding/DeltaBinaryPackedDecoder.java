package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.BYTE;
import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * Streaming decoder for DELTA_BINARY_PACKED (INT32 and INT64). Arithmetic wraps in two's
 * complement; INT32 values are the low 32 bits of the 64-bit reconstruction, which equals 32-bit
 * wrap-around arithmetic.
 *
 * <p>Accepted headers: block size a positive multiple of 8 (the spec requires 128; smaller sizes are
 * accepted for the spec's own examples), miniblocks per block dividing the block size into a
 * multiple of 8 values. Bit widths of miniblocks that are never needed are not read.
 *
 * <p>The decoder allocates only fixed-size scratch space, whatever the declared counts.
 */
public final class DeltaBinaryPackedDecoder {
    private final MemorySegment seg;
    private final long limit;
    private final int blockSize;
    private final int miniblocksPerBlock;
    private final int valuesPerMiniblock;
    private final int totalValueCount;

    private int remaining;
    private boolean firstPending;
    private long last;
    private long pos;

    private long minDelta;
    private long bitWidthsPos;
    private int miniIndex;          // index of the next miniblock in the block
    private boolean inBlock;
    private int miniRemaining;      // values (incl. padding) not yet unpacked in the current miniblock
    private int bitWidth;
    private long miniblockEnd;

    private final long[] buf = new long[8];
    private int bufPos;
    private int bufLen;
    private long[] scratch;         // for readInts / skip
    private final int[] varintLen = new int[1];

    public DeltaBinaryPackedDecoder(MemorySegment seg, long offset, long limit) {
        Bits.checkRange(seg, offset, limit);
        this.seg = seg;
        this.limit = limit;
        long p = offset;
        long bs = Bits.readUleb(seg, p, limit, varintLen, "DELTA block size");
        p += varintLen[0];
        long mb = Bits.readUleb(seg, p, limit, varintLen, "DELTA miniblock count");
        p += varintLen[0];
        long total = Bits.readUleb(seg, p, limit, varintLen, "DELTA value count");
        p += varintLen[0];
        long first = zigzag(Bits.readUleb(seg, p, limit, varintLen, "DELTA first value"));
        p += varintLen[0];
        if (bs <= 0 || bs > (1 << 30) || bs % 8 != 0) throw fail("invalid DELTA block size " + Long.toUnsignedString(bs), offset);
        if (mb <= 0 || mb > bs || bs % mb != 0 || (bs / mb) % 8 != 0) {
            throw fail("invalid DELTA miniblock count " + Long.toUnsignedString(mb) + " for block size " + bs, offset);
        }
        if (total < 0 || total > Integer.MAX_VALUE) throw fail("invalid DELTA value count " + Long.toUnsignedString(total), offset);
        this.blockSize = (int) bs;
        this.miniblocksPerBlock = (int) mb;
        this.valuesPerMiniblock = (int) (bs / mb);
        this.totalValueCount = (int) total;
        this.remaining = (int) total;
        this.firstPending = total > 0;
        this.last = first;
        this.pos = p;
    }

    private static long zigzag(long v) { return (v >>> 1) ^ -(v & 1); }

    /** The number of values declared in the header. */
    public int totalValueCount() { return totalValueCount; }

    /** Values not yet read. */
    public int remaining() { return remaining; }

    /** Values per block declared in the header. */
    public int blockSize() { return blockSize; }

    /** Decodes the next {@code count} values as INT64. */
    public void readLongs(long[] dst, int off, int count) {
        Bits.checkDst(dst.length, off, count);
        if (count > remaining) {
            throw fail("DELTA_BINARY_PACKED: " + count + " values requested but only " + remaining + " remain", pos);
        }
        int d = off;
        int n = count;
        if (n == 0) return;
        remaining -= n;
        if (firstPending) {
            dst[d++] = last;
            n--;
            firstPending = false;
        }
        long acc = last;
        while (n > 0) {
            if (bufPos < bufLen) {
                int k = Math.min(n, bufLen - bufPos);
                long md = minDelta;
                for (int i = 0; i < k; i++) {
                    acc += md + buf[bufPos + i];
                    dst[d + i] = acc;
                }
                bufPos += k;
                d += k;
                n -= k;
                continue;
            }
            if (miniRemaining == 0) nextMiniblock();
            int groups = Math.min(n, miniRemaining) >>> 3;
            if (groups > 0) {
                int taken = groups << 3;
                int w = bitWidth;
                long md = minDelta;
                if (w == 0) {
                    int k = groups << 3;
                    for (int i = 0; i < k; i++) {
                        acc += md;
                        dst[d + i] = acc;
                    }
                    d += k;
                } else {
                    long p = pos;
                    if (w <= 56 && p + (long) groups * w + 8 <= limit) {
                        // fast path: every value lies within one in-bounds 8-byte read
                        long mask = (1L << w) - 1;
                        int k = groups << 3;
                        long bit = p << 3;
                        for (int i = 0; i < k; i++, bit += w) {
                            acc += md + ((seg.get(Bits.LONG_LE, bit >>> 3) >>> (bit & 7)) & mask);
                            dst[d + i] = acc;
                        }
                        d += k;
                        p += (long) groups * w;
                        groups = 0;
                    }
                    for (int g = 0; g < groups; g++) {
                        Bits.unpack8Longs(seg, p, limit, w, dst, d);
                        for (int i = 0; i < 8; i++) {
                            acc += md + dst[d + i];
                            dst[d + i] = acc;
                        }
                        p += w;
                        d += 8;
                    }
                    pos = p;
                }
                miniRemaining -= taken;
                n -= taken;
            } else {
                if (bitWidth == 0) {
                    java.util.Arrays.fill(buf, 0);
                } else {
                    Bits.unpack8Longs(seg, pos, limit, bitWidth, buf, 0);
                    pos += bitWidth;
                }
                miniRemaining -= 8;
                bufPos = 0;
                bufLen = 8;
            }
        }
        last = acc;
    }

    /** Decodes the next {@code count} values as INT32 (two's complement wrap-around). */
    public void readInts(int[] dst, int off, int count) {
        Bits.checkDst(dst.length, off, count);
        if (count > remaining) {
            throw fail("DELTA_BINARY_PACKED: " + count + " values requested but only " + remaining + " remain", pos);
        }
        long[] s = scratch();
        int d = off;
        int n = count;
        while (n > 0) {
            int k = Math.min(n, s.length);
            readLongs(s, 0, k);
            for (int i = 0; i < k; i++) dst[d + i] = (int) s[i];
            d += k;
            n -= k;
        }
    }

    /** Passes over the next {@code count} values (they are decoded: each delta depends on the last). */
    public void skip(int count) {
        if (count < 0 || count > remaining) {
            throw fail("DELTA_BINARY_PACKED: cannot skip " + count + " values, " + remaining + " remain", pos);
        }
        long[] s = scratch();
        int n = count;
        while (n > 0) {
            int k = Math.min(n, s.length);
            readLongs(s, 0, k);
            n -= k;
        }
    }

    private long[] scratch() {
        if (scratch == null) scratch = new long[Math.min(1024, Math.max(8, totalValueCount))];
        return scratch;
    }

    /** Skips the remaining values and returns {@link #endOffset()}. */
    public long skipToEnd() {
        if (firstPending && remaining > 0) {
            firstPending = false;
            remaining--;
        }
        // values still buffered were already unpacked from the miniblock
        int k = Math.min(remaining, bufLen - bufPos);
        remaining -= k;
        bufPos += k;
        while (remaining > 0) {
            if (miniRemaining == 0) nextMiniblock();
            int k2 = Math.min(remaining, miniRemaining);
            remaining -= k2;
            miniRemaining = 0;
            pos = miniblockEnd;
            bufPos = bufLen = 0;
        }
        return endOffset();
    }

    /**
     * The offset after the encoded data: after the last (padded) miniblock holding a value, or after
     * the header when there is at most one value. Only valid once all values were read or skipped.
     */
    public long endOffset() {
        if (remaining > 0) throw new IllegalStateException(remaining + " DELTA values not yet read; call skipToEnd()");
        return miniRemaining > 0 || bufPos < bufLen ? miniblockEnd : pos;
    }

    private void nextMiniblock() {
        if (!inBlock || miniIndex == miniblocksPerBlock) {
            minDelta = zigzag(Bits.readUleb(seg, pos, limit, varintLen, "DELTA block min delta"));
            pos += varintLen[0];
            Bits.require(pos, limit, miniblocksPerBlock, "DELTA miniblock bit widths");
            bitWidthsPos = pos;
            pos += miniblocksPerBlock;
            miniIndex = 0;
            inBlock = true;
        }
        int w = seg.get(BYTE, bitWidthsPos + miniIndex) & 0xFF;
        if (w > 64) throw fail("DELTA miniblock bit width " + w + " greater than 64", bitWidthsPos + miniIndex);
        long bytes = (long) w * (valuesPerMiniblock >>> 3);
        Bits.require(pos, limit, bytes, "DELTA miniblock " + miniIndex + " (bit width " + w + ")");
        miniIndex++;
        bitWidth = w;
        miniRemaining = valuesPerMiniblock;
        miniblockEnd = pos + bytes;
    }
}
