package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.UnsupportedParquetFeatureException;
import dev.streamingadaptive.parquet.meta.CompressionCodec;

import java.lang.foreign.MemorySegment;

/**
 * Page decompressors by Parquet codec.
 *
 * <p>{@link #forCodec} returns a shared, thread-safe instance per codec (stateful decoders such as
 * zstd keep their state in a thread-local). Snappy, LZ4 and zstd are decoded by aircompressor: its
 * native libraries when the JVM allows native access, else its pure-Java decoders (system property
 * {@code streamingadaptive.codecs} = {@code auto}, {@code native} or {@code java}; see
 * {@link #implementation}). Gzip is decoded by {@link java.util.zip.Inflater}, brotli by
 * {@code org.brotli:dec}.
 */
public final class Decompressors {
    private Decompressors() {}

    private static final PageDecompressor UNCOMPRESSED = new Checked(CompressionCodec.UNCOMPRESSED, new UncompressedPageDecompressor());
    private static final PageDecompressor SNAPPY = new Checked(CompressionCodec.SNAPPY, new SnappyPageDecompressor());
    private static final PageDecompressor GZIP = new Checked(CompressionCodec.GZIP, new GzipPageDecompressor());
    private static final PageDecompressor BROTLI = new Checked(CompressionCodec.BROTLI, new BrotliPageDecompressor());
    private static final PageDecompressor LZ4 = new Checked(CompressionCodec.LZ4, new Lz4LegacyPageDecompressor());
    private static final PageDecompressor ZSTD = new Checked(CompressionCodec.ZSTD, new ZstdPageDecompressor());
    private static final PageDecompressor LZ4_RAW = new Checked(CompressionCodec.LZ4_RAW, new Lz4RawPageDecompressor());

    /**
     * The decompressor for {@code codec}; a shared thread-safe instance.
     *
     * @throws UnsupportedParquetFeatureException for LZO or a null (unknown) codec
     */
    public static PageDecompressor forCodec(CompressionCodec codec) {
        if (codec == null) throw new UnsupportedParquetFeatureException("unknown compression codec is not supported");
        return switch (codec) {
            case UNCOMPRESSED -> UNCOMPRESSED;
            case SNAPPY -> SNAPPY;
            case GZIP -> GZIP;
            case BROTLI -> BROTLI;
            case LZ4 -> LZ4;
            case ZSTD -> ZSTD;
            case LZ4_RAW -> LZ4_RAW;
            case LZO -> throw new UnsupportedParquetFeatureException("codec LZO is not supported");
        };
    }

    /**
     * Which implementation decodes {@code codec} in this JVM: {@code "native"} (aircompressor's
     * bundled libsnappy, libzstd or liblz4 through the FFM API), {@code "java"} (aircompressor's
     * pure-Java decoders), {@code "jdk"} (gzip through {@link java.util.zip.Inflater}),
     * {@code "brotli-java"}, {@code "none"} (uncompressed) or {@code "unsupported"} (LZO).
     */
    public static String implementation(CompressionCodec codec) {
        return switch (codec) {
            case UNCOMPRESSED -> "none";
            case SNAPPY -> CodecLibraries.NATIVE_SNAPPY ? "native" : "java";
            case LZ4, LZ4_RAW -> CodecLibraries.NATIVE_LZ4 ? "native" : "java";
            case ZSTD -> CodecLibraries.NATIVE_ZSTD ? "native" : "java";
            case GZIP -> "jdk";
            case BROTLI -> "brotli-java";
            case LZO -> "unsupported";
        };
    }

    /**
     * The most bytes {@code compressed} bytes of {@code codec} can decompress to, from the format:
     * a snappy copy element of 3 bytes makes at most 64, an LZ4 match gains at most 255 bytes per
     * length byte, deflate at most 1032:1. zstd and brotli (RLE blocks, long repeats) have no useful
     * bound. A page or chunk claiming more is corrupt: refusing it as such keeps a lying header from
     * passing for a file too large for the memory budget.
     */
    public static long maxDecompressedSize(CompressionCodec codec, long compressed) {
        if (codec == null || compressed < 0) return Long.MAX_VALUE;
        long c = compressed;
        return switch (codec) {
            case UNCOMPRESSED -> c;
            case SNAPPY -> c * 22 + 64;
            case LZ4, LZ4_RAW -> c * 256 + 64;
            case GZIP -> c * 1032 + 64;
            case ZSTD, BROTLI, LZO -> Long.MAX_VALUE;
        };
    }

    /** Argument validation, the empty-page shortcut and exception wrapping shared by every codec. */
    private record Checked(CompressionCodec codec, PageDecompressor delegate) implements PageDecompressor {
        @Override
        public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
            if (dst == null || uncompressedLength > dst.length) {
                throw new IllegalArgumentException("destination of " + (dst == null ? "null" : dst.length + " bytes")
                        + " cannot hold " + uncompressedLength + " bytes");
            }
            if (compressedLength < 0 || uncompressedLength < 0) {
                throw new ParquetFormatException(codec + " page has negative size (compressed " + compressedLength
                        + ", uncompressed " + uncompressedLength + ")");
            }
            if (offset < 0 || offset > seg.byteSize() - compressedLength) {
                throw new ParquetFormatException(codec + " page of " + compressedLength + " bytes at " + offset
                        + " lies outside the " + seg.byteSize() + "-byte segment");
            }
            // Some writers emit empty page bodies (0 bytes) for empty pages regardless of codec.
            if (compressedLength == 0 && uncompressedLength == 0) return;
            try {
                delegate.decompress(seg, offset, compressedLength, dst, uncompressedLength);
            } catch (ParquetFormatException e) {
                throw e;
            } catch (RuntimeException e) {
                // MalformedInputException, IndexOutOfBounds, IllegalArgument, IllegalState, BrotliRuntimeException...
                throw new ParquetFormatException("corrupt " + codec + " page (" + compressedLength + " -> "
                        + uncompressedLength + " bytes): " + e, e);
            }
        }
    }

    // ---- helpers shared by the codec implementations ----

    /**
     * A view of {@code seg[offset, offset+length)} that aircompressor's Java decoders accept: native
     * segments (mapped files) and writable byte[]-backed heap segments are used in place; anything
     * else (read-only heap segments, segments over other array types) is copied.
     */
    static MemorySegment input(MemorySegment seg, long offset, int length) {
        MemorySegment slice = seg.asSlice(offset, length);
        if (slice.isNative()) return slice;
        if (!slice.isReadOnly() && slice.heapBase().orElse(null) instanceof byte[]) return slice;
        byte[] copy = new byte[length];
        MemorySegment.copy(slice, 0, MemorySegment.ofArray(copy), 0, length);
        return MemorySegment.ofArray(copy);
    }

    static MemorySegment output(byte[] dst, int length) {
        return MemorySegment.ofArray(dst).asSlice(0, length);
    }

    static void checkProduced(CompressionCodec codec, long produced, int expected) {
        if (produced != expected) {
            throw new ParquetFormatException(codec + " page decompressed to " + produced + " bytes, expected " + expected);
        }
    }
}
