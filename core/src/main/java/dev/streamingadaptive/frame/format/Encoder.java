package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.MapColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.StructColumn;
import dev.streamingadaptive.frame.TimeUnit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Formats the values of one column as text, without boxing: compiled once per column (the
 * type switch happens here, not per value), then asked for value after value.
 *
 * <p>Two renderings share one code path: {@link #json} is the machine contract of
 * {@code --format jsonl} (see DESIGN.md), {@link #text} is the same scalar text without JSON
 * quoting (strings raw, NaN bare) used by CSV and the table; nested values render as their JSON
 * text in both.
 */
abstract class Encoder {
    final Column column;

    Encoder(Column column) {
        this.column = column;
    }

    /** Whether value {@code i} is null. */
    boolean isNull(int i) {
        return column.isNull(i);
    }

    /** Appends value {@code i} as JSON ({@code null} for null). */
    final void json(StringBuilder sb, int i) {
        if (isNull(i)) sb.append("null");
        else jsonValue(sb, i);
    }

    /** Appends the JSON of value {@code i}, known not to be null. */
    abstract void jsonValue(StringBuilder sb, int i);

    /** Appends the unquoted display text of value {@code i}, known not to be null. */
    abstract void text(StringBuilder sb, int i);

    /** Appends the table-cell text of value {@code i}, known not to be null (as {@link #text}, binary as {@code b"…"}). */
    void display(StringBuilder sb, int i) {
        text(sb, i);
    }

    /** True when {@link #text} may produce a string that needs quoting in CSV (strings, nested, binary text). */
    boolean textMayNeedQuoting() {
        return false;
    }

    // ------------------------------------------------------------------ compile

    /** The encoder for this column. */
    static Encoder of(Column c) {
        return switch (c) {
            case NullColumn n -> new NullEnc(n);
            case DictionaryColumn d -> new DictEnc(d, of(d.dictionary()));
            case IntColumn ic -> new IntEnc(ic);
            case LongColumn lc -> new LongEnc(lc);
            case FloatColumn fc -> new FloatEnc(fc);
            case DoubleColumn dc -> new DoubleEnc(dc);
            case BooleanColumn bc -> new BoolEnc(bc);
            case BinaryColumn bc -> new BinaryEnc(bc);
            case ListColumn lc -> new ListEnc(lc, of(lc.elements()));
            case StructColumn sc -> new StructEnc(sc);
            case MapColumn mc -> new MapEnc(mc, of(mc.keys()), of(mc.values()));
        };
    }

    /** Encoders for every column of a list. */
    static Encoder[] of(List<Column> columns) {
        Encoder[] out = new Encoder[columns.size()];
        for (int i = 0; i < out.length; i++) out[i] = of(columns.get(i));
        return out;
    }

    // ------------------------------------------------------------------ encoders

    private static final class NullEnc extends Encoder {
        NullEnc(Column c) { super(c); }
        @Override boolean isNull(int i) { return true; }
        @Override void jsonValue(StringBuilder sb, int i) { sb.append("null"); }
        @Override void text(StringBuilder sb, int i) { }
    }

    private static final class DictEnc extends Encoder {
        private final DictionaryColumn dict;
        private final Encoder values;
        DictEnc(DictionaryColumn c, Encoder values) { super(c); this.dict = c; this.values = values; }
        @Override boolean isNull(int i) { return dict.isNull(i) || values.isNull(dict.index(i)); }
        @Override void jsonValue(StringBuilder sb, int i) { values.jsonValue(sb, dict.index(i)); }
        @Override void text(StringBuilder sb, int i) { values.text(sb, dict.index(i)); }
        @Override void display(StringBuilder sb, int i) { values.display(sb, dict.index(i)); }
        @Override boolean textMayNeedQuoting() { return values.textMayNeedQuoting(); }
    }

    /** Modes shared by the int and long encoders. */
    private enum NumMode { SIGNED, UINT8, UINT16, UINT32, UINT64, DATE, TIME, TIMESTAMP, DECIMAL, FLOAT16 }

    private static NumMode numMode(DataType t) {
        return switch (t.kind()) {
            case UINT8 -> NumMode.UINT8;
            case UINT16 -> NumMode.UINT16;
            case UINT32 -> NumMode.UINT32;
            case UINT64 -> NumMode.UINT64;
            case DATE -> NumMode.DATE;
            case TIME -> NumMode.TIME;
            case TIMESTAMP -> NumMode.TIMESTAMP;
            case DECIMAL -> NumMode.DECIMAL;
            case FLOAT16 -> NumMode.FLOAT16;
            default -> NumMode.SIGNED;
        };
    }

    /** Whether this mode's JSON is a string (dates, times, decimals) rather than a number. */
    private static boolean quoted(NumMode m) {
        return m == NumMode.DATE || m == NumMode.TIME || m == NumMode.TIMESTAMP || m == NumMode.DECIMAL;
    }

    private static TimeUnit unitOf(DataType t) {
        if (t instanceof DataType.Time tt) return tt.unit();
        if (t instanceof DataType.Timestamp ts) return ts.unit();
        return TimeUnit.MILLIS;
    }

    private static final class IntEnc extends Encoder {
        private final int[] v;
        private final NumMode mode;
        private final boolean quoted;
        private final TimeUnit unit;
        private final boolean utc;
        private final int scale;
        private final Text.DayCache days = new Text.DayCache();

        IntEnc(IntColumn c) {
            super(c);
            this.v = c.rawValues();
            DataType t = c.type();
            this.mode = numMode(t);
            this.quoted = quoted(mode);
            this.unit = unitOf(t);
            this.utc = t instanceof DataType.Timestamp ts && ts.utcAdjusted();
            this.scale = t instanceof DataType.Decimal d ? d.scale() : 0;
        }

        @Override void jsonValue(StringBuilder sb, int i) {
            if (mode == NumMode.FLOAT16) { Text.jsonFloat(sb, Float.float16ToFloat((short) v[i])); return; }
            if (quoted) { sb.append('"'); text(sb, i); sb.append('"'); }
            else text(sb, i);
        }

        @Override void text(StringBuilder sb, int i) {
            int x = v[i];
            switch (mode) {
                case SIGNED, UINT64 -> sb.append(x);
                case UINT8 -> sb.append(x & 0xFF);
                case UINT16 -> sb.append(x & 0xFFFF);
                case UINT32 -> sb.append(Integer.toUnsignedLong(x));
                case DATE -> Text.appendDate(sb, x);
                case TIME -> Text.appendTime(sb, x, unit);
                case TIMESTAMP -> Text.appendTimestamp(sb, x, unit, utc, days);
                case DECIMAL -> Text.appendDecimal(sb, x, scale);
                case FLOAT16 -> Text.textFloat(sb, Float.float16ToFloat((short) x));
            }
        }
    }

    private static final class LongEnc extends Encoder {
        private final long[] v;
        private final NumMode mode;
        private final boolean quoted;
        private final TimeUnit unit;
        private final boolean utc;
        private final int scale;
        private final Text.DayCache days = new Text.DayCache();

        LongEnc(LongColumn c) {
            super(c);
            this.v = c.rawValues();
            DataType t = c.type();
            this.mode = numMode(t);
            this.quoted = quoted(mode);
            this.unit = unitOf(t);
            this.utc = t instanceof DataType.Timestamp ts && ts.utcAdjusted();
            this.scale = t instanceof DataType.Decimal d ? d.scale() : 0;
        }

        @Override void jsonValue(StringBuilder sb, int i) {
            if (mode == NumMode.FLOAT16) { Text.jsonFloat(sb, Float.float16ToFloat((short) v[i])); return; }
            if (quoted) { sb.append('"'); text(sb, i); sb.append('"'); }
            else text(sb, i);
        }

        @Override void text(StringBuilder sb, int i) {
            long x = v[i];
            switch (mode) {
                case SIGNED -> sb.append(x);
                case UINT8 -> sb.append(x & 0xFFL);
                case UINT16 -> sb.append(x & 0xFFFFL);
                case UINT32 -> sb.append(x & 0xFFFF_FFFFL);
                case UINT64 -> {
                    if (x >= 0) sb.append(x);
                    else sb.append(Long.toUnsignedString(x));
                }
                case DATE -> Text.appendDate(sb, x);
                case TIME -> Text.appendTime(sb, x, unit);
                case TIMESTAMP -> Text.appendTimestamp(sb, x, unit, utc, days);
                case DECIMAL -> Text.appendDecimal(sb, x, scale);
                case FLOAT16 -> Text.textFloat(sb, Float.float16ToFloat((short) x));
            }
        }
    }

    private static final class FloatEnc extends Encoder {
        private final float[] v;
        FloatEnc(FloatColumn c) { super(c); this.v = c.rawValues(); }
        @Override void jsonValue(StringBuilder sb, int i) { Text.jsonFloat(sb, v[i]); }
        @Override void text(StringBuilder sb, int i) { Text.textFloat(sb, v[i]); }
    }

    private static final class DoubleEnc extends Encoder {
        private final double[] v;
        DoubleEnc(DoubleColumn c) { super(c); this.v = c.rawValues(); }
        @Override void jsonValue(StringBuilder sb, int i) { Text.jsonDouble(sb, v[i]); }
        @Override void text(StringBuilder sb, int i) { Text.textDouble(sb, v[i]); }
    }

    private static final class BoolEnc extends Encoder {
        private final BooleanColumn c;
        BoolEnc(BooleanColumn c) { super(c); this.c = c; }
        @Override void jsonValue(StringBuilder sb, int i) { sb.append(c.getBoolean(i)); }
        @Override void text(StringBuilder sb, int i) { sb.append(c.getBoolean(i)); }
    }

    private enum BinMode { STRING, BASE64, DECIMAL, UUID, INTERVAL, FLOAT16 }

    private static final class BinaryEnc extends Encoder {
        private final BinaryColumn c;
        private final int[] off;
        private final byte[] data;
        private final BinMode mode;
        private final int scale;

        BinaryEnc(BinaryColumn c) {
            super(c);
            this.c = c;
            this.off = c.rawOffsets();
            this.data = c.rawData();
            DataType t = c.type();
            this.mode = switch (t.kind()) {
                case STRING, ENUM, JSON -> BinMode.STRING;
                case DECIMAL -> BinMode.DECIMAL;
                case UUID -> BinMode.UUID;
                case INTERVAL -> BinMode.INTERVAL;
                case FLOAT16 -> BinMode.FLOAT16;
                default -> BinMode.BASE64;
            };
            this.scale = t instanceof DataType.Decimal d ? d.scale() : 0;
        }

        @Override boolean textMayNeedQuoting() { return mode == BinMode.STRING || mode == BinMode.INTERVAL; }

        @Override void jsonValue(StringBuilder sb, int i) {
            int s = off[i], e = off[i + 1];
            switch (mode) {
                case STRING -> Text.jsonStringUtf8(sb, data, s, e);
                case INTERVAL -> appendInterval(sb, s, e);
                case FLOAT16 -> Text.jsonFloat(sb, float16(s, e));
                default -> { sb.append('"'); text(sb, i); sb.append('"'); }
            }
        }

        @Override void text(StringBuilder sb, int i) {
            int s = off[i], e = off[i + 1];
            switch (mode) {
                case STRING -> Text.appendUtf8(sb, data, s, e);
                case BASE64 -> Text.appendBase64(sb, data, s, e);
                case DECIMAL -> {
                    BigInteger unscaled = e == s ? BigInteger.ZERO : new BigInteger(data, s, e - s);
                    if (unscaled.bitLength() < 64) Text.appendDecimal(sb, unscaled.longValue(), scale);
                    else sb.append(new BigDecimal(unscaled, scale).toPlainString());
                }
                case UUID -> {
                    if (e - s == 16) Text.appendUuid(sb, data, s);
                    else Text.appendBase64(sb, data, s, e);
                }
                case INTERVAL -> appendInterval(sb, s, e);
                case FLOAT16 -> Text.textFloat(sb, float16(s, e));
            }
        }

        @Override void display(StringBuilder sb, int i) {
            if (mode != BinMode.BASE64) { text(sb, i); return; }
            int s = off[i], e = off[i + 1];
            sb.append("b\"");
            for (int k = s; k < e && sb.length() < 4096; k++) {
                int b = data[k] & 0xFF;
                if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') sb.append((char) b);
                else sb.append("\\x").append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 15, 16));
            }
            sb.append('"');
        }

        private float float16(int s, int e) {
            if (e - s != 2) return Float.NaN;
            return Float.float16ToFloat((short) ((data[s] & 0xFF) | (data[s + 1] << 8)));
        }

        private void appendInterval(StringBuilder sb, int s, int e) {
            if (e - s != 12) { sb.append('"'); Text.appendBase64(sb, data, s, e); sb.append('"'); return; }
            sb.append("{\"months\":").append(le32(s)).append(",\"days\":").append(le32(s + 4))
                    .append(",\"millis\":").append(le32(s + 8)).append('}');
        }

        private long le32(int p) {
            return (data[p] & 0xFFL) | (data[p + 1] & 0xFFL) << 8 | (data[p + 2] & 0xFFL) << 16 | (data[p + 3] & 0xFFL) << 24;
        }
    }

    private static final class ListEnc extends Encoder {
        private final ListColumn c;
        private final Encoder elements;
        ListEnc(ListColumn c, Encoder elements) { super(c); this.c = c; this.elements = elements; }
        @Override boolean textMayNeedQuoting() { return true; }
        @Override void text(StringBuilder sb, int i) { jsonValue(sb, i); }
        @Override void jsonValue(StringBuilder sb, int i) {
            int s = c.offset(i), e = c.offset(i + 1);
            sb.append('[');
            for (int j = s; j < e; j++) {
                if (j > s) sb.append(',');
                elements.json(sb, j);
            }
            sb.append(']');
        }
    }

    private static final class StructEnc extends Encoder {
        private final Encoder[] children;
        private final String[] keys;
        StructEnc(StructColumn c) {
            super(c);
            this.children = of(c.children());
            List<Field> fields = ((DataType.StructType) c.type()).fields();
            this.keys = new String[children.length];
            for (int k = 0; k < keys.length; k++) {
                StringBuilder sb = new StringBuilder();
                if (k > 0) sb.append(',');
                Text.jsonString(sb, fields.get(k).name());
                keys[k] = sb.append(':').toString();
            }
        }
        @Override boolean textMayNeedQuoting() { return true; }
        @Override void text(StringBuilder sb, int i) { jsonValue(sb, i); }
        @Override void jsonValue(StringBuilder sb, int i) {
            sb.append('{');
            for (int k = 0; k < children.length; k++) {
                sb.append(keys[k]);
                children[k].json(sb, i);
            }
            sb.append('}');
        }
    }

    private static final class MapEnc extends Encoder {
        private final MapColumn c;
        private final Encoder keys;
        private final Encoder values;
        MapEnc(MapColumn c, Encoder keys, Encoder values) { super(c); this.c = c; this.keys = keys; this.values = values; }
        @Override boolean textMayNeedQuoting() { return true; }
        @Override void text(StringBuilder sb, int i) { jsonValue(sb, i); }
        @Override void jsonValue(StringBuilder sb, int i) {
            int s = c.offset(i), e = c.offset(i + 1);
            sb.append('[');
            for (int j = s; j < e; j++) {
                if (j > s) sb.append(',');
                sb.append("{\"key\":");
                keys.json(sb, j);
                sb.append(",\"value\":");
                values.json(sb, j);
                sb.append('}');
            }
            sb.append(']');
        }
    }
}
