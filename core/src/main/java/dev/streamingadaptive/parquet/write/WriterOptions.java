package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.parquet.meta.CompressionCodec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * Settings of a {@link ParquetWriter}, {@code DataFrame.writeParquet} and {@code LazyFrame.sinkParquet}.
 * Immutable; the {@code with…} methods return a modified copy.
 *
 * <pre>{@code
 * WriterOptions.defaults().withCodec("zstd").withCompressionLevel(9).withRowGroupBytes(64 << 20)
 * }</pre>
 *
 * @param codec           page compression: UNCOMPRESSED, SNAPPY, GZIP, ZSTD or LZ4_RAW
 * @param rowGroupRows    rows per row group at most (the last one may be smaller)
 * @param pageSizeBytes   target uncompressed size of a data page
 * @param dictionary      dictionary-encode BYTE_ARRAY columns while the dictionary stays small
 * @param maxDictionaryEntries more distinct values than this in a column chunk fall back to PLAIN
 * @param maxDictionaryBytes   a dictionary larger than this (PLAIN-encoded) falls back to PLAIN
 * @param dataPageV2      write DATA_PAGE_V2 pages instead of v1
 * @param statistics      write min/max/null_count statistics per column chunk
 * @param pageChecksums   write a CRC32 in every page header
 * @param compressionLevel codec level for GZIP (0–9, default 6) and ZSTD (1–22, default 3; the pure-Java fallback has one level); -1 = the default
 * @param pageIndex       write the page index: an offset index per column chunk and, with
 *                        statistics on, a column index (min/max/null count per page) that lets
 *                        readers skip pages
 * @param rowGroupBytes   a row group is also closed once the rows buffered for it take this many
 *                        bytes in memory (decoded): the writer's memory is about one row group
 * @param metadata        key/value pairs stored in the file footer (insertion order kept)
 * @param threads         threads that encode and compress a row group's columns in parallel (the
 *                        writing thread is one of them); the output is the same for any number
 * @param sync            force the file's data to disk before it is renamed into place, so it also
 *                        survives a power loss (off by default, as in Polars and parquet-java: a killed
 *                        process never leaves a partial file either way, the rename sees to that)
 * @param bloomFilterColumns columns that get a split-block Bloom filter per column chunk: a top-level
 *                        name (every leaf under it) or a dotted leaf path; empty: none
 * @param bloomFilterFpp  the filters' false-positive rate, sized by each chunk's distinct values
 * @param partitionBy     columns whose values name hive folders ({@code year=2024/month=1/}): the
 *                        output path is then a directory, and these columns are not stored in the files
 * @param maxRowsPerFile  a file is closed and the next one begun after this many rows (0: no limit);
 *                        with either limit or {@code partitionBy} the output is a directory of parts
 * @param maxBytesPerFile a file is closed and the next one begun once this many bytes are written (0: no limit)
 */
