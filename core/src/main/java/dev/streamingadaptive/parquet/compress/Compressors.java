package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import io.airlift.compress.v3.lz4.Lz4NativeCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdNativeCompressor;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Block compressors for the writer, chosen by the same rule as the decoders ({@link CodecLibraries}):
 * native (snappy-java, aircompressor's libzstd and liblz4) when allowed and loaded, else pure Java
 * with the same format. Only zstd honours a level natively; aircompressor's Java zstd has one level.
 */
public final class Compressors {
    /** zstd's default level, as parquet-java, DuckDB and Polars use. */
    public static final int ZSTD_DEFAULT_LEVEL = 3;

    private Compressors() {}

    /**
     * A compressor for SNAPPY, ZSTD or LZ4_RAW pages; one per thread (native zstd keeps a context).
     *
     * @param level zstd level 1–22, or -1 for {@link #ZSTD_DEFAULT_LEVEL}; ignored by the other codecs
     */
    public static Compressor block(CompressionCodec codec, int level) {
        return switch (codec) {
            case SNAPPY -> CodecLibraries.NATIVE_SNAPPY ? new SnappyJni() : new SnappyJavaCompressor();
            case ZSTD -> CodecLibraries.NATIVE_ZSTD ? new ZstdNativeCompressor(level < 0 ? ZSTD_DEFAULT_LEVEL : level) : new ZstdJavaCompressor();
            case LZ4_RAW -> CodecLibraries.NATIVE_LZ4 ? new Lz4NativeCompressor() : new Lz4JavaCompressor();
            default -> throw new IllegalArgumentException(codec + " is not a block codec");
        };
    }

    /** Which implementation {@link #block} uses for {@code codec}: "native" or "java". */
    public static String implementation(CompressionCodec codec) {
        boolean nativeOne = switch (codec) {
            case SNAPPY -> CodecLibraries.NATIVE_SNAPPY;
            case ZSTD -> CodecLibraries.NATIVE_ZSTD;
            case LZ4_RAW -> CodecLibraries.NATIVE_LZ4;
            default -> false;
        };
        return nativeOne ? "native" : "java";
    }

    /** snappy-java's JNI compressor behind aircompressor's interface. */
    private static final class SnappyJni implements Compressor {
        @Override
        public int maxCompressedLength(int uncompressedSize) {
            return Snappy.maxCompressedLength(uncompressedSize);
        }

        @Override
        public int compress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int maxOutputLength) {
            try {
                return Snappy.compress(input, inputOffset, inputLength, output, outputOffset);
            } catch (IOException e) {
                throw new UncheckedIOException("snappy compression failed", e);
            }
        }

        @Override
        public int compress(java.lang.foreign.MemorySegment input, java.lang.foreign.MemorySegment output) {
            throw new UnsupportedOperationException("byte arrays only");
        }
    }
}
