package dev.streamingadaptive.parquet.meta;

/** Parquet compression codec (values carry their Thrift ids). */
public enum CompressionCodec {
    UNCOMPRESSED(0),
    SNAPPY(1),
    GZIP(2),
    LZO(3),
    BROTLI(4),
    LZ4(5),
    ZSTD(6),
    LZ4_RAW(7);

    private static final CompressionCodec[] BY_ID = new CompressionCodec[64];
    static {
        for (CompressionCodec v : values()) BY_ID[v.id] = v;
    }

    /** The Thrift enum value. */
    public final int id;

    CompressionCodec(int id) { this.id = id; }

    /** The constant with this Thrift id, or null when the id is unknown (newer writers). */
    public static CompressionCodec fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
