package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** UNCOMPRESSED: a copy; the two sizes must agree. */
final class UncompressedPageDecompressor implements PageDecompressor {
    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        if (compressedLength != uncompressedLength) {
            throw new ParquetFormatException("UNCOMPRESSED page has compressed size " + compressedLength
                    + " but uncompressed size " + uncompressedLength);
        }
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, dst, 0, uncompressedLength);
    }
}
