package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

/**
 * Dense ids for the distinct values of one column (NULL has an id of its own): the building block
 * of group keys (one per key column) and of distinct counts. One subclass per value family.
 */
abstract sealed class KeyIds permits LongKeyIds, BytesKeyIds {
    final DataType type;
    /** The id of NULL, or -1 until a null arrives. */
    int nullId = -1;

    KeyIds(DataType type) {
        this.type = type;
    }

    static KeyIds create(DataType type, MemoryAccount account) {
        if (type.isNested()) throw new IllegalArgumentException("nested type " + type + " cannot be a key");
        return switch (TypeSupport.family(type)) {
            case LONG -> new LongKeyIds(type, false, account);
            case DOUBLE -> new LongKeyIds(type, true, account);
            case BYTES -> new BytesKeyIds(type, account);
        };
    }

    /** Number of ids handed out (NULL included once seen). */
    abstract int count();

    /** The id of each of rows [0, rows) of {@code c}, into {@code out}; new values get new ids. */
    abstract void ids(Column c, int rows, int[] out);

    /**
     * The id of each of rows [0, rows) of {@code c} without adding any: -1 for a value not in the
     * table and for null. Reads only, so several threads may look up at once once building is done.
     */
    abstract void find(Column c, int rows, int[] out);

    /** The values are final (a join's build side is in): prepare for many {@link #find} calls. */
    void seal() {}

    /** Takes every value of {@code other} (same type); returns this table's id for each of other's ids. */
    abstract int[] absorb(KeyIds other);

    /** The values of ids {@code ids[g]} (or {@code g} when ids is null) for groups [0, n), as a plain column. */
    abstract Column column(String name, int[] ids, int n);

    /** Bytes held by the table. */
    abstract long bytes();

    /**
     * While {@code on}, {@link #column} is called many times for parts of the ids (a spill writes
     * the groups a chunk at a time): keep whatever it needs for every call; returns the bytes kept.
     */
    long exporting(boolean on) {
        return 0;
    }
}
