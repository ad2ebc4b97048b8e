package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JsonTokenId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of a JSON-lines file from its first records, with DuckDB's {@code read_json} rules
 * where they are sound:
 *
 * <ul>
 *   <li>Each non-blank line is one JSON object; keys become columns in first-seen order, and the
 *       keys of nested objects become struct fields the same way (merged across records).</li>
 *   <li>JSON integers are {@code int64}; an integer beyond int64, or any fraction or exponent among
 *       the key's numbers, makes {@code float64} (DuckDB keeps BIGINT and then fails on the big one).</li>
 *   <li>{@code true}/{@code false} are {@code boolean}.</li>
 *   <li>Strings are {@code string}, unless every non-null string of the key is a date
 *       ({@code YYYY-MM-DD}: {@code date}), a date with a time ({@code YYYY-MM-DD[T| ]HH:MM:SS[.f]} with
 *       an optional zone {@code Z}/{@code ±HH[:MM]}: {@code timestamp[us]}, UTC-adjusted when any value
 *       had a zone) or a time of day ({@code HH:MM:SS[.f]}: {@code time[us]}). Dates mixed with
 *       timestamps stay strings, as in DuckDB. DuckDB matches a fixed list of strptime formats
 *       instead: it also reads {@code DD-MM-YYYY} dates and UUIDs, but leaves {@code 2024-01-02T10:00:00}
 *       (no zone) and zone offsets as VARCHAR and reads {@code ...Z} as a local timestamp.</li>
 *   <li>Arrays are lists of their elements' merged type; empty arrays add nothing.</li>
 *   <li>A key that is always null, an object that never has keys ({@code {}}) and the element of
 *       arrays that are always empty are {@code string} (DuckDB: JSON, MAP(VARCHAR, JSON), JSON[]).</li>
 *   <li>A key whose values are of different kinds (number, boolean, string, object, array) is a
 *       {@code string}: strings as their text, other values as their JSON text, where DuckDB uses its
 *       JSON type (which keeps strings quoted).</li>
 *   <li>Objects are always structs; DuckDB turns objects with many rarely shared keys into MAPs.</li>
 * </ul>
 *
 * A line that is not a JSON object fails with a {@link dev.streamingadaptive.frame.format.TextFormatException}
 * naming the file and line (or is left out of the sample when errors are ignored).
 */
public final class NdjsonSchemaInference {
    private NdjsonSchemaInference() {}

    /** The schema of up to {@code maxRecords} records of {@code sample}; a malformed record fails. */
    public static Schema infer(Chunk sample, int maxRecords) {
        return infer(sample, maxRecords, false);
    }

    /**
     * The schema of up to {@code maxRecords} records of {@code sample}, whose bytes must be whole lines.
     *
     * @param ignoreErrors leave malformed records out of the sample instead of failing
     */
    public static Schema infer(Chunk sample, int maxRecords, boolean ignoreErrors) {
        if (maxRecords < 1) throw new IllegalArgumentException("maxRecords must be at least 1: " + maxRecords);
        Node root = new Node();
        root.seen = Node.OBJECT;
        root.fields = new LinkedHashMap<>();
        byte[][] scratch = {new byte[64]};
        NdjsonRecords.forEach(sample, maxRecords, ignoreErrors, new NdjsonRecords.Sink() {
            /** With ignoreErrors, the record being read, observed apart until it proves whole. */
            private Node pending;

            @Override
            public void record(JsonParser p, NdjsonRecords.Position pos) {
                if (ignoreErrors) {
                    pending = new Node();
                    pending.observe(p, JsonToken.START_OBJECT, scratch);
                } else {
                    root.observe(p, JsonToken.START_OBJECT, scratch);
                }
            }

            @Override
            public void commit() {
                if (pending != null) root.merge(pending);
                pending = null;
            }

            @Override
            public void rollback() {
                pending = null;
            }
        });
        List<Field> fields = new ArrayList<>(root.fields.size());
        for (Map.Entry<String, Node> e : root.fields.entrySet()) fields.add(Field.of(e.getKey(), e.getValue().resolve()));
        return new Schema(fields);
    }

    /** What one key's values looked like. */
    static final class Node {
        static final int NULL = 1, INT = 2, FLOAT = 4, BOOL = 8, STRING = 16, OBJECT = 32, ARRAY = 64;

