package dev.streamingadaptive.frame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Concatenates columns of the same name and type (for example one per row group) into one. */
public final class ColumnConcat {
    private ColumnConcat() {}

    /** The parts one after another; all must have the same type. */
    public static Column concat(List<Column> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to concatenate");
        if (parts.size() == 1) return parts.get(0);
        Column first = parts.get(0);
        String name = first.name();
        DataType type = first.type();
        long total = 0;
        Column template = null;
        for (Column c : parts) {
            if (!c.type().equals(type)) throw new IllegalArgumentException("cannot concatenate " + type + " and " + c.type());
            total += c.size();
            if (template == null && !(c instanceof NullColumn)) template = c;
        }
        if (total > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("concatenation exceeds 2^31 rows");
        int n = (int) total;
        if (template == null) return new NullColumn(name, type, n);
        boolean[] nulls = concatNulls(parts, n);
        if (template instanceof DictionaryColumn d && allSameDictionary(parts, d.dictionary())) {
            int[] idx = new int[n];
            int pos = 0;
            for (Column c : parts) {
                if (c instanceof DictionaryColumn dc) System.arraycopy(dc.rawIndices(), 0, idx, pos, c.size());
                pos += c.size();
            }
            return new DictionaryColumn(name, d.dictionary(), idx, n, nulls);
        }
        return switch (template) {
            case IntColumn t -> {
                int[] out = new int[n];
                int pos = 0;
                for (Column c : parts) { if (c instanceof IntColumn x) System.arraycopy(x.rawValues(), 0, out, pos, c.size()); pos += c.size(); }
                yield new IntColumn(name, type, out, n, nulls);
            }
            case LongColumn t -> {
                long[] out = new long[n];
                int pos = 0;
                for (Column c : parts) { if (c instanceof LongColumn x) System.arraycopy(x.rawValues(), 0, out, pos, c.size()); pos += c.size(); }
                yield new LongColumn(name, type, out, n, nulls);
            }
            case FloatColumn t -> {
                float[] out = new float[n];
                int pos = 0;
                for (Column c : parts) { if (c instanceof FloatColumn x) System.arraycopy(x.rawValues(), 0, out, pos, c.size()); pos += c.size(); }
                yield new FloatColumn(name, type, out, n, nulls);
            }
            case DoubleColumn t -> {
                double[] out = new double[n];
                int pos = 0;
                for (Column c : parts) { if (c instanceof DoubleColumn x) System.arraycopy(x.rawValues(), 0, out, pos, c.size()); pos += c.size(); }
                yield new DoubleColumn(name, type, out, n, nulls);
            }
            case BooleanColumn t -> {
                boolean[] out = new boolean[n];
                int pos = 0;
                for (Column c : parts) {
                    if (c instanceof BooleanColumn x) for (int i = 0; i < c.size(); i++) out[pos + i] = x.getBoolean(i);
                    pos += c.size();
                }
                yield new BooleanColumn(name, out, n, nulls);
            }
            case BinaryColumn t -> binary(name, type, parts, n, nulls);
            case DictionaryColumn t -> binary(name, type, parts, n, nulls);
            case ListColumn t -> {
                int[] offsets = new int[n + 1];
                List<Column> elements = new ArrayList<>();
                int pos = 0;
                int base = 0;
                for (Column c : parts) {
                    if (c instanceof ListColumn x) {
                        for (int i = 0; i < c.size(); i++) offsets[pos + i] = base + x.offset(i);
                        base += x.offset(c.size());
                        elements.add(x.elements().slice(0, x.offset(c.size())));
                    } else {
                        Arrays.fill(offsets, pos, pos + c.size(), base);
                    }
                    pos += c.size();
                }
                offsets[n] = base;
                yield new ListColumn(name, (DataType.ListType) type, offsets, concat(elements), n, nulls);
            }
            case MapColumn t -> {
                int[] offsets = new int[n + 1];
                List<Column> keys = new ArrayList<>();
                List<Column> values = new ArrayList<>();
                int pos = 0;
                int base = 0;
                for (Column c : parts) {
                    if (c instanceof MapColumn x) {
                        for (int i = 0; i < c.size(); i++) offsets[pos + i] = base + x.offset(i);
                        int end = x.offset(c.size());
                        base += end;
                        keys.add(x.keys().slice(0, end));
                        values.add(x.values().slice(0, end));
                    } else {
                        Arrays.fill(offsets, pos, pos + c.size(), base);
                    }
                    pos += c.size();
                }
                offsets[n] = base;
                yield new MapColumn(name, (DataType.MapType) type, offsets, concat(keys), concat(values), n, nulls);
            }
            case StructColumn t -> {
                DataType.StructType st = (DataType.StructType) type;
                List<Column> children = new ArrayList<>();
                for (int f = 0; f < st.fields().size(); f++) {
                    List<Column> fieldParts = new ArrayList<>(parts.size());
                    for (Column c : parts) {
                        fieldParts.add(c instanceof StructColumn x ? x.children().get(f)
                                : new NullColumn(st.fields().get(f).name(), st.fields().get(f).type(), c.size()));
                    }
                    children.add(concat(fieldParts));
                }
                yield new StructColumn(name, st, children, n, nulls);
            }
            case NullColumn t -> new NullColumn(name, type, n);
        };
    }

    private static boolean allSameDictionary(List<Column> parts, Column dictionary) {
        for (Column c : parts) {
            if (c instanceof DictionaryColumn d) {
                if (d.dictionary() != dictionary) return false;
            } else if (!(c instanceof NullColumn)) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] concatNulls(List<Column> parts, int n) {
        boolean any = false;
        for (Column c : parts) any |= c.nulls != null;
        if (!any) return null;
        boolean[] out = new boolean[n];
        int pos = 0;
        for (Column c : parts) {
            if (c.nulls != null) System.arraycopy(c.nulls, 0, out, pos, c.size());
            pos += c.size();
        }
        return out;
    }

    private static Column binary(String name, DataType type, List<Column> parts, int n, boolean[] nulls) {
        long bytes = 0;
        for (Column c : parts) {
            for (int i = 0; i < c.size(); i++) if (!c.isNull(i)) bytes += bytesOf(c, i).length;
        }
        if (bytes > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("binary column exceeds 2 GiB");
        byte[] data = new byte[(int) bytes];
        int[] offsets = new int[n + 1];
        int pos = 0;
        int row = 0;
        for (Column c : parts) {
            for (int i = 0; i < c.size(); i++, row++) {
                if (!c.isNull(i)) {
                    byte[] b = bytesOf(c, i);
                    System.arraycopy(b, 0, data, pos, b.length);
                    pos += b.length;
                }
                offsets[row + 1] = pos;
            }
        }
        return new BinaryColumn(name, type, offsets, data, n, nulls);
    }

    private static byte[] bytesOf(Column c, int i) {
        return switch (c) {
            case BinaryColumn b -> b.getBytes(i);
            case DictionaryColumn d -> bytesOf(d.dictionary(), d.index(i));
            default -> throw new IllegalArgumentException("not binary: " + c.getClass().getSimpleName());
        };
    }
}