public record WriterOptions(CompressionCodec codec, int rowGroupRows, int pageSizeBytes, boolean dictionary,
                            int maxDictionaryEntries, int maxDictionaryBytes, boolean dataPageV2, boolean statistics,
                            boolean pageChecksums, int compressionLevel, boolean pageIndex, long rowGroupBytes,
                            Map<String, String> metadata, int threads, boolean sync, Set<String> bloomFilterColumns,
                            double bloomFilterFpp, List<String> partitionBy, long maxRowsPerFile, long maxBytesPerFile) {

    /** Default {@link #rowGroupBytes}: 128 MiB of buffered rows. */
    public static final long DEFAULT_ROW_GROUP_BYTES = 128L << 20;

    public WriterOptions {
        Objects.requireNonNull(codec, "codec");
        switch (codec) {
            case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW -> { }
            default -> throw new IllegalArgumentException("codec " + codec + " is not supported for writing; use UNCOMPRESSED, SNAPPY, GZIP, ZSTD or LZ4_RAW");
        }
        if (rowGroupRows <= 0) throw new IllegalArgumentException("rowGroupRows must be positive: " + rowGroupRows);
        if (pageSizeBytes <= 0) throw new IllegalArgumentException("pageSizeBytes must be positive: " + pageSizeBytes);
        if (maxDictionaryEntries < 1) throw new IllegalArgumentException("maxDictionaryEntries must be positive");
        if (maxDictionaryBytes < 1) throw new IllegalArgumentException("maxDictionaryBytes must be positive");
        if (rowGroupBytes <= 0) throw new IllegalArgumentException("rowGroupBytes must be positive: " + rowGroupBytes);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        Objects.requireNonNull(metadata, "metadata");
        bloomFilterColumns = Set.copyOf(bloomFilterColumns);
        partitionBy = List.copyOf(partitionBy);
        if (maxRowsPerFile < 0 || maxBytesPerFile < 0) throw new IllegalArgumentException("file limits must not be negative");
        if (!(bloomFilterFpp > 0 && bloomFilterFpp < 1)) throw new IllegalArgumentException("bloomFilterFpp must be in (0, 1): " + bloomFilterFpp);
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "metadata key"), v));
        metadata = Collections.unmodifiableMap(copy);
    }

    /**
     * SNAPPY, row groups of at most 1,000,000 rows or 128 MiB buffered, 1 MiB pages, dictionaries
     * ≤ 65,535 entries / 1 MiB, v1 pages, statistics, page index, CRCs, no extra metadata, encoded
     * on as many threads as there are processors, no fsync, no Bloom filters.
     */
    public static WriterOptions defaults() {
        return new WriterOptions(CompressionCodec.SNAPPY, 1_000_000, 1 << 20, true, 65_535, 1 << 20, false, true, true, -1,
                true, DEFAULT_ROW_GROUP_BYTES, Map.of(), Runtime.getRuntime().availableProcessors(), false, Set.of(), 0.01, List.of(), 0, 0);
    }

    /** Forces the data to disk before the rename when {@code on} (see {@link #sync}). */
    public WriterOptions withSync(boolean on) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, on, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    /**
     * Adds split-block Bloom filters to these columns (top-level names or dotted leaf paths), at
     * {@link #bloomFilterFpp()}: readers (ours, DuckDB, Spark) then skip row groups where an equality
     * filter's value is absent even though it lies between the chunk's min and max.
     */
    public WriterOptions withBloomFilter(String... columns) {
        Set<String> all = new java.util.LinkedHashSet<>(bloomFilterColumns);
        all.addAll(List.of(columns));
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, all, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    /** The Bloom filters' false-positive rate (default 0.01). */
    public WriterOptions withBloomFilterFpp(double fpp) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, fpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    /**
     * Writes a hive-partitioned dataset: the output path becomes a directory with one folder level per
     * column ({@code year=2024/month=1/part-00000.parquet}); those columns are left out of the files
     * (readers, ours included, restore them from the folder names).
     */
    public WriterOptions withPartitionBy(String... columns) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, List.of(columns), maxRowsPerFile, maxBytesPerFile);
    }

    /** Rolls to a new file after {@code rows} rows (the output path becomes a directory of parts). */
    public WriterOptions withMaxRowsPerFile(long rows) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, rows, maxBytesPerFile);
    }

    /** Rolls to a new file once a file has {@code bytes} bytes written (the output path becomes a directory of parts). */
    public WriterOptions withMaxBytesPerFile(long bytes) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, bytes);
    }

    /** Whether the output is a directory of files (partitioned or rolled) rather than one file. */
    public boolean writesDirectory() {
        return !partitionBy.isEmpty() || maxRowsPerFile > 0 || maxBytesPerFile > 0;
    }

    /** Encodes on {@code n} threads (1: only the writing thread). */
    public WriterOptions withThreads(int n) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, n, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withCodec(CompressionCodec c) {
        return new WriterOptions(c, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    /** Codec by name, case-insensitive: none/uncompressed, snappy, gzip, zstd, lz4/lz4_raw. */
    public WriterOptions withCodec(String name) {
        return withCodec(parseCodec(name));
    }

    public WriterOptions withRowGroupRows(int rows) {
        return new WriterOptions(codec, rows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    /** Closes a row group once its buffered rows take {@code bytes} in memory (see {@link #rowGroupBytes}). */
    public WriterOptions withRowGroupBytes(long bytes) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, bytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withPageSizeBytes(int bytes) {
        return new WriterOptions(codec, rowGroupRows, bytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withDictionary(boolean on) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, on, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withDictionaryLimits(int maxEntries, int maxBytes) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxEntries, maxBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withDataPageV2(boolean on) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, on, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withStatistics(boolean on) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, on, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withPageChecksums(boolean on) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, on, compressionLevel, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withCompressionLevel(int level) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, level, pageIndex, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    public WriterOptions withPageIndex(boolean on) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, on, rowGroupBytes, metadata, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    /** Adds (or replaces) one footer key/value pair. */
    public WriterOptions withMetadata(String key, String value) {
        LinkedHashMap<String, String> m = new LinkedHashMap<>(metadata);
        m.put(Objects.requireNonNull(key, "key"), value);
        return withMetadata(m);
    }

    /** Replaces the footer key/value pairs. */
    public WriterOptions withMetadata(Map<String, String> pairs) {
        return new WriterOptions(codec, rowGroupRows, pageSizeBytes, dictionary, maxDictionaryEntries, maxDictionaryBytes, dataPageV2, statistics, pageChecksums, compressionLevel, pageIndex, rowGroupBytes, pairs, threads, sync, bloomFilterColumns, bloomFilterFpp, partitionBy, maxRowsPerFile, maxBytesPerFile);
    }

    /** Parses a codec name: none/uncompressed, snappy, gzip, zstd, lz4/lz4_raw (case-insensitive). */
    public static CompressionCodec parseCodec(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none", "uncompressed", "plain" -> CompressionCodec.UNCOMPRESSED;
            case "snappy" -> CompressionCodec.SNAPPY;
            case "gzip", "gz" -> CompressionCodec.GZIP;
            case "zstd", "zstandard" -> CompressionCodec.ZSTD;
            case "lz4", "lz4_raw", "lz4-raw" -> CompressionCodec.LZ4_RAW;
            default -> throw new IllegalArgumentException("unknown codec '" + name + "'; use none, snappy, gzip, zstd or lz4");
        };
    }
}
