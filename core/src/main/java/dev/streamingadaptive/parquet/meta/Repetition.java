package dev.streamingadaptive.parquet.meta;

/** Parquet field repetition (values carry their Thrift ids). */
public enum Repetition {
    REQUIRED(0),
    OPTIONAL(1),
    REPEATED(2);

    private static final Repetition[] BY_ID = new Repetition[64];
    static {
        for (Repetition v : values()) BY_ID[v.id] = v;
    }

    /** The Thrift enum value. */
    public final int id;

    Repetition(int id) { this.id = id; }

    /** The constant with this Thrift id, or null when the id is unknown (newer writers). */
    public static Repetition fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
