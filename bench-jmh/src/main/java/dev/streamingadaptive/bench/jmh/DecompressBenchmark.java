package dev.streamingadaptive.bench.jmh;

import dev.streamingadaptive.parquet.compress.Decompressors;
import dev.streamingadaptive.parquet.compress.PageDecompressor;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Page decompression through Decompressors.forCodec (aircompressor's pure-Java decoders) of one
 * 1 MiB PLAIN page ({@value #N} 8-byte values) compressed with aircompressor's Java compressors.
 * {@code prices}: doubles with 2 decimals (a random walk around 100.00 in steps of up to 0.05);
 * {@code timestamps}: sorted longs (micros) growing by 0..4095. Input: heap segment.
 * Score: values/s (x 8 = uncompressed bytes/s).
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

    @Param({"SNAPPY", "ZSTD"})
    public String codec;

    @Param({"prices", "timestamps"})
    public String data;

    PageDecompressor decompressor;
    MemorySegment seg;
    int compressedLength;
    byte[] dst;
    byte[] copyDst;
    byte[] compressedBytes;
    final SnappyJavaDecompressor snappy = new SnappyJavaDecompressor();
    final ZstdJavaDecompressor zstd = new ZstdJavaDecompressor();

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
        Compressor c = codec.equals("SNAPPY") ? new SnappyJavaCompressor() : new ZstdJavaCompressor();
        byte[] compressed = new byte[c.maxCompressedLength(page.length)];
        compressedLength = c.compress(page, 0, page.length, compressed, 0, compressed.length);
        compressedBytes = Arrays.copyOf(compressed, compressedLength);
        seg = MemorySegment.ofArray(compressedBytes);
        decompressor = Decompressors.forCodec(CompressionCodec.valueOf(codec));
        dst = new byte[page.length];
        copyDst = new byte[compressedLength];
        decompress();
        Sizes.check(Arrays.equals(dst, page), codec + " " + data);
        Sizes.record(bp, N, compressedLength, Sizes.method(bp).equals("memcpy") ? compressedLength : page.length);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] decompress() {
        decompressor.decompress(seg, 0, compressedLength, dst, dst.length);
        return dst;
    }

    /** aircompressor's Java decoder on byte[] directly (no MemorySegment, no wrapper): the library's own speed. */
    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] aircompressorByteArray() {
        byte[] in = compressedBytes;
        int produced = codec.equals("SNAPPY")
                ? snappy.decompress(in, 0, in.length, dst, 0, dst.length)
                : zstd.decompress(in, 0, in.length, dst, 0, dst.length);
        if (produced != dst.length) throw new IllegalStateException();
        return dst;
    }

    /** Baseline: copying the compressed bytes into a byte[]. */
    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] memcpy() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, compressedLength);
        return copyDst;
    }
}
