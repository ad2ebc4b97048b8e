package dev.streamingadaptive.frame;

import java.util.Arrays;

/**
 * Values given as indices into a dictionary column — how Parquet stores repetitive strings;
 * kept this way because it is much smaller than materialising every value.
 */
public final class DictionaryColumn extends Column {
    private final Column dictionary;
    private final int[] indices;

    /** @param indices one per row, each a valid index into {@code dictionary} (unspecified for nulls) */
    public DictionaryColumn(String name, Column dictionary, int[] indices, int size, boolean[] nulls) {
        super(name, dictionary.type(), size, nulls);
        if (indices.length < size) throw new IllegalArgumentException("indices shorter than column");
        this.dictionary = dictionary;
        this.indices = indices;
    }

    /** The distinct values. */
    public Column dictionary() { return dictionary; }

    /** Dictionary index of row {@code i}. */
    public int index(int i) { return indices[i]; }

    /** The backing indices; do not modify. */
    public int[] rawIndices() { return indices; }

    @Override protected Object getNonNull(int i) { return dictionary.get(indices[i]); }
    @Override public Column slice(int offset, int length) {
        return new DictionaryColumn(name(), dictionary, Arrays.copyOfRange(indices, offset, offset + length), length,
                sliceNulls(offset, length));
    }
    @Override public Column rename(String newName) { return new DictionaryColumn(newName, dictionary, indices, size(), nulls); }
    @Override public long estimatedBytes() { return (long) indices.length * 4 + dictionary.estimatedBytes() + nullBytes(); }
}
