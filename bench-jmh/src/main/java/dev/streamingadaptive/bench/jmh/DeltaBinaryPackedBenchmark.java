package dev.streamingadaptive.bench.jmh;

import dev.streamingadaptive.parquet.encoding.DeltaBinaryPackedDecoder;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * DELTA_BINARY_PACKED INT64, {@value #N} values per invocation. {@code sorted}: timestamps (micros)
 * growing by 0..4095 (miniblock widths about 12 bits); {@code randomWalk}: a walk with steps of
 * +-2^15 (widths about 16 bits, negative deltas). Score: values/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class DeltaBinaryPackedBenchmark {
    static final int N = 1 << 17;

    @Param({"sorted", "randomWalk"})
    public String data;

    MemorySegment seg;
    int encodedLength;
    long[] dst;
    byte[] copyDst;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        SplittableRandom r = new SplittableRandom(5);
        long[] v = new long[N];
        long x = 1_700_000_000_000_000L;
        for (int i = 0; i < N; i++) {
            x += data.equals("sorted") ? r.nextInt(4096) : r.nextInt(-32768, 32768);
            v[i] = x;
        }
        byte[] enc = Encoders.deltaBinaryPacked(v, N);
        seg = MemorySegment.ofArray(enc);
        encodedLength = enc.length;
        dst = new long[N];
        copyDst = new byte[enc.length];
        decode();
        Sizes.check(java.util.Arrays.equals(dst, v), "DELTA_BINARY_PACKED " + data);
        Sizes.record(bp, N, encodedLength, Sizes.method(bp).equals("memcpy") ? encodedLength : 8L * N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] decode() {
        new DeltaBinaryPackedDecoder(seg, 0, encodedLength).readLongs(dst, 0, N);
        return dst;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] memcpy() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, encodedLength);
        return copyDst;
    }
}
