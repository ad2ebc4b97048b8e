package dev.streamingadaptive.parquet.compress;

import java.lang.foreign.MemorySegment;

/**
 * Decompresses one Parquet page body.
 *
 * <p>Implementations returned by {@link Decompressors#forCodec} are shared singletons and are
 * thread-safe: any per-call state is either allocated per call or kept in a thread-local.
 */
public interface PageDecompressor {
    /**
     * Decompresses exactly {@code compressedLength} bytes at {@code seg[offset..]} into
     * {@code dst[0..uncompressedLength)}.
     *
     * <p>Never writes past {@code dst[uncompressedLength - 1]} and never allocates buffers sized from
     * the compressed data beyond {@code uncompressedLength} (brotli keeps a sliding window bounded
     * by the stream's declared window size, at most 16 MiB).
     *
     * @throws dev.streamingadaptive.parquet.ParquetFormatException when the input is corrupt,
     *         truncated, does not lie inside {@code seg}, or does not produce exactly
     *         {@code uncompressedLength} bytes (more output is an error, not a truncation)
     * @throws IllegalArgumentException when {@code dst} is shorter than {@code uncompressedLength}
     *         (a caller bug, not a file problem)
     */
    void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength);
}
