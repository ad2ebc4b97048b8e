package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every codec over 100,000 mutated frames, on two threads in one JVM, each frame in an off-heap
 * segment of exactly its size (an out-of-bounds read faults instead of reading a neighbour): only
 * ParquetFormatException or a correct-sized output, never another exception, a write past the
 * output's end or a JVM crash.
 */
class CodecFuzzTest {
    private static final int FRAMES_PER_CODEC = 100_000;
    private static final int THREADS = 2;

    @Test
    void hundredThousandMutatedFramesPerCodec() throws Exception {
        byte[] data = DecompressorsTest.sample(4000, 11);
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (CompressionCodec codec : CompressionCodec.values()) {
                if (codec == CompressionCodec.LZO) continue;
                int len = codec == CompressionCodec.UNCOMPRESSED ? data.length : DecompressorsTest.lengthOf(codec, data);
                byte[][] samples = codec == CompressionCodec.UNCOMPRESSED ? new byte[][] {data} : DecompressorsTest.samplesFor(codec, data);
                AtomicLong rejected = new AtomicLong();
                List<Future<?>> parts = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    parts.add(pool.submit(() -> {
                        Random r = new Random(codec.ordinal() * 31L + thread);
                        PageDecompressor d = Decompressors.forCodec(codec);
                        byte[] dst = new byte[len + 16];
                        for (int i = 0; i < FRAMES_PER_CODEC / THREADS; i++) {
                            byte[] c = mutate(samples[r.nextInt(samples.length)], r);
                            // Freed after each frame: a read past it later would fault, not find stale bytes.
                            try (Arena arena = Arena.ofConfined()) {
                                MemorySegment seg = arena.allocate(Math.max(1, c.length));
                                MemorySegment.copy(c, 0, seg, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, c.length);
                                Arrays.fill(dst, len, dst.length, (byte) 0);
                                try {
                                    d.decompress(seg, 0, c.length, dst, len);
                                } catch (ParquetFormatException expected) {
                                    rejected.incrementAndGet();
                                } catch (Throwable e) {
                                    failures.add(codec + " frame " + i + " of thread " + thread + ": " + e);
                                }
                                for (int k = len; k < dst.length; k++) {
                                    if (dst[k] != 0) {
                                        failures.add(codec + " wrote past the output's end");
                                        break;
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : parts) f.get();
                assertTrue(rejected.get() > 0, codec + ": no mutant was rejected");
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    }

    private static byte[] mutate(byte[] original, Random r) {
        byte[] c = original.clone();
        if (c.length == 0) return c;
        switch (r.nextInt(5)) {
            case 0 -> c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
            case 1 -> {
                for (int f = 1 + r.nextInt(4); f > 0; f--) c[r.nextInt(c.length)] = (byte) r.nextInt();
            }
            case 2 -> c = Arrays.copyOf(c, r.nextInt(c.length + 1));
            case 3 -> {
                int at = r.nextInt(c.length);
                Arrays.fill(c, at, Math.min(c.length, at + 1 + r.nextInt(16)), (byte) (r.nextBoolean() ? 0xff : 0));
            }
            default -> {
                c = new byte[1 + r.nextInt(64)];
                r.nextBytes(c);
            }
        }
        return c;
    }
}
