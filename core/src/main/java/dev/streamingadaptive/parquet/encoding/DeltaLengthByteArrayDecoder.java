package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * DELTA_LENGTH_BYTE_ARRAY: all lengths (DELTA_BINARY_PACKED), then all bytes concatenated.
 * Lengths are decoded twice in fixed-size chunks (once to validate and find the data, once to copy)
 * so that no allocation depends on the declared value count.
 *
 * <p>An instance reads one page's values a batch at a time ({@link #read}, {@link #skip}); the
 * static {@link #decode} reads them all at once.
 */
public final class DeltaLengthByteArrayDecoder {
    static final int CHUNK = 1024;

    private final MemorySegment seg;
    private final DeltaBinaryPackedDecoder lengths;
    private final int[] chunk;
    private final long totalBytes;
    private long p;
    private int left;

    /**
     * A decoder of the first {@code count} values of the encoded data at {@code [offset, limit)},
     * validated up front: lengths non-negative and their bytes present.
     */
    public DeltaLengthByteArrayDecoder(MemorySegment seg, long offset, long limit, int count) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        DeltaBinaryPackedDecoder first = new DeltaBinaryPackedDecoder(seg, offset, limit);
        if (first.totalValueCount() < count) {
            throw fail("DELTA_LENGTH_BYTE_ARRAY declares " + first.totalValueCount() + " lengths but " + count
                    + " values are expected", offset);
        }
        this.chunk = new int[Math.min(CHUNK, Math.max(1, count))];
        long total = sumLengths(first, chunk, count, limit - offset, offset);
        first.skipToEnd();
        long dataStart = first.endOffset();
        Bits.require(dataStart, limit, total, "DELTA_LENGTH_BYTE_ARRAY data");
        this.totalBytes = total;
        this.seg = seg;
        this.lengths = new DeltaBinaryPackedDecoder(seg, offset, limit);
        this.p = dataStart;
        this.left = count;
    }

    /** Appends the next {@code count} values to {@code out}. */
    public void read(BinaryBuilder out, int count) {
        checkLeft(count);
        p = appendValues(seg, p, lengths, chunk, count, out);
        left -= count;
    }

    /** Passes over the next {@code count} values. */
    public void skip(int count) {
        checkLeft(count);
        int n = count;
        while (n > 0) {
            int k = Math.min(n, chunk.length);
            lengths.readInts(chunk, 0, k);
            for (int i = 0; i < k; i++) p += chunk[i];
            n -= k;
        }
        left -= count;
    }

    /** The offset after the bytes of the values read or skipped so far. */
    public long position() {
        return p;
    }

    private void checkLeft(int count) {
        if (count < 0 || count > left) throw fail("DELTA_LENGTH_BYTE_ARRAY: " + count + " values requested, " + left + " remain", p);
    }

    /**
     * Decodes {@code count} values into {@code out}. The lengths header must declare at least
     * {@code count} values.
     *
     * @return the offset after the bytes of the {@code count} values
     */
    public static long decode(MemorySegment seg, long offset, long limit, BinaryBuilder out, int count) {
        DeltaLengthByteArrayDecoder d = new DeltaLengthByteArrayDecoder(seg, offset, limit, count);
        out.ensureCapacity(0, d.totalBytes);
        d.read(out, count);
        return d.position();
    }

    /** Reads {@code count} lengths, checking each is non-negative and their sum stays within {@code bound}. */
    static long sumLengths(DeltaBinaryPackedDecoder lengths, int[] chunk, int count, long bound, long offset) {
        long total = 0;
        int left = count;
        int index = 0;
        while (left > 0) {
            int k = Math.min(left, chunk.length);
            lengths.readInts(chunk, 0, k);
            for (int i = 0; i < k; i++) {
                int len = chunk[i];
                if (len < 0) throw fail("negative byte array length " + len + " (value " + (index + i) + ")", offset);
                total += len;
            }
            if (total > bound) {
                throw fail("byte array lengths add up to " + total + " bytes, more than the " + bound
                        + " bytes available", offset);
            }
            index += k;
            left -= k;
        }
        return total;
    }

    /** Appends {@code count} values whose lengths come from {@code lengths} and bytes from {@code dataStart}. */
    static long appendValues(MemorySegment seg, long dataStart, DeltaBinaryPackedDecoder lengths, int[] chunk, int count,
                             BinaryBuilder out) {
        long p = dataStart;
        int left = count;
        while (left > 0) {
            int k = Math.min(left, chunk.length);
            lengths.readInts(chunk, 0, k);
            for (int i = 0; i < k; i++) {
                out.append(seg, p, chunk[i]);
                p += chunk[i];
            }
            left -= k;
        }
        return p;
    }
}
