package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.lz4.Lz4Decompressor;

import java.lang.foreign.MemorySegment;

/** LZ4_RAW: a single raw LZ4 block. Stateless, native or Java by {@link CodecLibraries}. */
final class Lz4RawPageDecompressor implements PageDecompressor {
    static final Lz4Decompressor LZ4 = CodecLibraries.lz4();

    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        int produced = rawBlock(Decompressors.input(seg, offset, compressedLength), dst, 0, uncompressedLength);
        Decompressors.checkProduced(CompressionCodec.LZ4_RAW, produced, uncompressedLength);
    }

    /** Decodes one raw block from all of {@code in} into {@code dst[dstOffset, dstOffset+maxLength)}; returns the bytes written. */
    static int rawBlock(MemorySegment in, byte[] dst, int dstOffset, int maxLength) {
        return LZ4.decompress(in, MemorySegment.ofArray(dst).asSlice(dstOffset, maxLength));
    }
}
