package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * DELTA_BYTE_ARRAY (incremental / front coding): prefix lengths (DELTA_BINARY_PACKED), then the
 * suffixes (DELTA_LENGTH_BYTE_ARRAY). Each value is the first {@code prefix} bytes of the previous
 * value followed by its suffix; the first value's prefix must be 0.
 *
 * <p>Note that the output can be much larger than the input (long shared prefixes); growth beyond
 * {@link BinaryBuilder#MAX_DATA} fails with a ParquetFormatException.
 */
public final class DeltaByteArrayDecoder {
    private DeltaByteArrayDecoder() {}

    /**
     * Decodes {@code count} values into {@code out}.
     *
     * @return the offset after the suffix bytes of the {@code count} values
     */
    public static long decode(MemorySegment seg, long offset, long limit, BinaryBuilder out, int count) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        DeltaBinaryPackedDecoder prefixes = new DeltaBinaryPackedDecoder(seg, offset, limit);
        if (prefixes.totalValueCount() < count) {
            throw fail("DELTA_BYTE_ARRAY declares " + prefixes.totalValueCount() + " prefix lengths but " + count
                    + " values are expected", offset);
        }
        long suffixStart = prefixes.skipToEnd();
        DeltaBinaryPackedDecoder suffixLengths = new DeltaBinaryPackedDecoder(seg, suffixStart, limit);
        if (suffixLengths.totalValueCount() < count) {
            throw fail("DELTA_BYTE_ARRAY declares " + suffixLengths.totalValueCount() + " suffix lengths but " + count
                    + " values are expected", suffixStart);
        }
        int chunkSize = Math.min(DeltaLengthByteArrayDecoder.CHUNK, Math.max(1, count));
        int[] sfx = new int[chunkSize];
        long total = DeltaLengthByteArrayDecoder.sumLengths(suffixLengths, sfx, count, limit - suffixStart, suffixStart);
        long dataStart = suffixLengths.skipToEnd();
        Bits.require(dataStart, limit, total, "DELTA_BYTE_ARRAY suffix data");

        int[] pfx = new int[chunkSize];
        prefixes = new DeltaBinaryPackedDecoder(seg, offset, limit);
        suffixLengths = new DeltaBinaryPackedDecoder(seg, suffixStart, limit);
        long p = dataStart;
        int prevIndex = -1;
        int prevLen = 0;
        int left = count;
        int index = 0;
        while (left > 0) {
            int k = Math.min(left, chunkSize);
            prefixes.readInts(pfx, 0, k);
            suffixLengths.readInts(sfx, 0, k);
            for (int i = 0; i < k; i++) {
                int prefix = pfx[i];
                int suffix = sfx[i];
                if (prefix < 0 || prefix > prevLen) {
                    throw fail("DELTA_BYTE_ARRAY prefix length " + prefix + " of value " + (index + i)
                            + " exceeds the previous value's length " + prevLen, offset);
                }
                long len = (long) prefix + suffix;
                if (len > BinaryBuilder.MAX_DATA) {
                    throw new dev.streamingadaptive.parquet.ParquetFormatException(
                            "binary column chunk larger than 2 GiB of values not supported (value of " + len + " bytes)");
                }
                int at = out.appendUninitialized((int) len);
                byte[] data = out.data();
                if (prefix > 0) System.arraycopy(data, out.offsets()[prevIndex], data, at, prefix);
                MemorySegment.copy(seg, Bits.BYTE, p, data, at + prefix, suffix);
                p += suffix;
                prevIndex = out.count() - 1;
                prevLen = (int) len;
            }
            index += k;
            left -= k;
        }
        return p;
    }
}
