package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * DELTA_LENGTH_BYTE_ARRAY: all lengths (DELTA_BINARY_PACKED), then all bytes concatenated.
 * Lengths are decoded twice in fixed-size chunks (once to validate and find the data, once to copy)
 * so that no allocation depends on the declared value count.
 */
public final class DeltaLengthByteArrayDecoder {
    private DeltaLengthByteArrayDecoder() {}

    static final int CHUNK = 1024;

    /**
     * Decodes {@code count} values into {@code out}. The lengths header must declare at least
     * {@code count} values.
     *
     * @return the offset after the bytes of the {@code count} values
     */
    public static long decode(MemorySegment seg, long offset, long limit, BinaryBuilder out, int count) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        DeltaBinaryPackedDecoder lengths = new DeltaBinaryPackedDecoder(seg, offset, limit);
        if (lengths.totalValueCount() < count) {
            throw fail("DELTA_LENGTH_BYTE_ARRAY declares " + lengths.totalValueCount() + " lengths but " + count
                    + " values are expected", offset);
        }
        int[] chunk = new int[Math.min(CHUNK, Math.max(1, count))];
        long total = sumLengths(lengths, chunk, count, limit - offset, offset);
        lengths.skipToEnd();
        long dataStart = lengths.endOffset();
        Bits.require(dataStart, limit, total, "DELTA_LENGTH_BYTE_ARRAY data");
        out.ensureCapacity(0, total);
        DeltaBinaryPackedDecoder again = new DeltaBinaryPackedDecoder(seg, offset, limit);
        return appendValues(seg, dataStart, again, chunk, count, out);
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
