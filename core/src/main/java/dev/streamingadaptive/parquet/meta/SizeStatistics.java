package dev.streamingadaptive.parquet.meta;

import java.util.List;

/**
 * Unencoded size and level histograms of a column chunk (Thrift {@code SizeStatistics}).
 *
 * @param unencodedByteArrayDataBytes BYTE_ARRAY payload bytes without length prefixes, or null
 * @param repetitionLevelHistogram    count per repetition level (empty when absent)
 * @param definitionLevelHistogram    count per definition level (empty when absent)
 */
public record SizeStatistics(Long unencodedByteArrayDataBytes, List<Long> repetitionLevelHistogram,
                             List<Long> definitionLevelHistogram) {
    public SizeStatistics {
        repetitionLevelHistogram = repetitionLevelHistogram == null ? List.of() : List.copyOf(repetitionLevelHistogram);
        definitionLevelHistogram = definitionLevelHistogram == null ? List.of() : List.copyOf(definitionLevelHistogram);
    }
}
