package dev.streamingadaptive.bench.jmh;

import com.github.luben.zstd.Zstd;
import dev.streamingadaptive.parquet.compress.Decompressors;
import dev.streamingadaptive.parquet.compress.PageDecompressor;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.Decompressor;
import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import io.airlift.compress.v3.lz4.Lz4JavaDecompressor;
import io.airlift.compress.v3.lz4.Lz4NativeDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.airlift.compress.v3.snappy.SnappyNativeDecompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdNativeDecompressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Page decompression of one 1 MiB PLAIN page ({@value #N} 8-byte values) held in a native segment,
 * as a page of a mapped file is, decoded into a byte[] page buffer. {@code prices}: doubles with 2
 * decimals (a random walk around 100.00 in steps of up to 0.05); {@code timestamps}: sorted longs
 * (micros) growing by 0..4095. Score: values/s (x 8 = uncompressed bytes/s).
 *
 * <p>The candidates per codec: {@code ours} (Decompressors.forCodec, whatever the JVM chose: run
 * with {@code -jvmArgsAppend -Dstreamingadaptive.codecs=java} for the fallback), aircompressor's
 * Java and native (FFM, critical downcall: mapped input and heap output used in place) decoders,
 * and the JNI library of each codec (snappy-java, zstd-jni, lz4-java), which take byte[] or direct
 * buffers, so the compressed bytes are first copied out of the segment, as our reader would have to.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class DecompressBenchmark {
    static final int N = 1 << 17;
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Param({"SNAPPY", "ZSTD", "LZ4_RAW"})
    public String codec;

    @Param({"prices", "timestamps"})
    public String data;

    PageDecompressor decompressor;
    Arena arena;
    MemorySegment seg;
    int compressedLength;
    byte[] dst;
    byte[] copyDst;
    Decompressor airJava;
    Decompressor airNative;
    LZ4SafeDecompressor lz4Jni;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        SplittableRandom r = new SplittableRandom(13);
        byte[] page = new byte[8 * N];
        MemorySegment p = MemorySegment.ofArray(page);
        long cents = 10_000;
        long t = 1_700_000_000_000_000L;
        for (int i = 0; i < N; i++) {
            if (data.equals("prices")) {
                cents = Math.max(1, cents + r.nextInt(-5, 6));
                p.set(DOUBLE_LE, 8L * i, cents / 100.0);
            } else {
                t += r.nextInt(4096);
                p.set(LONG_LE, 8L * i, t);
            }
        }
        Compressor c = switch (codec) {
            case "SNAPPY" -> new SnappyJavaCompressor();
            case "ZSTD" -> new ZstdJavaCompressor();
            default -> new Lz4JavaCompressor();
        };
        airJava = switch (codec) {
            case "SNAPPY" -> new SnappyJavaDecompressor();
            case "ZSTD" -> new ZstdJavaDecompressor();
            default -> new Lz4JavaDecompressor();
        };
        airNative = switch (codec) {
            case "SNAPPY" -> new SnappyNativeDecompressor();
            case "ZSTD" -> new ZstdNativeDecompressor();
            default -> new Lz4NativeDecompressor();
        };
        lz4Jni = LZ4Factory.nativeInstance().safeDecompressor();
        byte[] compressed = new byte[c.maxCompressedLength(page.length)];
        compressedLength = c.compress(page, 0, page.length, compressed, 0, compressed.length);
        arena = Arena.ofShared();
        seg = arena.allocate(compressedLength);
        MemorySegment.copy(MemorySegment.ofArray(compressed), 0, seg, 0, compressedLength);
        decompressor = Decompressors.forCodec(CompressionCodec.valueOf(codec));
        dst = new byte[page.length];
        copyDst = new byte[compressedLength];
        String method = Sizes.method(bp);
        switch (method) {
            case "aircompressorJava" -> aircompressorJava();
            case "aircompressorNative" -> aircompressorNative();
            case "jni" -> jni();
            default -> decompress();
        }
        Sizes.check(method.equals("memcpy") || Arrays.equals(dst, page), codec + " " + data + " " + method);
        Sizes.record(bp, N, compressedLength, method.equals("memcpy") ? compressedLength : page.length);
    }

    @TearDown(Level.Trial)
    public void close() {
        arena.close();
    }

    /** Ours: Decompressors.forCodec (bounds checks, then the decoder this JVM chose). */
    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] decompress() {
        decompressor.decompress(seg, 0, compressedLength, dst, dst.length);
        return dst;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] aircompressorJava() {
        check(airJava.decompress(seg, MemorySegment.ofArray(dst)));
        return dst;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] aircompressorNative() {
        check(airNative.decompress(seg, MemorySegment.ofArray(dst)));
        return dst;
    }

    /** snappy-java, zstd-jni or lz4-java: copy the compressed bytes to a byte[], then array to array through JNI. */
    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] jni() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, compressedLength);
        try {
            check(switch (codec) {
                case "SNAPPY" -> Snappy.uncompress(copyDst, 0, compressedLength, dst, 0);
                case "ZSTD" -> (int) Zstd.decompressByteArray(dst, 0, dst.length, copyDst, 0, compressedLength);
                default -> lz4Jni.decompress(copyDst, 0, compressedLength, dst, 0, dst.length);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst;
    }

    /** Baseline: copying the compressed bytes into a byte[]. */
    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] memcpy() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, compressedLength);
        return copyDst;
    }

    private void check(int produced) {
        if (produced != dst.length) throw new IllegalStateException(codec + " produced " + produced + " of " + dst.length);
    }
}
