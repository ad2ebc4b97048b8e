package dev.streamingadaptive.spark;

import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.lazy.LazyFrame;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Map;

/**
 * Spark's entry to our scans: {@code spark.read().format("streaming-adaptive").load("data/**&#47;*.parquet")}
 * (the short name is registered; the class name works too). The path is a file, a directory or a glob as
 * {@code LazyFrame.scanParquet} takes it, hive folders becoming partition columns. Options:
 * <ul>
 *   <li>{@code splitSize} — bytes of compressed row groups per Spark partition (default {@code 128m}); a
 *       partition is a run of one file's row groups, or several small whole files;</li>
 *   <li>{@code threads} — decoding threads in each task (default 1: Spark runs a task per core);</li>
 *   <li>{@code memoryLimit} — each task's memory budget, e.g. {@code 512m} (default: what the executor's
 *       JVM and container allow, shared by its tasks);</li>
 *   <li>{@code verifyChecksums} — verify page CRCs where the writer stored them (default {@code true}; a
 *       mismatch fails the task naming the file, row group, column and offset).</li>
 * </ul>
 * Column pruning, filters (row groups, pages and rows; see {@link SparkFilters}) and limits are pushed into
 * the scan; Spark reads our batches in place ({@link FrameColumnVector}).
 */
public final class StreamingAdaptiveSource implements TableProvider, DataSourceRegister {
    /** The name for {@code format(...)}. */
    public static final String SHORT_NAME = "streaming-adaptive";

    public StreamingAdaptiveSource() {
    }

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SparkTypes.struct(ourSchema(ScanSettings.of(options)));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        ScanSettings settings = ScanSettings.of(new CaseInsensitiveStringMap(properties));
        return new ParquetTable(settings, ourSchema(settings));
    }

    /** The dataset's schema as Spark sees it, in our types: INT96 columns as instants (see {@link ScanSettings}). */
    static Schema ourSchema(ScanSettings settings) {
        return SparkTypes.instants(LazyFrame.scanParquet(settings.path()).schema(), settings.int96Columns());
    }
}
