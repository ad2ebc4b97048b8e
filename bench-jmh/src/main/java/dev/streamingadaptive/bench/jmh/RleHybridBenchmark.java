package dev.streamingadaptive.bench.jmh;

import dev.streamingadaptive.parquet.encoding.RleBitPackedHybridDecoder;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * RLE / bit-packing hybrid decoding (dictionary indices, levels) at bit widths 1..32, one page of
 * {@value #N} values per invocation. {@code packed}: uniformly random values, every run bit-packed
 * (63 groups per run, as parquet-mr writes high-cardinality indices); {@code mixed}: half RLE runs of
 * 8..72 equal values, half literal stretches of 1..24 random values (about 75% of values in RLE runs).
 * Score: values/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class RleHybridBenchmark {
    static final int N = 1 << 17;

    @Param({"1", "2", "4", "8", "12", "16", "20", "32"})
    public int bitWidth;

    @Param({"packed", "mixed"})
    public String mode;

    MemorySegment seg;
    int encodedLength;
    int[] dst;
    byte[] copyDst;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        int[] v = values(N, bitWidth, mode.equals("mixed"), 42);
        byte[] enc = Encoders.rleHybrid(v, N, bitWidth, mode.equals("mixed"));
        seg = MemorySegment.ofArray(enc);
        encodedLength = enc.length;
        dst = new int[N];
        copyDst = new byte[enc.length];
        decode();
        Sizes.check(Arrays.equals(dst, v), "RLE hybrid w=" + bitWidth + " " + mode);
        Sizes.record(bp, N, encodedLength, 4L * N);
    }

    static int[] values(int n, int w, boolean mixed, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long bound = 1L << w;
        int[] v = new int[n];
        int i = 0;
        while (i < n) {
            if (!mixed) {
                v[i++] = (int) r.nextLong(bound);
            } else if (r.nextBoolean()) {
                int len = Math.min(n - i, 8 + r.nextInt(65));
                Arrays.fill(v, i, i + len, (int) r.nextLong(bound));
                i += len;
            } else {
                int len = Math.min(n - i, 1 + r.nextInt(24));
                for (int j = 0; j < len; j++) v[i++] = (int) r.nextLong(bound);
            }
        }
        return v;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int[] decode() {
        new RleBitPackedHybridDecoder(seg, 0, encodedLength, bitWidth).readInts(dst, 0, N);
        return dst;
    }

    /** Baseline: copying the same encoded bytes into a byte[]. */
    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] memcpy() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, encodedLength);
        return copyDst;
    }
}
