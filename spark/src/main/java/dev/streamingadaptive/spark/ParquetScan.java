package dev.streamingadaptive.spark;

import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.reader.ParquetFiles;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The planned scan: Spark partitions cut from the footers by compressed bytes ({@link #planInputPartitions}),
 * the statistics Spark's planner uses, and the factory that runs each partition on an executor.
 */
final class ParquetScan implements Scan, Batch, SupportsReportStatistics {
    private final ScanSettings settings;
    private final Schema schema;
    private final List<String> columns;
    private final Filter[] filters;
    private final int limit;
    private List<SplitPartition> partitions;
    private long rows;
    private long bytes;

    ParquetScan(ScanSettings settings, Schema schema, List<String> columns, Filter[] filters, int limit) {
        this.settings = settings;
        this.schema = schema;
        this.columns = List.copyOf(columns);
        this.filters = filters;
        this.limit = limit;
    }

    @Override
    public StructType readSchema() {
        return SparkTypes.struct(projected());
    }

    private Schema projected() {
        List<Field> fields = new ArrayList<>();
        for (String c : columns) fields.add(schema.field(c));
        return new Schema(fields);
    }

    @Override
    public String description() {
        return "streaming-adaptive " + settings.path() + " ReadSchema: " + columns + ", PushedFilters: " + Arrays.toString(filters)
                + (limit >= 0 ? ", PushedLimit: " + limit : "");
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    /**
     * Runs of consecutive row groups of one file up to {@code splitSize} compressed bytes; whole small files are
     * packed together up to the same size. The footers are read here, on the driver.
     */
    @Override
    public synchronized InputPartition[] planInputPartitions() {
        if (partitions == null) plan();
        return partitions.toArray(InputPartition[]::new);
    }

    private void plan() {
        List<SplitPartition> out = new ArrayList<>();
        SplitPartition.Builder current = new SplitPartition.Builder();
        long target = settings.splitBytes();
        for (Path file : ParquetFiles.expand(settings.path())) {
            try (MmapParquetReader r = MmapParquetReader.open(file)) {
                List<RowGroup> groups = r.metadata().rowGroups();
                long fileBytes = 0;
                for (RowGroup g : groups) fileBytes += compressed(g);
                rows += r.totalRows();
                bytes += fileBytes;
                if (fileBytes <= target) {
                    // A small file goes whole into the current partition while it fits.
                    if (!current.isEmpty() && current.bytes() + fileBytes > target) current = flush(out, current);
                    current.add(file, 0, Integer.MAX_VALUE, fileBytes);
                    continue;
                }
                if (!current.isEmpty()) current = flush(out, current);
                int first = 0;
                long run = 0;
                for (int g = 0; g < groups.size(); g++) {
                    long b = compressed(groups.get(g));
                    if (run > 0 && run + b > target) {
                        current.add(file, first, g, run);
                        current = flush(out, current);
                        first = g;
                        run = 0;
                    }
                    run += b;
                }
                current.add(file, first, Integer.MAX_VALUE, run);
                current = flush(out, current);
            }
        }
        if (!current.isEmpty()) out.add(current.build(out.size()));
        partitions = out;
    }

    private static SplitPartition.Builder flush(List<SplitPartition> out, SplitPartition.Builder b) {
        out.add(b.build(out.size()));
        return new SplitPartition.Builder();
    }

    private static long compressed(RowGroup g) {
        if (g.totalCompressedSize() != null) return g.totalCompressedSize();
        long b = 0;
        for (var c : g.columns()) if (c.metaData() != null) b += c.metaData().totalCompressedSize();
        return b;
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new ParquetReaderFactory(settings, columns, filters, limit);
    }

    /** Rows and on-disk bytes of the dataset from the footers (before filters), for join planning. */
    @Override
    public synchronized Statistics estimateStatistics() {
        if (partitions == null) plan();
        long r = rows, b = bytes;
        return new Statistics() {
            @Override public OptionalLong sizeInBytes() { return OptionalLong.of(b); }
            @Override public OptionalLong numRows() { return OptionalLong.of(r); }
        };
    }
}
