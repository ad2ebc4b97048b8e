package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** SNAPPY raw block format (varint uncompressed length, then literals/copies). Stateless. */
final class SnappyPageDecompressor implements PageDecompressor {
    private final SnappyJavaDecompressor decompressor = new SnappyJavaDecompressor();

    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        // Check the declared length first so the error is clear and nothing is written for a mismatch.
        long declared = 0;
        int shift = 0;
        for (int i = 0; ; i++) {
            if (i >= compressedLength || i >= 5) throw new ParquetFormatException("SNAPPY page has a bad length header");
            int b = seg.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFF;
            declared |= (long) (b & 0x7F) << shift;
            if (b < 0x80) break;
            shift += 7;
        }
        if (declared != uncompressedLength) {
            throw new ParquetFormatException("SNAPPY page declares " + declared + " uncompressed bytes, expected " + uncompressedLength);
        }
        int produced = decompressor.decompress(Decompressors.input(seg, offset, compressedLength),
                Decompressors.output(dst, uncompressedLength));
        Decompressors.checkProduced(CompressionCodec.SNAPPY, produced, uncompressedLength);
    }
}
