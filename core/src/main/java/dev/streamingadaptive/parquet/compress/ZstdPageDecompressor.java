package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.zstd.ZstdDecompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdNativeDecompressor;

import java.lang.foreign.MemorySegment;

/**
 * ZSTD: one or more frames (skippable frames allowed) decoded straight into the destination. The
 * native decoder (libzstd) is stateless per call; the Java decoder keeps ~130 KB of tables, so each
 * thread gets its own.
 */
final class ZstdPageDecompressor implements PageDecompressor {
    private static final ZstdDecompressor SHARED = CodecLibraries.NATIVE_ZSTD ? new ZstdNativeDecompressor() : null;
    private static final ThreadLocal<ZstdDecompressor> PER_THREAD = ThreadLocal.withInitial(ZstdJavaDecompressor::new);

    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        ZstdDecompressor decoder = SHARED != null ? SHARED : PER_THREAD.get();
        int produced = decoder.decompress(Decompressors.input(seg, offset, compressedLength),
                Decompressors.output(dst, uncompressedLength));
        Decompressors.checkProduced(CompressionCodec.ZSTD, produced, uncompressedLength);
    }
}
