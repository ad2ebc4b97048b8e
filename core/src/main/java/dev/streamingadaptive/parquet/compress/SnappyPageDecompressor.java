package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * SNAPPY raw block format (varint uncompressed length, then literals/copies). Stateless. Decoded by
 * snappy-java (JNI, byte[] to byte[]) or aircompressor's Java decoder, as {@link CodecLibraries} chose.
 */
final class SnappyPageDecompressor implements PageDecompressor {
    private static final SnappyJavaDecompressor JAVA = CodecLibraries.NATIVE_SNAPPY ? null : new SnappyJavaDecompressor();

    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        // Check the declared length first so the error is clear and nothing is written for a mismatch. The native
        // decoder writes exactly the declared length, so this check is also what keeps it inside dst.
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
        int produced = JAVA != null
                ? JAVA.decompress(Decompressors.input(seg, offset, compressedLength), Decompressors.output(dst, uncompressedLength))
                : decompressNative(seg, offset, compressedLength, dst);
        Decompressors.checkProduced(CompressionCodec.SNAPPY, produced, uncompressedLength);
    }

    private static int decompressNative(MemorySegment seg, long offset, int compressedLength, byte[] dst) {
        byte[] in;
        int at;
        if (seg.heapBase().orElse(null) instanceof byte[] array) { // the reader's heap copy of a mapped page
            in = array;
            at = Math.toIntExact(seg.address() + offset);
        } else {
            in = new byte[compressedLength];
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, in, 0, compressedLength);
            at = 0;
        }
        try {
            return Snappy.uncompress(in, at, compressedLength, dst, 0);
        } catch (IOException e) {
            throw new ParquetFormatException("corrupt SNAPPY page (" + compressedLength + " bytes): " + e.getMessage(), e);
        }
    }
}
