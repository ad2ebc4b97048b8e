package dev.streamingadaptive.bench.jmh;

import dev.streamingadaptive.parquet.encoding.BinaryBuilder;
import dev.streamingadaptive.parquet.encoding.DeltaByteArrayDecoder;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * DELTA_BYTE_ARRAY of {@value #N} sorted URL-like strings sharing long prefixes
 * ({@code https://shop.example.com/<category>/<product>/item-<8 digits>}, about 50 bytes each) into a
 * reused BinaryBuilder. Score: strings/s; output bytes = the strings' bytes (offsets not counted).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class DeltaByteArrayBenchmark {
    static final int N = 1 << 15;

    MemorySegment seg;
    int encodedLength;
    BinaryBuilder out;
    byte[] copyDst;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        SplittableRandom r = new SplittableRandom(9);
        String[] categories = {"books", "electronics", "garden", "home-kitchen", "sports-outdoors", "toys-games",
                "clothing", "automotive", "beauty", "grocery"};
        String[] s = new String[N];
        for (int i = 0; i < N; i++) {
            s[i] = "https://shop.example.com/" + categories[r.nextInt(categories.length)] + "/product-"
                    + r.nextInt(400) + "/item-" + String.format("%08d", r.nextInt(100_000_000));
        }
        Arrays.sort(s);
        byte[][] values = new byte[N][];
        long total = 0;
        for (int i = 0; i < N; i++) {
            values[i] = s[i].getBytes(StandardCharsets.UTF_8);
            total += values[i].length;
        }
        byte[] enc = Encoders.deltaByteArray(values);
        seg = MemorySegment.ofArray(enc);
        encodedLength = enc.length;
        out = new BinaryBuilder(N, (int) total);
        copyDst = new byte[enc.length];
        decode();
        for (int i = 0; i < N; i++) Sizes.check(Arrays.equals(out.get(i), values[i]), "DELTA_BYTE_ARRAY");
        Sizes.record(bp, N, encodedLength, Sizes.method(bp).equals("memcpy") ? encodedLength : total);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public BinaryBuilder decode() {
        out.reset();
        DeltaByteArrayDecoder.decode(seg, 0, encodedLength, out, N);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] memcpy() {
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, copyDst, 0, encodedLength);
        return copyDst;
    }
}
