package dev.streamingadaptive.bench.jmh;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;

/**
 * Records, from the forked benchmark JVM, how many values and bytes one invocation of a benchmark
 * consumes and produces, so that {@link Report} can turn JMH's ops/s into bytes/s. Writes one
 * tab-separated line per trial to the file named by the system property {@code bench.sizes}
 * (nothing when it is unset).
 */
final class Sizes {
    private Sizes() {}

    /** The key {@link Report} uses: the benchmark's full name and its sorted {@code key=value} params. */
    static String key(String benchmark, Iterable<String> params) {
        return benchmark + "|" + String.join(",", params);
    }

    /**
     * @param values   values decoded per invocation (the JMH ops per invocation)
     * @param inBytes  encoded / compressed input bytes read per invocation
     * @param outBytes bytes of decoded output written per invocation
     */
    static void record(BenchmarkParams bp, long values, long inBytes, long outBytes) {
        String file = System.getProperty("bench.sizes");
        if (file == null) return;
        TreeSet<String> params = new TreeSet<>();
        for (String k : bp.getParamsKeys()) params.add(k + "=" + bp.getParam(k));
        String line = key(bp.getBenchmark(), params) + "\t" + values + "\t" + inBytes + "\t" + outBytes + "\n";
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The name of the benchmark method (the part after the last dot). */
    static String method(BenchmarkParams bp) {
        String b = bp.getBenchmark();
        return b.substring(b.lastIndexOf('.') + 1);
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("benchmark input does not round-trip: " + what);
    }
}
