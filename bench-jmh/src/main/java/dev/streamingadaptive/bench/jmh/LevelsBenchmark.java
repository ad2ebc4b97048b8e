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
 * Definition levels of an optional column (bit width 1), about 80% nulls in runs: null runs of
 * 1..39 (mean 20) alternate with value runs of 1..9 (mean 5), encoded as parquet-mr does (RLE for
 * runs of 8+, bit-packed otherwise). Decoded as the page reader does, into an int[] per page.
 * Score: levels/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class LevelsBenchmark {
    static final int N = 1 << 17;

    MemorySegment seg;
    int encodedLength;
    int[] dst;
    byte[] copyDst;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        SplittableRandom r = new SplittableRandom(7);
        int[] v = new int[N];
        int i = 0;
        boolean isNull = true;
        while (i < N) {
            int len = Math.min(N - i, isNull ? 1 + r.nextInt(39) : 1 + r.nextInt(9));
            Arrays.fill(v, i, i + len, isNull ? 0 : 1);
            i += len;
            isNull = !isNull;
        }
        byte[] enc = Encoders.rleHybrid(v, N, 1, true);
        seg = MemorySegment.ofArray(enc);
        encodedLength = enc.length;
        dst = new int[N];
        copyDst = new byte[enc.length];
        decodeDefinitionLevels();
        Sizes.check(Arrays.equals(dst, v), "definition levels");
        Sizes.record(bp, N, encodedLength, 4L * N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int[] decodeDefinitionLevels() {
        new RleBitPackedHybridDecoder(seg, 0, encodedLength, 1).readInts(dst, 0, N);
        return dst;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] memcpy() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, encodedLength);
        return copyDst;
    }
}
