package dev.streamingadaptive.parquet.meta;

/** Parquet physical type (values carry their Thrift ids). */
public enum PhysicalType {
    BOOLEAN(0),
    INT32(1),
    INT64(2),
    INT96(3),
    FLOAT(4),
    DOUBLE(5),
    BYTE_ARRAY(6),
    FIXED_LEN_BYTE_ARRAY(7);

    private static final PhysicalType[] BY_ID = new PhysicalType[64];
    static {
        for (PhysicalType v : values()) BY_ID[v.id] = v;
    }

    /** The Thrift enum value. */
    public final int id;

    PhysicalType(int id) { this.id = id; }

    /** The constant with this Thrift id, or null when the id is unknown (newer writers). */
    public static PhysicalType fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
