package dev.streamingadaptive.parquet.compress;

import io.airlift.compress.v3.lz4.Lz4Decompressor;
import io.airlift.compress.v3.lz4.Lz4JavaDecompressor;
import io.airlift.compress.v3.lz4.Lz4NativeDecompressor;
import io.airlift.compress.v3.zstd.ZstdNativeDecompressor;
import org.xerial.snappy.Snappy;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The one place that chooses, once per JVM, between native decoders and aircompressor's pure-Java
 * ones. Native means, by measurement ({@code bench-jmh/run Decompress}): snappy-java (JNI) for
 * snappy, 1.3x faster than aircompressor's bundled libsnappy, which is no faster than its Java
 * decoder; aircompressor's bundled libzstd and liblz4 through the FFM API for zstd (1.5x over Java,
 * as fast as zstd-jni) and LZ4, reading heap or mapped segments in place.
 *
 * <p>Why the native ones need a condition: Java 25 prints a warning on the first native call of a
 * module whose native access was not enabled, and a library must not write to its users' stderr.
 * So by default ({@value #PROPERTY} unset or {@code auto}) native decoders are used when the JVM
 * allows native access to these libraries ({@code --enable-native-access=ALL-UNNAMED} on the class path;
 * our launcher, benchmarks and tests pass it)
 * and the library loads for this platform (linux and macOS on x86-64 and aarch64); otherwise the
 * pure-Java decoders, which give the same bytes. {@code java} forces the pure-Java decoders (no JNI
 * or FFM at all), {@code native} uses the native ones whenever they load, even if the JVM then warns.
 */
final class CodecLibraries {
    /** The system property that chooses the decoders: {@code auto} (default), {@code native} or {@code java}. */
    static final String PROPERTY = "streamingadaptive.codecs";

    private static final Mode MODE = mode(System.getProperty(PROPERTY));
    static final boolean NATIVE_SNAPPY = useNative(Snappy.class.getModule(), CodecLibraries::snappyJavaLoads);
    static final boolean NATIVE_LZ4 = useNative(Lz4NativeDecompressor.class.getModule(), Lz4NativeDecompressor::isEnabled);
    static final boolean NATIVE_ZSTD = useNative(ZstdNativeDecompressor.class.getModule(), ZstdNativeDecompressor::isEnabled);

    private CodecLibraries() {}

    enum Mode { AUTO, NATIVE, JAVA }

    static Mode mode(String value) {
        if (value == null || value.isBlank()) return Mode.AUTO;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Mode.AUTO;
            case "native" -> Mode.NATIVE;
            case "java" -> Mode.JAVA;
            default -> throw new IllegalArgumentException("system property " + PROPERTY + "=" + value
                    + " is not one of auto, native, java");
        };
    }

    static Lz4Decompressor lz4() {
        return NATIVE_LZ4 ? new Lz4NativeDecompressor() : new Lz4JavaDecompressor();
    }

    /** {@code library} is the module that makes the restricted calls (loads the library, links it), so the one that must be allowed. */
    private static boolean useNative(Module library, BooleanSupplier loads) {
        if (MODE == Mode.JAVA) return false;
        if (MODE == Mode.AUTO && !library.isNativeAccessEnabled()) return false;
        try {
            return loads.getAsBoolean();
        } catch (LinkageError | RuntimeException e) { // SnappyError is an Error too
            // No library for this platform, a temp directory that refuses it, a sandbox: the Java decoders work everywhere.
            return false;
        }
    }

    private static boolean snappyJavaLoads() {
        try {
            byte[] probe = Snappy.compress(new byte[] {1, 2, 3, 1, 2, 3, 1, 2, 3});
            return Snappy.uncompressedLength(probe) == 9;
        } catch (java.io.IOException | Error e) {
            return false;
        }
    }
}
