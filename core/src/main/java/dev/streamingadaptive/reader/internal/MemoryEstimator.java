package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.Encoding;
import dev.streamingadaptive.parquet.meta.PageEncodingStats;
import dev.streamingadaptive.parquet.meta.PageType;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.SchemaNode;

import java.util.List;

/**
 * Estimates the heap bytes a column chunk occupies once decoded, from the footer alone: fixed-width
 * values by their width, dictionary-encoded binary by 4-byte indices plus the dictionary, other
 * binary by its uncompressed size plus 4-byte offsets; 1 byte per value for null flags, 8 per
 * level entry of nested columns (offsets and levels).
 */
public final class MemoryEstimator {
    private MemoryEstimator() {}

    /** Decoded bytes of these leaves in this row group. */
    public static long rowGroupBytes(RowGroup rg, List<SchemaNode> leaves) {
        long total = 0;
        for (SchemaNode leaf : leaves) total += chunkBytes(rg.columns().get(leaf.leafIndex()).metaData(), leaf, rg.numRows());
        return total;
    }

    static long chunkBytes(ColumnMetaData md, SchemaNode leaf, long rows) {
        if (md == null) return 0;
        long values = Math.max(md.numValues(), rows);
        long bytes = switch (md.type()) {
            case BOOLEAN -> values;
            case INT32, FLOAT -> values * 4;
            case INT64, DOUBLE, INT96 -> values * 8;
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> allDictionary(md) ? values * 4 + dictionaryBytes(md)
                    : md.totalUncompressedSize() + values * 4;
        };
        if (leaf.defLevel() > 0) bytes += values;
        if (leaf.repLevel() > 0) bytes += values * 8;
        return bytes;
    }

    private static boolean allDictionary(ColumnMetaData md) {
        List<PageEncodingStats> stats = md.encodingStats();
        if (stats != null && !stats.isEmpty()) {
            for (PageEncodingStats s : stats) {
                boolean data = s.pageType() == PageType.DATA_PAGE || s.pageType() == PageType.DATA_PAGE_V2;
                if (data && s.encoding() != Encoding.PLAIN_DICTIONARY && s.encoding() != Encoding.RLE_DICTIONARY && s.count() > 0) return false;
            }
            return true;
        }
        List<Encoding> enc = md.encodings();
        boolean dict = enc.contains(Encoding.PLAIN_DICTIONARY) || enc.contains(Encoding.RLE_DICTIONARY);
        return dict && !enc.contains(Encoding.PLAIN) || dict && md.dictionaryPageOffset() != null && enc.size() <= 3;
    }

    private static long dictionaryBytes(ColumnMetaData md) {
        // The dictionary page is the first page; its size is not in the footer, so bound it by the chunk.
        Long dict = md.dictionaryPageOffset();
        if (dict != null && dict > 0 && dict < md.dataPageOffset()) return (md.dataPageOffset() - dict) * 4;
        return Math.min(md.totalUncompressedSize(), 1L << 20);
    }
}
