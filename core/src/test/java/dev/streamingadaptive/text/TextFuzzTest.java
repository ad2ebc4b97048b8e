package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.format.TextFormatException;
import dev.streamingadaptive.lazy.CsvOptions;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.lazy.NdjsonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutated CSV and JSON lines (bytes flipped, inserted, deleted; quotes, delimiters and line ends
 * added where they hurt) either read or fail with a {@link TextFormatException}, never another
 * exception, with and without {@code ignoreErrors}, on one and two threads.
 */
class TextFuzzTest {
    @TempDir
    Path dir;

    private static final byte[] NASTY = {'"', ',', '\n', '\r', '\\', '{', '}', '[', ']', ':', '#', ' ', '0', '-', '.', 'e', (byte) 0xC3, (byte) 0xFF, 0};

    private static byte[] mutate(byte[] seed, Random rnd) {
        List<Byte> b = new ArrayList<>(seed.length + 16);
        for (byte x : seed) b.add(x);
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int at = rnd.nextInt(b.size());
            byte v = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : NASTY[rnd.nextInt(NASTY.length)];
            switch (rnd.nextInt(3)) {
                case 0 -> b.set(at, v);
                case 1 -> b.add(at, v);
                default -> b.remove(at);
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) out[i] = b.get(i);
        return out;
    }

    private static String seedCsv() {
        StringBuilder sb = new StringBuilder("id,name,price,day,ts,ok\n");
        for (int i = 0; i < 400; i++) {
            sb.append(i).append(",\"n ").append(i % 7 == 0 ? "with \"\"q\"\", and\nnewline" : "x" + i).append("\",").append(i * 0.25)
                    .append(",2024-01-").append(10 + i % 18).append(",2024-01-02 09:30:0").append(i % 10).append(',').append(i % 2 == 0).append('\n');
        }
        return sb.toString();
    }

    private static String seedNdjson() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            sb.append("{\"id\":").append(i).append(",\"s\":{\"a\":").append(i % 5).append(",\"b\":\"x\\u00e9").append(i)
                    .append("\"},\"l\":[").append(i).append(',').append(i + 1).append("],\"d\":\"2024-01-").append(10 + i % 18).append("\"}\n");
        }
        return sb.toString();
    }

    @Test
    void mutatedInputReadsOrFailsTyped() throws Exception {
        Random rnd = new Random(20261206);
        byte[] csv = seedCsv().getBytes(StandardCharsets.UTF_8);
        byte[] json = seedNdjson().getBytes(StandardCharsets.UTF_8);
        int read = 0, refused = 0;
        for (int m = 0; m < 300; m++) {
            boolean isCsv = m % 2 == 0;
            byte[] bytes = mutate(isCsv ? csv : json, rnd);
            Path f = dir.resolve("m" + m + (isCsv ? ".csv" : ".ndjson"));
            Files.write(f, bytes);
            for (boolean ignore : new boolean[] {false, true}) {
                for (int threads : new int[] {1, 2}) {
                    try {
                        LazyFrame lf = isCsv ? LazyFrame.scanCsv(f.toString(), CsvOptions.defaults().withIgnoreErrors(ignore))
                                : LazyFrame.scanNdjson(f.toString(), NdjsonOptions.defaults().withIgnoreErrors(ignore));
                        lf.withThreads(threads).collect();
                        read++;
                    } catch (TextFormatException e) {
                        refused++;
                        assertTrue(e.getMessage().contains(f.getFileName().toString()), "names the file: " + e.getMessage());
                    } catch (RuntimeException | Error e) {
                        fail("mutant " + m + " (" + f.getFileName() + ", ignoreErrors " + ignore + ", " + threads + " threads) threw "
                                + e + "\n--- input ---\n" + new String(bytes, StandardCharsets.UTF_8), e);
                    }
                }
            }
        }
        System.out.println("text fuzz: " + read + " read, " + refused + " refused with TextFormatException");
        assertTrue(read > 0 && refused > 0, "both outcomes occur: " + read + " read, " + refused + " refused");
    }
}
