package dev.streamingadaptive.bench.jmh;

import dev.streamingadaptive.parquet.encoding.RleBitPackedHybridDecoder;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Dictionary-encoded INT64 page of {@value #N} values with uniformly random indices (bit-packed).
 * {@code gather}: the plain loop {@code out[i] = dict[idx[i]]} of LongValueDecoder on decoded
 * indices; {@code decodeAndGather}: the whole page path of ValueDecoder.readPage (decode the indices
 * with their bit-width byte, range-check them, gather). dictSize 1000 = 8 KB (L1), 100000 = 800 KB.
 * Score: values/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class DictionaryBenchmark {
    static final int N = 1 << 17;

    @Param({"1000", "100000"})
    public int dictSize;

    long[] dict;
    int[] indices;
    int[] indexScratch;
    long[] out;
    MemorySegment seg;
    int encodedLength;
    byte[] copyDst;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        SplittableRandom r = new SplittableRandom(11);
        dict = new long[dictSize];
        for (int i = 0; i < dictSize; i++) dict[i] = r.nextLong();
        indices = new int[N];
        for (int i = 0; i < N; i++) indices[i] = r.nextInt(dictSize);
        int w = Encoders.bitWidth(dictSize - 1);
        byte[] runs = Encoders.rleHybrid(indices, N, w, true);
        byte[] enc = new byte[runs.length + 1];
        enc[0] = (byte) w;
        System.arraycopy(runs, 0, enc, 1, runs.length);
        seg = MemorySegment.ofArray(enc);
        encodedLength = enc.length;
        indexScratch = new int[N];
        out = new long[N];
        copyDst = new byte[enc.length];
        decodeAndGather();
        for (int i = 0; i < N; i++) Sizes.check(out[i] == dict[indices[i]], "dictionary indices");
        String m = Sizes.method(bp);
        long in = m.equals("gather") ? 4L * N : encodedLength;
        Sizes.record(bp, N, in, m.equals("memcpy") ? encodedLength : 8L * N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] gather() {
        long[] v = out;
        long[] d = dict;
        int[] idx = indices;
        for (int i = 0; i < N; i++) v[i] = d[idx[i]];
        return v;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] decodeAndGather() {
        int[] idx = indexScratch;
        RleBitPackedHybridDecoder.forDictionaryIndices(seg, 0, encodedLength).readInts(idx, 0, N);
        int n = dict.length;
        for (int i = 0; i < N; i++) {
            if (Integer.compareUnsigned(idx[i], n) >= 0) throw new IllegalStateException("index out of range");
        }
        long[] v = out;
        long[] d = dict;
        for (int i = 0; i < N; i++) v[i] = d[idx[i]];
        return v;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] memcpy() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, encodedLength);
        return copyDst;
    }
}
