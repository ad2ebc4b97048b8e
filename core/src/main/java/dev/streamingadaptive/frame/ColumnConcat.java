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
        if (template instanceof DictionaryColumn && allDictionaryOrNull(parts)) return dictionaries(name, parts, n, nulls);
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

    private static boolean allDictionaryOrNull(List<Column> parts) {
        for (Column c : parts) {
            if (!(c instanceof DictionaryColumn) && !(c instanceof NullColumn)) return false;
        }
        return true;
    }

    /**
     * Dictionary columns stay dictionary-encoded: the result's dictionary is the parts' distinct
     * dictionaries one after another (entries may repeat) and each part's indices are shifted.
     */
    private static Column dictionaries(String name, List<Column> parts, int n, boolean[] nulls) {
        List<Column> dicts = new ArrayList<>();
        java.util.IdentityHashMap<Column, Integer> base = new java.util.IdentityHashMap<>();
        int size = 0;
        for (Column c : parts) {
            if (c instanceof DictionaryColumn d && !base.containsKey(d.dictionary())) {
                base.put(d.dictionary(), size);
                dicts.add(d.dictionary());
                size += d.dictionary().size();
            }
        }
        Column dictionary = dicts.size() == 1 ? dicts.get(0) : concat(dicts);
        int[] idx = new int[n];
        int pos = 0;
        for (Column c : parts) {
            if (c instanceof DictionaryColumn d) {
                int shift = base.get(d.dictionary());
                int[] src = d.rawIndices();
                for (int i = 0, len = c.size(); i < len; i++) idx[pos + i] = src[i] + shift;
            }
            pos += c.size();
        }
        return new DictionaryColumn(name, dictionary, idx, n, nulls);
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
            switch (c) {
                case BinaryColumn b -> bytes += b.rawOffsets()[c.size()] - b.rawOffsets()[0];
                case DictionaryColumn d -> {
                    for (int i = 0; i < c.size(); i++) if (!c.isNull(i)) bytes += ((BinaryColumn) d.dictionary()).length(d.index(i));
                }
                default -> { }
            }
        }
        if (bytes > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("binary column exceeds 2 GiB");
        byte[] data = new byte[(int) bytes];
        int[] offsets = new int[n + 1];
        int pos = 0;
        int row = 0;
        for (Column c : parts) {
            switch (c) {
                case BinaryColumn b -> {
                    int[] o = b.rawOffsets();
                    int len = o[c.size()] - o[0];
                    System.arraycopy(b.rawData(), o[0], data, pos, len);
                    for (int i = 0; i < c.size(); i++) offsets[row + i + 1] = pos + o[i + 1] - o[0];
                    pos += len;
                }
                case DictionaryColumn d -> {
                    BinaryColumn dict = (BinaryColumn) d.dictionary();
                    int[] o = dict.rawOffsets();
                    byte[] src = dict.rawData();
                    for (int i = 0; i < c.size(); i++) {
                        if (!c.isNull(i)) {
                            int k = d.index(i);
                            int len = o[k + 1] - o[k];
                            System.arraycopy(src, o[k], data, pos, len);
                            pos += len;
                        }
                        offsets[row + i + 1] = pos;
                    }
                }
                default -> {
                    for (int i = 0; i < c.size(); i++) offsets[row + i + 1] = pos;
                }
            }
            row += c.size();
        }
        return new BinaryColumn(name, type, offsets, data, n, nulls);
    }
}
