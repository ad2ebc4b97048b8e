package dev.streamingadaptive.frame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Lists: row i holds elements [offsets[i], offsets[i+1]) of the element column. */
public final class ListColumn extends Column {
    private final int[] offsets;
    private final Column elements;

    public ListColumn(String name, DataType.ListType type, int[] offsets, Column elements, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (offsets.length < size + 1) throw new IllegalArgumentException("offsets shorter than size + 1");
        this.offsets = offsets;
        this.elements = elements;
    }

    /** The flattened elements of all rows. */
    public Column elements() { return elements; }

    /** Start of row i in {@link #elements()}; row i ends at offset(i + 1). */
    public int offset(int i) { return offsets[i]; }

    @Override
    protected Object getNonNull(int i) {
        List<Object> out = new ArrayList<>(offsets[i + 1] - offsets[i]);
        for (int j = offsets[i]; j < offsets[i + 1]; j++) out.add(elements.get(j));
        return Collections.unmodifiableList(out);
    }

    @Override
    public Column slice(int offset, int length) {
        boolean[] n = sliceNulls(offset, length);
        int base = offsets[offset];
        int[] o = Offsets.rebase(offsets, offset, length);
        return new ListColumn(name(), (DataType.ListType) type(), o, elements.slice(base, o[length]), length, n);
    }

    @Override public Column rename(String newName) {
        return new ListColumn(newName, (DataType.ListType) type(), offsets, elements, size(), nulls);
    }
    @Override public long estimatedBytes() { return (long) offsets.length * 4 + elements.estimatedBytes() + nullBytes(); }
}
