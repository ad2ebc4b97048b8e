package dev.streamingadaptive.cli;

import dev.streamingadaptive.arrow.ArrowIpcWriter;
import dev.streamingadaptive.frame.format.FileFormat;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.write.WriterOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * How commands that write files ({@code convert}, {@code query --out}) write them: the format comes
 * from the output's name ({@link FileFormat#of}); these options shape Parquet output.
 */
final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private CompressionCodec codec = CompressionCodec.SNAPPY;

    @Option(names = "--codec", paramLabel = "CODEC", description = "Parquet page compression: snappy (default), zstd, gzip, lz4, none.")
    void setCodec(String name) {
        try {
            codec = WriterOptions.parseCodec(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--codec: " + e.getMessage());
        }
    }

    @Option(names = "--compression-level", paramLabel = "N", description = "Level for zstd (1-22) or gzip (0-9).")
    Integer level;

    private long rowGroupBytes = -1;

    @Option(names = "--row-group-size", paramLabel = "SIZE",
            description = "Close a Parquet row group at this much buffered data, e.g. 64m (default 128m, at most a quarter of the memory budget).")
    void setRowGroupSize(String value) {
        rowGroupBytes = Sizes.parse(value, "--row-group-size", mixee);
    }

    private int rowGroupRows = -1;

    @Option(names = "--row-group-rows", paramLabel = "N", description = "Close a Parquet row group at N rows (default 1000000).")
    void setRowGroupRows(int n) {
        if (n < 1) throw new ParameterException(mixee.commandLine(), "--row-group-rows must be at least 1, got " + n);
        rowGroupRows = n;
    }

    @Option(names = "--bloom-filter", split = ",", paramLabel = "COLUMN",
            description = "Write a Bloom filter for these columns (equality filters then skip row groups without the value).")
    java.util.List<String> bloomFilter;

    @Option(names = "--partition-by", split = ",", paramLabel = "COLUMN",
            description = "Write a hive-partitioned directory: OUT/a=1/b=x/part-00000.parquet (Parquet only).")
    java.util.List<String> partitionBy;

    private long maxRowsPerFile;

    @Option(names = "--max-rows-per-file", paramLabel = "N", description = "Start a new file after N rows (OUT becomes a directory of parts).")
    void setMaxRowsPerFile(long n) {
        if (n < 1) throw new ParameterException(mixee.commandLine(), "--max-rows-per-file must be at least 1, got " + n);
        maxRowsPerFile = n;
    }

    private long maxBytesPerFile;

    @Option(names = "--max-file-size", paramLabel = "SIZE", description = "Start a new file once a file has SIZE bytes, e.g. 512m (OUT becomes a directory of parts).")
    void setMaxFileSize(String value) {
        maxBytesPerFile = Sizes.parse(value, "--max-file-size", mixee);
    }

    @Option(names = "--sync", description = "Force the output to disk before it is renamed into place (survives a power loss; slower).")
    boolean sync;

    /** The Parquet writer options these flags describe. */
    WriterOptions parquet() {
        WriterOptions o = WriterOptions.defaults().withCodec(codec).withSync(sync);
        if (level != null) o = o.withCompressionLevel(level);
        if (rowGroupBytes > 0) o = o.withRowGroupBytes(rowGroupBytes);
        if (rowGroupRows > 0) o = o.withRowGroupRows(rowGroupRows);
        if (bloomFilter != null && !bloomFilter.isEmpty()) o = o.withBloomFilter(bloomFilter.toArray(String[]::new));
        if (partitionBy != null && !partitionBy.isEmpty()) o = o.withPartitionBy(partitionBy.toArray(String[]::new));
        if (maxRowsPerFile > 0) o = o.withMaxRowsPerFile(maxRowsPerFile);
        if (maxBytesPerFile > 0) o = o.withMaxBytesPerFile(maxBytesPerFile);
        return o;
    }

    /**
     * The format of {@code out} by its name.
     *
     * @throws IllegalArgumentException naming the known extensions (a usage error)
     */
    FileFormat formatOf(Path out) {
        if (writesDirectory()) {
            String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
                throw new IllegalArgumentException("--partition-by, --max-rows-per-file and --max-file-size write Parquet directories; "
                        + out + " names a text file");
            }
            return FileFormat.PARQUET;
        }
        return FileFormat.of(out);
    }

    /**
     * Whether {@code out} names an Arrow IPC file ({@code .arrow}, {@code .arrows}, {@code .feather}).
     *
     * @throws IllegalArgumentException when Parquet's directory options are given too (a usage error)
     */
    boolean writesArrow(Path out) {
        if (!ArrowIpcWriter.isArrowFile(out)) return false;
        if (writesDirectory()) {
            throw new IllegalArgumentException("--partition-by, --max-rows-per-file and --max-file-size write Parquet directories; "
                    + out + " names an Arrow file");
        }
        return true;
    }

    private boolean writesDirectory() {
        return (partitionBy != null && !partitionBy.isEmpty()) || maxRowsPerFile > 0 || maxBytesPerFile > 0;
    }
}
