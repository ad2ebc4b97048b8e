package dev.streamingadaptive.parquet.meta;

/** Parquet value/level encoding (values carry their Thrift ids). */
public enum Encoding {
    PLAIN(0),
    GROUP_VAR_INT(1),
    PLAIN_DICTIONARY(2),
    RLE(3),
    BIT_PACKED(4),
    DELTA_BINARY_PACKED(5),
    DELTA_LENGTH_BYTE_ARRAY(6),
    DELTA_BYTE_ARRAY(7),
    RLE_DICTIONARY(8),
    BYTE_STREAM_SPLIT(9);

    private static final Encoding[] BY_ID = new Encoding[64];
    static {
        for (Encoding v : values()) BY_ID[v.id] = v;
    }

    /** The Thrift enum value. */
    public final int id;

    Encoding(int id) { this.id = id; }

    /** The constant with this Thrift id, or null when the id is unknown (newer writers). */
    public static Encoding fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
