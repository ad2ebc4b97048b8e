package dev.streamingadaptive.parquet.meta;

import java.util.List;

/**
 * Metadata of one column chunk (Thrift {@code ColumnMetaData}).
 *
 * <p>Unknown encoding ids in {@code encodings} are dropped (the list holds only known encodings).
 * An unknown compression codec id yields a <b>null</b> {@code codec}: the footer still parses and
 * the page reader must fail with a clear "unsupported codec" error when it reads the chunk.
 * Absent optional lists are empty; absent optional scalars are null.
 *
 * @param type                  physical type
 * @param encodings             encodings used in the chunk (may be empty for some writers)
 * @param pathInSchema          path of the leaf column from the root (root name excluded)
 * @param codec                 compression codec, or null when the id is unknown
 * @param numValues             number of values including nulls
 * @param totalUncompressedSize total uncompressed bytes including page headers
 * @param totalCompressedSize   total bytes on disk including page headers
 * @param keyValueMetadata      chunk key/value metadata
 * @param dataPageOffset        absolute offset of the first data page
 * @param indexPageOffset       absolute offset of the index page, or null
 * @param dictionaryPageOffset  absolute offset of the dictionary page, or null; some writers store 0
 *                              meaning "none" (see {@link #chunkStartOffset()})
 * @param statistics            chunk statistics, or null
 * @param encodingStats         page counts per type and encoding
 * @param bloomFilterOffset     absolute offset of the bloom filter, or null
 * @param bloomFilterLength     bloom filter length including its header, or null
 * @param sizeStatistics        size statistics, or null
 */
public record ColumnMetaData(PhysicalType type, List<Encoding> encodings, List<String> pathInSchema,
                             CompressionCodec codec, long numValues, long totalUncompressedSize,
                             long totalCompressedSize, List<KeyValue> keyValueMetadata, long dataPageOffset,
                             Long indexPageOffset, Long dictionaryPageOffset, Statistics statistics,
                             List<PageEncodingStats> encodingStats, Long bloomFilterOffset,
                             Integer bloomFilterLength, SizeStatistics sizeStatistics) {
    public ColumnMetaData {
        encodings = encodings == null ? List.of() : List.copyOf(encodings);
        pathInSchema = pathInSchema == null ? List.of() : List.copyOf(pathInSchema);
        keyValueMetadata = keyValueMetadata == null ? List.of() : List.copyOf(keyValueMetadata);
        encodingStats = encodingStats == null ? List.of() : List.copyOf(encodingStats);
    }

    /**
     * Absolute offset where the chunk's first page starts: the dictionary page offset when it is
     * positive and lies before the first data page (or the data page offset is 0), otherwise the
     * data page offset. A dictionary page offset of 0 is treated as absent.
     */
    public long chunkStartOffset() {
        if (dictionaryPageOffset != null && dictionaryPageOffset > 0
                && (dictionaryPageOffset < dataPageOffset || dataPageOffset <= 0)) {
            return dictionaryPageOffset;
        }
        return dataPageOffset;
    }

    /** The column path joined with dots, for messages. */
    public String dottedPath() {
        return String.join(".", pathInSchema);
    }
}
