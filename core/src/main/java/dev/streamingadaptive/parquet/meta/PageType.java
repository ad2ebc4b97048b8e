package dev.streamingadaptive.parquet.meta;

/** Parquet page type (values carry their Thrift ids). */
public enum PageType {
    DATA_PAGE(0),
    INDEX_PAGE(1),
    DICTIONARY_PAGE(2),
    DATA_PAGE_V2(3);

    private static final PageType[] BY_ID = new PageType[64];
    static {
        for (PageType v : values()) BY_ID[v.id] = v;
    }

    /** The Thrift enum value. */
    public final int id;

    PageType(int id) { this.id = id; }

    /** The constant with this Thrift id, or null when the id is unknown (newer writers). */
    public static PageType fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
