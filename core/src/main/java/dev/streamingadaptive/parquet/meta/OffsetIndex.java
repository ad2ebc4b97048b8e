package dev.streamingadaptive.parquet.meta;

import java.util.List;

/**
 * Page locations of a column chunk (Thrift {@code OffsetIndex}), read from
 * {@link ColumnChunk#offsetIndexOffset()}.
 *
 * @param pageLocations                one entry per data page, in file order
 * @param unencodedByteArrayDataBytes  per-page unencoded BYTE_ARRAY bytes (empty when absent)
 */
public record OffsetIndex(List<PageLocation> pageLocations, List<Long> unencodedByteArrayDataBytes) {
    public OffsetIndex {
        pageLocations = pageLocations == null ? List.of() : List.copyOf(pageLocations);
        unencodedByteArrayDataBytes = unencodedByteArrayDataBytes == null ? List.of() : List.copyOf(unencodedByteArrayDataBytes);
    }
}
