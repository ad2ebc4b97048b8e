package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;

import java.lang.foreign.MemorySegment;

/**
 * ZSTD: one or more frames (skippable frames allowed) decoded straight into the destination. The
 * aircompressor decoder is stateful (~130 KB of tables), so each thread gets its own.
 */
final class ZstdPageDecompressor implements PageDecompressor {
    private static final ThreadLocal<ZstdJavaDecompressor> DECOMPRESSOR = ThreadLocal.withInitial(ZstdJavaDecompressor::new);

    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        int produced = DECOMPRESSOR.get().decompress(Decompressors.input(seg, offset, compressedLength),
                Decompressors.output(dst, uncompressedLength));
        Decompressors.checkProduced(CompressionCodec.ZSTD, produced, uncompressedLength);
    }
}
