package dev.streamingadaptive.frame;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps: row i holds entries [offsets[i], offsets[i+1]) of the key and value columns, in file order. */
public final class MapColumn extends Column {
    private final int[] offsets;
    private final Column keys;
    private final Column values;

    public MapColumn(String name, DataType.MapType type, int[] offsets, Column keys, Column values, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (offsets.length < size + 1) throw new IllegalArgumentException("offsets shorter than size + 1");
        this.offsets = offsets;
        this.keys = keys;
        this.values = values;
    }

    /** The flattened keys of all rows. */
    public Column keys() { return keys; }

    /** The flattened values of all rows. */
    public Column values() { return values; }

    /** Start of row i in {@link #keys()}; row i ends at offset(i + 1). */
    public int offset(int i) { return offsets[i]; }

    @Override
    protected Object getNonNull(int i) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int j = offsets[i]; j < offsets[i + 1]; j++) out.put(keys.get(j), values.get(j));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Column slice(int offset, int length) {
        boolean[] n = sliceNulls(offset, length);
        int base = offsets[offset];
        int[] o = Offsets.rebase(offsets, offset, length);
        return new MapColumn(name(), (DataType.MapType) type(), o, keys.slice(base, o[length]), values.slice(base, o[length]),
                length, n);
    }

    @Override public Column rename(String newName) {
        return new MapColumn(newName, (DataType.MapType) type(), offsets, keys, values, size(), nulls);
    }
    @Override public long estimatedBytes() {
        return (long) offsets.length * 4 + keys.estimatedBytes() + values.estimatedBytes() + nullBytes();
    }
}
