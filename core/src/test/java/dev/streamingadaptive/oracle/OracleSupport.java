package dev.streamingadaptive.oracle;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.format.JsonLinesWriter;
import dev.streamingadaptive.reader.MmapParquetReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers: where the corpus is, our reader's lines, and mismatch reports. */
final class OracleSupport {
    private OracleSupport() {}

    /** The parquet-testing checkout (system property parquet.testing.dir, else the shared folder). */
    static Path testingDir() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("parquet.testing.dir");
        if (prop != null && !prop.isBlank()) candidates.add(Path.of(prop));
        candidates.add(Path.of("../../shared/parquet-testing"));
        candidates.add(Path.of("../shared/parquet-testing"));
        candidates.add(Path.of("/work/shared/parquet-testing"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("data"))) return p.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("parquet-testing not found; tried " + candidates);
    }

    /**
     * All lines of a frame via the contract writer's bulk path (what {@code cat --format jsonl}
     * prints), checked against its per-row path.
     */
    static List<String> lines(DataFrame df) {
        StringBuilder sb = new StringBuilder();
        JsonLinesWriter.write(df, sb);
        List<String> out = new ArrayList<>(df.height());
        int start = 0;
        for (int i = 0; i < sb.length(); i++) {
            if (sb.charAt(i) == '\n') {
                out.add(sb.substring(start, i));
                start = i + 1;
            }
        }
        if (start != sb.length() || out.size() != df.height()) {
            throw new AssertionError("JsonLinesWriter.write produced " + out.size() + " lines for " + df.height() + " rows");
        }
        for (int r = 0; r < df.height(); r++) {
            String single = JsonLinesWriter.toJsonLine(df, r);
            if (!single.equals(out.get(r))) throw new AssertionError("row " + r + ": write gives " + out.get(r) + " but toJsonLine " + single);
        }
        return out;
    }

    /** Our reader's lines for the whole file (readAll). */
    static List<String> ourLines(Path file) {
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            return lines(r.readAll());
        } catch (Exception e) {
            if (e instanceof RuntimeException re) throw re;
            throw new RuntimeException(e);
        }
    }

    /**
     * Null when equal; otherwise a report naming the file, the first differing row and column and
     * both texts (and the number of differing rows).
     */
    static String diff(String what, List<String> expected, List<String> actual) {
        int n = Math.min(expected.size(), actual.size());
        int bad = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                bad++;
                if (first < 0) first = i;
            }
        }
        if (first < 0 && expected.size() == actual.size()) return null;
        StringBuilder sb = new StringBuilder(what).append(": ");
        if (expected.size() != actual.size()) {
            sb.append("row count DuckDB ").append(expected.size()).append(" vs ours ").append(actual.size()).append("; ");
        }
        if (first >= 0) {
            String e = expected.get(first), a = actual.get(first);
            sb.append(bad).append(" differing row(s); first at row ").append(first);
            List<String[]> ek = splitTopLevel(e), ak = splitTopLevel(a);
            String col = null;
            if (ek != null && ak != null) {
                for (int c = 0; c < Math.max(ek.size(), ak.size()); c++) {
                    String[] x = c < ek.size() ? ek.get(c) : null, y = c < ak.size() ? ak.get(c) : null;
                    if (x == null || y == null || !x[0].equals(y[0]) || !x[1].equals(y[1])) {
                        col = (x != null ? x[0] : y[0]);
                        sb.append(", column ").append(col).append(": DuckDB ").append(x == null ? "<missing>" : clip(x[0] + ":" + x[1]))
                                .append(" vs ours ").append(y == null ? "<missing>" : clip(y[0] + ":" + y[1]));
                        break;
                    }
                }
            }
            sb.append("\n  DuckDB: ").append(clip(e)).append("\n  ours:   ").append(clip(a));
        } else {
            int i = n;
            sb.append("first extra row ").append(i).append(": ")
                    .append(clip(i < expected.size() ? "DuckDB " + expected.get(i) : "ours " + actual.get(i)));
        }
        return sb.toString();
    }

    static String clip(String s) { return s.length() > 600 ? s.substring(0, 600) + "...(" + s.length() + " chars)" : s; }

    /** Splits {"k":v,...} into [key-json, value-json] pairs; null if it is not such an object. */
    static List<String[]> splitTopLevel(String line) {
        if (line.length() < 2 || line.charAt(0) != '{' || line.charAt(line.length() - 1) != '}') return null;
        List<String[]> out = new ArrayList<>();
        int i = 1, end = line.length() - 1;
        if (i == end) return out;
        while (i < end) {
            int k0 = i;
            i = skipValue(line, i);
            if (i < 0 || i >= end || line.charAt(i) != ':') return null;
            String key = line.substring(k0, i);
            int v0 = ++i;
            i = skipValue(line, i);
            if (i < 0) return null;
            out.add(new String[] {key, line.substring(v0, i)});
            if (i < end) {
                if (line.charAt(i) != ',') return null;
                i++;
            }
        }
        return out;
    }

    /** Index just after the JSON value starting at i, or -1. */
    private static int skipValue(String s, int i) {
        if (i >= s.length()) return -1;
        char c = s.charAt(i);
        if (c == '"') {
            i++;
            while (i < s.length()) {
                char d = s.charAt(i);
                if (d == '\\') i += 2;
                else if (d == '"') return i + 1;
                else i++;
            }
            return -1;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (i < s.length()) {
                char d = s.charAt(i);
                if (d == '"') { i = skipValue(s, i); if (i < 0) return -1; continue; }
                if (d == '{' || d == '[') depth++;
                if (d == '}' || d == ']') { depth--; if (depth == 0) return i + 1; }
                i++;
            }
            return -1;
        }
        while (i < s.length() && ",}]:".indexOf(s.charAt(i)) < 0) i++;
        return i;
    }
}
