package dev.streamingadaptive.bench.jmh;

import dev.streamingadaptive.parquet.encoding.PlainDecoder;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * PLAIN INT64 / DOUBLE: one 1 MiB page ({@value #N} values) per invocation, from a heap segment
 * (byte[]-backed) and from a native segment (Arena.ofShared(), like a mapped file). Score: values/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class PlainBenchmark {
    static final int N = 1 << 17;

    @Param({"heap", "native"})
    public String input;

    Arena arena;
    MemorySegment seg;
    long[] longs;
    double[] doubles;
    byte[] copyDst;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        SplittableRandom r = new SplittableRandom(3);
        byte[] bytes = new byte[8 * N];
        MemorySegment heap = MemorySegment.ofArray(bytes);
        long[] expected = new long[N];
        for (int i = 0; i < N; i++) {
            expected[i] = r.nextLong();
            heap.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 8L * i, expected[i]);
        }
        if (input.equals("native")) {
            arena = Arena.ofShared();
            seg = arena.allocate(bytes.length, 64);
            MemorySegment.copy(heap, 0, seg, 0, bytes.length);
        } else {
            seg = heap;
        }
        longs = new long[N];
        doubles = new double[N];
        copyDst = new byte[bytes.length];
        readLongs();
        Sizes.check(java.util.Arrays.equals(longs, expected), "PLAIN longs");
        Sizes.record(bp, N, 8L * N, 8L * N);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (arena != null) arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] readLongs() {
        PlainDecoder.readLongs(seg, 0, seg.byteSize(), longs, 0, N);
        return longs;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double[] readDoubles() {
        PlainDecoder.readDoubles(seg, 0, seg.byteSize(), doubles, 0, N);
        return doubles;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] memcpy() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, copyDst.length);
        return copyDst;
    }
}
