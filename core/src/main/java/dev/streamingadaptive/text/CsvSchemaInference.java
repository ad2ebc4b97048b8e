package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.lazy.CsvOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file's columns from its header and a sample of its records, with DuckDB's rules: each
 * column is the first of boolean, int64, float64, time, date, timestamp that every sampled
 * non-null value parses as, else string (also when all are null); timestamps are UTC-adjusted
 * when a value carries a zone. Unnamed columns are {@code column<i>}; repeated names get
 * {@code _1}, {@code _2}, ... as DuckDB does.
 */
final class CsvSchemaInference {
    private CsvSchemaInference() {}

    private static final int BOOLEAN = 1, INT64 = 2, FLOAT64 = 4, TIME = 8, DATE = 16, TIMESTAMP = 32, ALL = 63;

    /** The names of a header record. */
    static List<String> names(CsvTokenizer t, byte[] b) {
        List<String> out = new ArrayList<>(t.fields());
        byte[] scratch = new byte[64];
        for (int i = 0; i < t.fields(); i++) {
            String name;
            if (t.escaped(i)) {
                if (scratch.length < t.end(i) - t.start(i)) scratch = new byte[t.end(i) - t.start(i)];
                name = new String(scratch, 0, t.unescape(b, i, scratch), StandardCharsets.UTF_8);
            } else {
                name = new String(b, t.start(i), t.end(i) - t.start(i), StandardCharsets.UTF_8);
            }
            out.add(name);
        }
        return unique(out);
    }

    /** Column names made unique and non-empty. */
    static List<String> unique(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).isEmpty() ? "column" + i : names.get(i);
            String candidate = n;
            for (int k = 1; !seen.add(candidate); k++) candidate = n + "_" + k;
            out.add(candidate);
        }
        return out;
    }

    /**
     * The schema of columns {@code names} (null: as many as the first record has, unnamed) from
     * the records of {@code sample}, at most {@code o.inferRows()} of them.
     */
    static Schema infer(List<String> names, Chunk sample, CsvOptions o) {
        CsvTokenizer t = new CsvTokenizer(o);
        byte[] b = sample.data();
        int pos = sample.offset(), limit = sample.end();
        int[] candidates = null;
        boolean[] zoned = null;
        boolean[] zone = new boolean[1];
        double[] d = new double[1];
        byte[] scratch = new byte[256];
        List<byte[]> nulls = new ArrayList<>();
        for (String s : o.nullValues()) nulls.add(s.getBytes(StandardCharsets.UTF_8));
        int records = 0;
        while (pos < limit && records < o.inferRows()) {
            int next = t.record(b, pos, limit);
            if (next == CsvTokenizer.END) break;
            pos = next;
            if (t.problem() != null || (t.blank() && (names == null || names.size() > 1))) continue;
            if (names == null) names = unique(java.util.Collections.nCopies(t.fields(), ""));
            if (candidates == null) {
                candidates = new int[names.size()];
                java.util.Arrays.fill(candidates, ALL);
                zoned = new boolean[names.size()];
            }
            if (t.fields() != names.size()) continue; // a ragged record says nothing about types; the scan reports it
            records++;
            for (int f = 0; f < names.size(); f++) {
                if (candidates[f] == 0) continue;
                byte[] src = b;
                int s = t.start(f), e = t.end(f);
                if (isNull(b, s, e, nulls)) continue;
                if (t.escaped(f)) {
                    if (scratch.length < e - s) scratch = new byte[e - s];
                    e = t.unescape(b, f, scratch);
                    s = 0;
                    src = scratch;
                }
                int c = candidates[f];
                if ((c & (INT64 | FLOAT64)) != 0 && !TextValues.plainNumber(src, s, e)) c &= ~(INT64 | FLOAT64);
                if ((c & BOOLEAN) != 0 && TextValues.parseBoolean(src, s, e) < 0) c &= ~BOOLEAN;
                if ((c & INT64) != 0 && TextValues.parseLong(src, s, e) == TextValues.NOT_LONG && !TextValues.isMinLong(src, s, e)) c &= ~INT64;
                if ((c & FLOAT64) != 0 && !TextValues.parseDouble(src, s, e, d)) c &= ~FLOAT64;
                if ((c & TIME) != 0 && TextValues.parseTime(src, s, e) == TextValues.NOT_TIME) c &= ~TIME;
                if ((c & DATE) != 0 && TextValues.parseDate(src, s, e) == TextValues.NOT_DATE) c &= ~DATE;
                if ((c & TIMESTAMP) != 0) {
                    if (TextValues.parseTimestamp(src, s, e, zone) == TextValues.NOT_TIME) c &= ~TIMESTAMP;
                    else zoned[f] |= zone[0];
                }
                candidates[f] = c;
            }
        }
        if (names == null) names = List.of();
        List<Field> fields = new ArrayList<>(names.size());
        for (int f = 0; f < names.size(); f++) {
            String name = names.get(f);
            DataType given = o.types().get(name);
            fields.add(Field.of(name, given != null ? given : candidates == null ? DataType.STRING : typeOf(candidates[f], zoned[f], records)));
        }
        return new Schema(fields);
    }

    private static DataType typeOf(int c, boolean zoned, int records) {
        if (c == ALL) return DataType.STRING; // nothing but nulls (or no records)
        if ((c & BOOLEAN) != 0) return DataType.BOOLEAN;
        if ((c & INT64) != 0) return DataType.INT64;
        if ((c & FLOAT64) != 0) return DataType.FLOAT64;
        if ((c & TIME) != 0) return new DataType.Time(TimeUnit.MICROS);
        if ((c & DATE) != 0) return DataType.DATE;
        if ((c & TIMESTAMP) != 0) return new DataType.Timestamp(TimeUnit.MICROS, zoned);
        return DataType.STRING;
    }

    private static boolean isNull(byte[] b, int s, int e, List<byte[]> nulls) {
        for (byte[] n : nulls) if (n.length == e - s && java.util.Arrays.equals(b, s, e, n, 0, n.length)) return true;
        return false;
    }

    /** Types the user gave by name must name columns; they are checked here, where the names are known. */
    static void checkTypes(Map<String, DataType> types, List<String> names, String file) {
        for (String n : types.keySet()) {
            if (!names.contains(n)) throw new IllegalArgumentException("a type is given for column '" + n + "', which " + file + " does not have; columns are " + names);
        }
    }
}
