package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.StructColumn;
import dev.streamingadaptive.frame.TimeUnit;
import dev.streamingadaptive.text.NdjsonRecords.BadRecord;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JsonTokenId;
import tools.jackson.core.exc.InputCoercionException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grows one column of an NDJSON batch from parser tokens: primitive arrays doubled as needed, no
 * boxing per value, null flags allocated at the first null. A value that does not fit the column's
 * type throws {@link BadRecord} naming the column; {@link #truncate} takes a failed record's values
 * back out. One tree of builders per {@link NdjsonChunkParser#parse} call (not thread-safe).
 *
 * <p>What each type accepts besides null: integers take JSON integers in range, numbers with an
 * integral value ({@code 2.0}, {@code 1e3}) and strings holding an integer; floats take any number
 * and numeric strings; booleans take {@code true}/{@code false} and boolean strings; dates, times
 * and timestamps take strings ({@link TextValues} rules); strings take anything, non-strings as
 * their JSON text (numbers as written, objects and arrays without insignificant whitespace); lists
 * take arrays, structs objects (unknown keys skipped, missing keys null, a repeated key an error).
 */
abstract class NdjsonColumnBuilder {
    /** Per-parse scratch space shared by a builder tree. */
    static final class Ctx {
        NdjsonRecords.Position pos;
        byte[] scratch = new byte[64];
        final double[] dbl = new double[1];
        final boolean[] zoned = new boolean[1];

        /** The current string token as UTF-8 in {@link #scratch}; returns its length. */
        int stringBytes(JsonParser p) {
            char[] c = p.getStringCharacters();
            int off = p.getStringOffset(), n = p.getStringLength();
            if (scratch.length < n * 3) scratch = new byte[Math.max(n * 3, scratch.length * 2)];
            return utf8(c, off, n, scratch, 0);
        }
    }

    final String name;
    /** The column as named in errors: {@code a}, {@code a.b}, {@code a[]}. */
    final String path;
    final Ctx ctx;
    int size;
    int capacity;
    /** Null flags of [0, size), or null while no value is null. */
    boolean[] nulls;

    NdjsonColumnBuilder(String name, String path, Ctx ctx) {
        this.name = name;
        this.path = path;
        this.ctx = ctx;
    }

    /** A builder for {@code field}'s type; IllegalArgumentException for types NDJSON cannot hold. */
    static NdjsonColumnBuilder of(Field field, String path, Ctx ctx) {
        DataType t = field.type();
        String n = field.name();
        return switch (t.kind()) {
            case BOOLEAN -> new Bools(n, path, ctx);
            case INT8, INT16, INT32, INT64 -> new Integers(n, path, ctx, t);
            case FLOAT32, FLOAT64 -> new Doubles(n, path, ctx, t);
            case STRING, JSON -> new Utf8(n, path, ctx, t);
            case DATE -> new Dates(n, path, ctx);
            case TIME -> new Times(n, path, ctx, (DataType.Time) t);
            case TIMESTAMP -> new Timestamps(n, path, ctx, (DataType.Timestamp) t);
            case LIST -> new Lists(n, path, ctx, (DataType.ListType) t);
            case STRUCT -> new Structs(n, path, ctx, (DataType.StructType) t);
            default -> throw new IllegalArgumentException(
                    "column '" + path + "': NDJSON cannot be read as " + t + " (supported: boolean, int8-int64, "
                            + "float32, float64, string, json, date, time, timestamp, list, struct)");
        };
    }

    /** Appends the value whose first token {@code t} is current (a container is consumed whole). */
    final void append(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) appendNull();
        else appendValue(p, t);
    }

    abstract void appendValue(JsonParser p, JsonToken t);

    abstract void appendNull();

    /** Drops values from {@code n} on. */
    void truncate(int n) {
        if (n >= size) return;
        if (nulls != null) Arrays.fill(nulls, n, size, false);
        size = n;
    }

    /** The column of the values so far. */
    abstract Column build();

    /** Grows the value arrays to {@code newCapacity}. */
    abstract void grow(int newCapacity);

    /** Makes room for value {@code size}. */
    final void reserve() {
        if (size == capacity) {
            int c = capacity == 0 ? 16 : capacity * 2;
            if (c < 0) throw new BadRecord("column '" + path + "': too many values in one chunk");
            grow(c);
            if (nulls != null) nulls = Arrays.copyOf(nulls, c);
            capacity = c;
        }
    }

    /** Flags value {@code size} null (after {@link #reserve}). */
    final void markNull() {
        if (nulls == null) nulls = new boolean[capacity];
        nulls[size] = true;
    }

    final BadRecord mismatch(JsonParser p, JsonToken t, String expected) {
        return new BadRecord("column '" + path + "': expected " + expected + ", found " + found(p, t));
    }

    private static String found(JsonParser p, JsonToken t) {
        return switch (t.id()) {
            case JsonTokenId.ID_STRING -> {
                String s = p.getString();
                yield "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
            }
            case JsonTokenId.ID_NUMBER_INT, JsonTokenId.ID_NUMBER_FLOAT -> p.getString();
            case JsonTokenId.ID_TRUE -> "true";
            case JsonTokenId.ID_FALSE -> "false";
            case JsonTokenId.ID_START_OBJECT -> "an object";
            case JsonTokenId.ID_START_ARRAY -> "an array";
            default -> t.name();
        };
    }

    /** Encodes UTF-16 {@code c[off, off + n)} as UTF-8 at {@code dst[at]} (room for 3n bytes); returns the end. */
    static int utf8(char[] c, int off, int n, byte[] dst, int at) {
        int end = off + n;
        int i = off;
        while (i < end && c[i] < 0x80) dst[at++] = (byte) c[i++];
        while (i < end) {
            char ch = c[i++];
            if (ch < 0x80) {
                dst[at++] = (byte) ch;
            } else if (ch < 0x800) {
                dst[at++] = (byte) (0xC0 | (ch >> 6));
                dst[at++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && i < end && Character.isLowSurrogate(c[i])) {
                int cp = Character.toCodePoint(ch, c[i++]);
                dst[at++] = (byte) (0xF0 | (cp >> 18));
                dst[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                dst[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                dst[at++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (Character.isSurrogate(ch)) ch = '\uFFFD'; // an unpaired surrogate escape
                dst[at++] = (byte) (0xE0 | (ch >> 12));
                dst[at++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                dst[at++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        return at;
    }

    // ---------------------------------------------------------------------------------------------

    /** INT8..INT64, kept as longs and narrowed when built. */
    static final class Integers extends NdjsonColumnBuilder {
        private final DataType type;
        private final long min, max;
        private long[] values = new long[0];

        Integers(String name, String path, Ctx ctx, DataType type) {
            super(name, path, ctx);
            this.type = type;
            switch (type.kind()) {
                case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
                case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
                case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
                default -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
            }
        }

        @Override void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            long v;
            switch (t.id()) {
                case JsonTokenId.ID_NUMBER_INT -> {
                    try {
                        v = p.getLongValue();
                    } catch (InputCoercionException e) {
                        throw mismatch(p, t, "an integer in range of " + type);
                    }
                }
                case JsonTokenId.ID_NUMBER_FLOAT -> {
                    double d = p.getDoubleValue();
                    if (d != Math.rint(d) || d < -0x1p63 || d >= 0x1p63) throw mismatch(p, t, "an integer");
                    v = (long) d;
                }
                case JsonTokenId.ID_STRING -> {
                    int n = ctx.stringBytes(p);
                    v = TextValues.parseLong(ctx.scratch, 0, n);
                    if (v == TextValues.NOT_LONG && !TextValues.isMinLong(ctx.scratch, 0, n)) throw mismatch(p, t, "an integer");
                }
                default -> throw mismatch(p, t, "an integer");
            }
            if (v < min || v > max) throw mismatch(p, t, "an integer in range of " + type);
            reserve();
            values[size++] = v;
        }

        @Override
        void appendNull() {
            reserve();
            markNull();
            values[size++] = 0;
        }

        @Override
        Column build() {
            if (type.kind() == DataType.Kind.INT64) return new LongColumn(name, type, values, size, nulls);
            int[] ints = new int[size];
            for (int i = 0; i < size; i++) ints[i] = (int) values[i];
            return new IntColumn(name, type, ints, size, nulls);
        }
    }

    /** FLOAT64 and FLOAT32. */
    static final class Doubles extends NdjsonColumnBuilder {
        private final DataType type;
        private double[] values = new double[0];

        Doubles(String name, String path, Ctx ctx, DataType type) {
            super(name, path, ctx);
            this.type = type;
        }

        @Override void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            double v;
            switch (t.id()) {
                case JsonTokenId.ID_NUMBER_INT, JsonTokenId.ID_NUMBER_FLOAT -> v = p.getDoubleValue();
                case JsonTokenId.ID_STRING -> {
                    int n = ctx.stringBytes(p);
                    if (!TextValues.parseDouble(ctx.scratch, 0, n, ctx.dbl)) throw mismatch(p, t, "a number");
                    v = ctx.dbl[0];
                }
                default -> throw mismatch(p, t, "a number");
            }
            reserve();
            values[size++] = v;
        }

        @Override
        void appendNull() {
            reserve();
            markNull();
            values[size++] = 0;
        }

        @Override
        Column build() {
            if (type.kind() == DataType.Kind.FLOAT64) return new DoubleColumn(name, type, values, size, nulls);
            float[] floats = new float[size];
            for (int i = 0; i < size; i++) floats[i] = (float) values[i];
            return new FloatColumn(name, type, floats, size, nulls);
        }
    }

    static final class Bools extends NdjsonColumnBuilder {
        private boolean[] values = new boolean[0];

        Bools(String name, String path, Ctx ctx) { super(name, path, ctx); }

        @Override void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            boolean v;
            switch (t.id()) {
                case JsonTokenId.ID_TRUE -> v = true;
                case JsonTokenId.ID_FALSE -> v = false;
                case JsonTokenId.ID_STRING -> {
                    int n = ctx.stringBytes(p); // may replace ctx.scratch: read it after
                    int b = TextValues.parseBoolean(ctx.scratch, 0, n);
                    if (b < 0) throw mismatch(p, t, "a boolean");
                    v = b == 1;
                }
                default -> throw mismatch(p, t, "a boolean");
            }
            reserve();
            values[size++] = v;
        }

        @Override
        void appendNull() {
            reserve();
            markNull();
            values[size++] = false;
        }

        @Override Column build() { return new BooleanColumn(name, values, size, nulls); }
    }

    /** DATE as days since the epoch. */
    static final class Dates extends NdjsonColumnBuilder {
        private int[] values = new int[0];

        Dates(String name, String path, Ctx ctx) { super(name, path, ctx); }

        @Override void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            if (t != JsonToken.VALUE_STRING) throw mismatch(p, t, "a date string");
            int n = ctx.stringBytes(p);
            int d = TextValues.parseDate(ctx.scratch, 0, n);
            if (d == TextValues.NOT_DATE) throw mismatch(p, t, "a date (YYYY-MM-DD)");
            reserve();
            values[size++] = d;
        }

        @Override
        void appendNull() {
            reserve();
            markNull();
            values[size++] = 0;
        }

        @Override Column build() { return new IntColumn(name, DataType.DATE, values, size, nulls); }
    }

    /** TIME of any unit (MILLIS in ints, as the column model stores it; MICROS and NANOS in longs). */
    static final class Times extends NdjsonColumnBuilder {
        private final DataType.Time type;
        private long[] values = new long[0];

        Times(String name, String path, Ctx ctx, DataType.Time type) {
            super(name, path, ctx);
            this.type = type;
        }

        @Override void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            if (t != JsonToken.VALUE_STRING) throw mismatch(p, t, "a time string");
            int n = ctx.stringBytes(p);
            long micros = TextValues.parseTime(ctx.scratch, 0, n);
            if (micros == TextValues.NOT_TIME) throw mismatch(p, t, "a time (HH:MM:SS[.f])");
            reserve();
            values[size++] = switch (type.unit()) {
                case MILLIS -> micros / 1_000;
                case MICROS -> micros;
                case NANOS -> micros * 1_000;
            };
        }

        @Override
        void appendNull() {
            reserve();
            markNull();
            values[size++] = 0;
        }

        @Override
        Column build() {
            if (type.unit() != TimeUnit.MILLIS) return new LongColumn(name, type, values, size, nulls);
            int[] ints = new int[size];
            for (int i = 0; i < size; i++) ints[i] = (int) values[i];
            return new IntColumn(name, type, ints, size, nulls);
        }
    }

    /** TIMESTAMP of any unit; a zone in the text is applied (the value is UTC). */
    static final class Timestamps extends NdjsonColumnBuilder {
        private final DataType.Timestamp type;
        private long[] values = new long[0];

        Timestamps(String name, String path, Ctx ctx, DataType.Timestamp type) {
            super(name, path, ctx);
            this.type = type;
        }

        @Override void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            if (t != JsonToken.VALUE_STRING) throw mismatch(p, t, "a timestamp string");
            int n = ctx.stringBytes(p);
            long micros = TextValues.parseTimestamp(ctx.scratch, 0, n, ctx.zoned);
            if (micros == TextValues.NOT_TIME) throw mismatch(p, t, "a timestamp (YYYY-MM-DD[ HH:MM:SS[.f]][zone])");
            long v;
            switch (type.unit()) {
                case MILLIS -> v = Math.floorDiv(micros, 1_000L);
                case NANOS -> {
                    if (micros > Long.MAX_VALUE / 1_000 || micros < Long.MIN_VALUE / 1_000) {
                        throw mismatch(p, t, "a timestamp in range of " + type);
                    }
                    v = micros * 1_000;
                }
                default -> v = micros;
            }
            reserve();
            values[size++] = v;
        }

        @Override
        void appendNull() {
            reserve();
            markNull();
            values[size++] = 0;
        }

        @Override Column build() { return new LongColumn(name, type, values, size, nulls); }
    }

    /**
     * STRING (strings as their text, anything else as its JSON text) and JSON (every value as its
     * JSON text, strings quoted).
     */
    static final class Utf8 extends NdjsonColumnBuilder {
        private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
        private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

        private final DataType type;
        private final boolean json;
        private int[] offsets = new int[1];
        private byte[] data = new byte[256];
        private int length;

        Utf8(String name, String path, Ctx ctx, DataType type) {
            super(name, path, ctx);
            this.type = type;
            this.json = type.kind() == DataType.Kind.JSON;
        }

        @Override void grow(int c) { offsets = Arrays.copyOf(offsets, c + 1); }

        private void room(int n) {
            long need = (long) length + n;
            if (need > data.length) {
                if (need > Integer.MAX_VALUE - 16) throw new BadRecord("column '" + path + "': more than 2 GB of text in one chunk");
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, (long) data.length * 2)));
            }
        }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            switch (t.id()) {
                case JsonTokenId.ID_STRING -> {
                    char[] c = p.getStringCharacters();
                    int off = p.getStringOffset(), n = p.getStringLength();
                    if (json) {
                        quoted(c, off, n);
                    } else {
                        room(n * 3);
                        length = utf8(c, off, n, data, length);
                    }
                }
                case JsonTokenId.ID_NUMBER_INT, JsonTokenId.ID_NUMBER_FLOAT -> {
                    String s = p.getString();
                    room(s.length());
                    for (int i = 0; i < s.length(); i++) data[length++] = (byte) s.charAt(i);
                }
                case JsonTokenId.ID_TRUE -> bytes(TRUE);
                case JsonTokenId.ID_FALSE -> bytes(FALSE);
                case JsonTokenId.ID_START_OBJECT, JsonTokenId.ID_START_ARRAY -> {
                    NdjsonRecords.Position pos = ctx.pos;
                    int from = pos.abs(p.currentTokenLocation().getByteOffset());
                    p.skipChildren();
                    int to = pos.abs(p.currentLocation().getByteOffset());
                    minified(pos.data, from, to);
                }
                default -> throw mismatch(p, t, "a value");
            }
            reserve();
            offsets[++size] = length;
        }

        private void bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, data, length, b.length);
            length += b.length;
        }

        /** JSON text from the source without whitespace outside strings. */
        private void minified(byte[] src, int from, int to) {
            room(to - from);
            boolean inString = false;
            for (int i = from; i < to; i++) {
                byte b = src[i];
                if (inString) {
                    data[length++] = b;
                    if (b == '\\') data[length++] = src[++i];
                    else if (b == '"') inString = false;
                } else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    data[length++] = b;
                    if (b == '"') inString = true;
                }
            }
        }

        /** A JSON string literal: quotes, backslash and control characters escaped. */
        private void quoted(char[] c, int off, int n) {
            room(n * 6 + 2);
            data[length++] = '"';
            int start = off;
            for (int i = off; i < off + n; i++) {
                char ch = c[i];
                if (ch == '"' || ch == '\\' || ch < 0x20) {
                    length = utf8(c, start, i - start, data, length);
                    data[length++] = '\\';
                    switch (ch) {
                        case '"', '\\' -> data[length++] = (byte) ch;
                        case '\n' -> data[length++] = 'n';
                        case '\r' -> data[length++] = 'r';
                        case '\t' -> data[length++] = 't';
                        default -> {
                            String hex = String.format("u%04x", (int) ch);
                            for (int k = 0; k < hex.length(); k++) data[length++] = (byte) hex.charAt(k);
                        }
                    }
                    start = i + 1;
                }
            }
            length = utf8(c, start, off + n - start, data, length);
            data[length++] = '"';
        }

        @Override
        void appendNull() {
            reserve();
            markNull();
            offsets[++size] = length;
        }

        @Override
        void truncate(int n) {
            if (n >= size) return;
            super.truncate(n);
            length = offsets[n];
        }

        @Override Column build() { return new BinaryColumn(name, type, offsets, data, size, nulls); }
    }

    static final class Lists extends NdjsonColumnBuilder {
        private final DataType.ListType type;
        private final NdjsonColumnBuilder elements;
        private int[] offsets = new int[1];

        Lists(String name, String path, Ctx ctx, DataType.ListType type) {
            super(name, path, ctx);
            this.type = type;
            this.elements = of(type.element(), path + "[]", ctx);
        }

        @Override void grow(int c) { offsets = Arrays.copyOf(offsets, c + 1); }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            if (t != JsonToken.START_ARRAY) throw mismatch(p, t, "an array");
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) elements.append(p, e);
            reserve();
            offsets[++size] = elements.size;
        }

        @Override
        void appendNull() {
            reserve();
            markNull();
            offsets[size + 1] = offsets[size];
            size++;
        }

        @Override
        void truncate(int n) {
            if (n < size) super.truncate(n);
            elements.truncate(offsets[size]); // also drops elements of a list that failed half-way
        }

        @Override
        Column build() {
            return new ListColumn(name, type, offsets, elements.build(), size, nulls);
        }
    }

    /** Structs, and the top level of a record (a struct that is never null). */
    static final class Structs extends NdjsonColumnBuilder {
        private final DataType.StructType type;
        private final NdjsonColumnBuilder[] children;
        private final Map<String, Integer> index;
        private final int[] seen;
        private int stamp;
        /** The key met at each position of the previous objects, and its child, to skip the map lookup. */
        private String[] keyAt = new String[8];
        private int[] childAt = new int[8];

        Structs(String name, String path, Ctx ctx, DataType.StructType type) {
            super(name, path, ctx);
            this.type = type;
            List<Field> fields = type.fields();
            children = new NdjsonColumnBuilder[fields.size()];
            index = HashMap.newHashMap(fields.size());
            for (int i = 0; i < children.length; i++) {
                Field f = fields.get(i);
                children[i] = of(f, path.isEmpty() ? f.name() : path + "." + f.name(), ctx);
                index.putIfAbsent(f.name(), i);
            }
            seen = new int[children.length];
        }

        @Override void grow(int c) { }

        @Override
        void appendValue(JsonParser p, JsonToken t) {
            if (t != JsonToken.START_OBJECT) throw mismatch(p, t, "an object");
            readObject(p);
            reserve();
            size++;
        }

        /** Reads the fields of the current object through its END_OBJECT; absent fields get nulls. */
        void readObject(JsonParser p) {
            int s = ++stamp;
            int k = 0;
            String key;
            while ((key = p.nextName()) != null) {
                int c = child(key, k++);
                JsonToken v = p.nextToken();
                if (c < 0) {
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) p.skipChildren();
                    continue;
                }
                if (seen[c] == s) throw new BadRecord("column '" + children[c].path + "': duplicate key \"" + key + "\"");
                seen[c] = s;
                children[c].append(p, v);
            }
            for (int c = 0; c < children.length; c++) {
                if (seen[c] != s) children[c].appendNull();
            }
        }

        private int child(String key, int k) {
            if (k < keyAt.length) {
                if (keyAt[k] == key) return childAt[k]; // Jackson returns one canonical String per name
            } else if (k < 4096) {
                keyAt = Arrays.copyOf(keyAt, Math.max(k + 1, keyAt.length * 2));
                childAt = Arrays.copyOf(childAt, keyAt.length);
            } else {
                Integer c = index.get(key);
                return c == null ? -1 : c;
            }
            Integer c = index.get(key);
            int r = c == null ? -1 : c;
            keyAt[k] = key;
            childAt[k] = r;
            return r;
        }

        @Override
        void appendNull() {
            for (NdjsonColumnBuilder c : children) c.appendNull();
            reserve();
            markNull();
            size++;
        }

        @Override
        void truncate(int n) {
            if (n < size) super.truncate(n);
            for (NdjsonColumnBuilder c : children) c.truncate(n);
        }

        /** The child columns, for the top level. */
        List<Column> buildChildren() {
            List<Column> out = new ArrayList<>(children.length);
            for (NdjsonColumnBuilder c : children) out.add(c.build());
            return out;
        }

        @Override
        Column build() {
            return new StructColumn(name, type, buildChildren(), size, nulls);
        }
    }
}