        int seen;
        boolean notDate, notTimestamp, notTime, zoned;
        /** Keys of the objects seen, in first-seen order. */
        LinkedHashMap<String, Node> fields;
        /** The elements of the arrays seen. */
        Node element;

        void observe(JsonParser p, JsonToken t, byte[][] scratch) {
            switch (t.id()) {
                case JsonTokenId.ID_NULL -> seen |= NULL;
                case JsonTokenId.ID_TRUE, JsonTokenId.ID_FALSE -> seen |= BOOL;
                case JsonTokenId.ID_NUMBER_INT -> seen |= p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? FLOAT : INT;
                case JsonTokenId.ID_NUMBER_FLOAT -> seen |= FLOAT;
                case JsonTokenId.ID_STRING -> {
                    seen |= STRING;
                    if (!notDate || !notTimestamp || !notTime) classify(p, scratch);
                }
                case JsonTokenId.ID_START_OBJECT -> {
                    seen |= OBJECT;
                    if (fields == null) fields = new LinkedHashMap<>();
                    String key;
                    while ((key = p.nextName()) != null) {
                        JsonToken v = p.nextToken();
                        fields.computeIfAbsent(key, k -> new Node()).observe(p, v, scratch);
                    }
                }
                case JsonTokenId.ID_START_ARRAY -> {
                    seen |= ARRAY;
                    if (element == null) element = new Node();
                    JsonToken v;
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) element.observe(p, v, scratch);
                }
                default -> throw new IllegalStateException("unexpected token " + t);
            }
        }

        private void classify(JsonParser p, byte[][] scratch) {
            char[] c = p.getStringCharacters();
            int off = p.getStringOffset(), n = p.getStringLength();
            if (scratch[0].length < n * 3) scratch[0] = new byte[n * 3];
            byte[] b = scratch[0];
            int len = NdjsonColumnBuilder.utf8(c, off, n, b, 0);
            boolean date = TextValues.parseDate(b, 0, len) != TextValues.NOT_DATE;
            if (!date) notDate = true;
            if (!notTimestamp) {
                boolean[] z = new boolean[1];
                if (date || TextValues.parseTimestamp(b, 0, len, z) == TextValues.NOT_TIME) notTimestamp = true;
                else zoned |= z[0];
            }
            if (!notTime && TextValues.parseTime(b, 0, len) == TextValues.NOT_TIME) notTime = true;
        }

        void merge(Node o) {
            seen |= o.seen;
            notDate |= o.notDate;
            notTimestamp |= o.notTimestamp;
            notTime |= o.notTime;
            zoned |= o.zoned;
            if (o.fields != null) {
                if (fields == null) fields = new LinkedHashMap<>();
                for (Map.Entry<String, Node> e : o.fields.entrySet()) {
                    fields.computeIfAbsent(e.getKey(), k -> new Node()).merge(e.getValue());
                }
            }
            if (o.element != null) {
                if (element == null) element = new Node();
                element.merge(o.element);
            }
        }

        DataType resolve() {
            int kinds = seen & ~NULL;
            if ((kinds & FLOAT) != 0) kinds = (kinds & ~FLOAT) | INT; // one kind: number
            if (Integer.bitCount(kinds) != 1) return DataType.STRING; // all null, or kinds that disagree
            return switch (kinds) {
                case INT -> (seen & FLOAT) != 0 ? DataType.FLOAT64 : DataType.INT64;
                case BOOL -> DataType.BOOLEAN;
                case STRING -> {
                    if (!notDate) yield DataType.DATE;
                    if (!notTimestamp) yield new DataType.Timestamp(TimeUnit.MICROS, zoned);
                    if (!notTime) yield new DataType.Time(TimeUnit.MICROS);
                    yield DataType.STRING;
                }
                case OBJECT -> {
                    if (fields.isEmpty()) yield DataType.STRING;
                    List<Field> fs = new ArrayList<>(fields.size());
                    for (Map.Entry<String, Node> e : fields.entrySet()) fs.add(Field.of(e.getKey(), e.getValue().resolve()));
                    yield new DataType.StructType(fs);
                }
                case ARRAY -> new DataType.ListType(Field.of("element", element.resolve()));
                default -> throw new IllegalStateException("kinds " + kinds);
            };
        }
    }
}
