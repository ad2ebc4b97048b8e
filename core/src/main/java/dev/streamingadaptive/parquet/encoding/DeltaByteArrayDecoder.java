package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * DELTA_BYTE_ARRAY (incremental / front coding): prefix lengths (DELTA_BINARY_PACKED), then the
 * suffixes (DELTA_LENGTH_BYTE_ARRAY). Each value is the first {@code prefix} bytes of the previous
 * value followed by its suffix; the first value's prefix must be 0.
 *
 * <p>An instance reads one page's values a batch at a time ({@link #read}, {@link #skip}), keeping
 * a copy of the last value for the next batch's first prefix; the static {@link #decode} reads
 * them all at once.
 *
 * <p>Note that the output can be much larger than the input (long shared prefixes); growth beyond
 * {@link BinaryBuilder#MAX_DATA} fails with a ParquetFormatException.
 */
public final class DeltaByteArrayDecoder {
    private final MemorySegment seg;
    private final long offset;
    private final DeltaBinaryPackedDecoder prefixes;
    private final DeltaBinaryPackedDecoder suffixLengths;
    private final int[] pfx;
    private final int[] sfx;
    private long p;
    private int left;
    private int index;
    /** The previous value (the last one read or skipped), for the next value's prefix. */
    private byte[] prev = new byte[16];
    private int prevLen;

    /**
     * A decoder of the first {@code count} values of the encoded data at {@code [offset, limit)},
     * validated up front: both length streams declare enough values and the suffix bytes are present.
     */
    public DeltaByteArrayDecoder(MemorySegment seg, long offset, long limit, int count) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        DeltaBinaryPackedDecoder prefixScan = new DeltaBinaryPackedDecoder(seg, offset, limit);
        if (prefixScan.totalValueCount() < count) {
            throw fail("DELTA_BYTE_ARRAY declares " + prefixScan.totalValueCount() + " prefix lengths but " + count
                    + " values are expected", offset);
        }
        long suffixStart = prefixScan.skipToEnd();
        DeltaBinaryPackedDecoder suffixScan = new DeltaBinaryPackedDecoder(seg, suffixStart, limit);
        if (suffixScan.totalValueCount() < count) {
            throw fail("DELTA_BYTE_ARRAY declares " + suffixScan.totalValueCount() + " suffix lengths but " + count
                    + " values are expected", suffixStart);
        }
        int chunkSize = Math.min(DeltaLengthByteArrayDecoder.CHUNK, Math.max(1, count));
        this.sfx = new int[chunkSize];
        this.pfx = new int[chunkSize];
        long total = DeltaLengthByteArrayDecoder.sumLengths(suffixScan, sfx, count, limit - suffixStart, suffixStart);
        long dataStart = suffixScan.skipToEnd();
        Bits.require(dataStart, limit, total, "DELTA_BYTE_ARRAY suffix data");
        this.seg = seg;
        this.offset = offset;
        this.prefixes = new DeltaBinaryPackedDecoder(seg, offset, limit);
        this.suffixLengths = new DeltaBinaryPackedDecoder(seg, suffixStart, limit);
        this.p = dataStart;
        this.left = count;
    }

    /** Appends the next {@code count} values to {@code out}. */
    public void read(BinaryBuilder out, int count) {
        checkLeft(count);
        int firstIndex = -1;
        int remaining = count;
        while (remaining > 0) {
            int k = Math.min(remaining, pfx.length);
            prefixes.readInts(pfx, 0, k);
            suffixLengths.readInts(sfx, 0, k);
            for (int i = 0; i < k; i++) {
                int prefix = pfx[i];
                int suffix = sfx[i];
                int previousLength = out.count() > 0 && firstIndex >= 0 ? out.length(out.count() - 1) : prevLen;
                checkPrefix(prefix, previousLength, i);
                int at = out.appendUninitialized(length(prefix, suffix));
                byte[] data = out.data();
                if (prefix > 0) {
                    if (firstIndex < 0) System.arraycopy(prev, 0, data, at, prefix);
                    else System.arraycopy(data, out.offset(out.count() - 2), data, at, prefix);
                }
                MemorySegment.copy(seg, Bits.BYTE, p, data, at + prefix, suffix);
                p += suffix;
                if (firstIndex < 0) firstIndex = out.count() - 1;
            }
            index += k;
            remaining -= k;
        }
        left -= count;
        if (count > 0) {
            // Keep the last value for the first prefix of the next call (the builder moves on).
            int last = out.count() - 1;
            setPrev(out.data(), out.offset(last), out.length(last));
        }
    }

    /** Passes over the next {@code count} values (their bytes are rebuilt: each depends on the last). */
    public void skip(int count) {
        checkLeft(count);
        int remaining = count;
        while (remaining > 0) {
            int k = Math.min(remaining, pfx.length);
            prefixes.readInts(pfx, 0, k);
            suffixLengths.readInts(sfx, 0, k);
            for (int i = 0; i < k; i++) {
                int prefix = pfx[i];
                int suffix = sfx[i];
                checkPrefix(prefix, prevLen, i);
                int len = length(prefix, suffix);
                if (prev.length < len) prev = java.util.Arrays.copyOf(prev, Math.max(len, prev.length * 2));
                MemorySegment.copy(seg, Bits.BYTE, p, prev, prefix, suffix);
                prevLen = len;
                p += suffix;
            }
            index += k;
            remaining -= k;
        }
        left -= count;
    }

    /** The offset after the suffix bytes of the values read or skipped so far. */
    public long position() {
        return p;
    }

    private void setPrev(byte[] src, int from, int len) {
        if (prev.length < len) prev = new byte[Math.max(len, prev.length * 2)];
        System.arraycopy(src, from, prev, 0, len);
        prevLen = len;
    }

    private void checkPrefix(int prefix, int previousLength, int i) {
        if (prefix < 0 || prefix > previousLength) {
            throw fail("DELTA_BYTE_ARRAY prefix length " + prefix + " of value " + (index + i)
                    + " exceeds the previous value's length " + previousLength, offset);
        }
    }

    private static int length(int prefix, int suffix) {
        long len = (long) prefix + suffix;
        if (len > BinaryBuilder.MAX_DATA) {
            throw new dev.streamingadaptive.parquet.ParquetFormatException(
                    "binary column chunk larger than 2 GiB of values not supported (value of " + len + " bytes)");
        }
        return (int) len;
    }

    private void checkLeft(int count) {
        if (count < 0 || count > left) throw fail("DELTA_BYTE_ARRAY: " + count + " values requested, " + left + " remain", p);
    }

    /**
     * Decodes {@code count} values into {@code out}.
     *
     * @return the offset after the suffix bytes of the {@code count} values
     */
    public static long decode(MemorySegment seg, long offset, long limit, BinaryBuilder out, int count) {
        DeltaByteArrayDecoder d = new DeltaByteArrayDecoder(seg, offset, limit, count);
        d.read(out, count);
        return d.position();
    }
}
