package dev.streamingadaptive.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a JMH CSV result ({@code -rf csv}) and the sizes recorded by {@link Sizes} into a Markdown
 * table with values/s, input and output bytes/s, and the memcpy baseline of the same input bytes.
 *
 * <pre>java -cp ... dev.streamingadaptive.bench.jmh.Report jmh-result.csv jmh-sizes.tsv</pre>
 */
public final class Report {
    private Report() {}

    private record Size(long values, long in, long out) {}

    private record Row(String benchmark, String params, double score, double error) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Report <jmh-result.csv> <sizes.tsv>");
            System.exit(2);
        }
        Map<String, Size> sizes = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split("\t");
            if (f.length == 4) sizes.put(f[0], new Size(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> header = csv(lines.getFirst());
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            List<String> f = csv(line);
            TreeSet<String> params = new TreeSet<>();
            for (int i = 7; i < f.size() && i < header.size(); i++) {
                if (!f.get(i).isEmpty()) params.add(header.get(i).replaceFirst("^Param: ", "") + "=" + f.get(i));
            }
            String key = Sizes.key(f.get(0), params);
            rows.put(key, new Row(f.get(0), String.join(",", params), num(f.get(4)), num(f.get(5))));
        }

        System.out.println("| Benchmark | Params | Mvalues/s | ± | in MB/s | out MB/s | memcpy of same input MB/s | in ÷ memcpy |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (var e : rows.entrySet()) {
            Row r = e.getValue();
            String name = r.benchmark().substring(r.benchmark().lastIndexOf('.', r.benchmark().lastIndexOf('.') - 1) + 1)
                    .replace("Benchmark.", ".");
            if (name.endsWith(".memcpy")) continue;
            Size s = sizes.get(e.getKey());
            String memcpyKey = r.benchmark().substring(0, r.benchmark().lastIndexOf('.')) + ".memcpy|" + r.params();
            Row m = rows.get(memcpyKey);
            Size ms = sizes.get(memcpyKey);
            String in = "?", out = "?", mc = "?", ratio = "?";
            if (s != null) {
                double calls = r.score() / s.values();
                in = mb(calls * s.in());
                out = mb(calls * s.out());
                if (m != null && ms != null) {
                    double memcpyBytes = m.score() / ms.values() * ms.in();
                    mc = mb(memcpyBytes);
                    ratio = String.format(Locale.ROOT, "%.2f", calls * s.in() / memcpyBytes);
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | %s | %s | %s |%n", name, r.params(),
                    r.score() / 1e6, r.error() / 1e6, in, out, mc, ratio);
        }
        System.out.println();
        System.out.println("MB = 10^6 bytes. in = encoded/compressed bytes consumed, out = decoded bytes produced "
                + "(int[] = 4 B/value, long[]/double[] = 8 B/value, strings = their bytes).");
    }

    private static String mb(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%.0f", bytesPerSecond / 1e6);
    }

    private static double num(String s) {
        return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s.replace(',', '.'));
    }

    /** Splits one CSV line (double-quoted fields, "" escapes). */
    private static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
