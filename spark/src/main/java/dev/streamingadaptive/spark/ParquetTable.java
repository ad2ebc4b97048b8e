package dev.streamingadaptive.spark;

import dev.streamingadaptive.frame.Schema;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Set;

/** A Parquet dataset as a Spark table that can be read in batches. */
final class ParquetTable implements SupportsRead {
    private final ScanSettings settings;
    private final Schema schema;

    ParquetTable(ScanSettings settings, Schema schema) {
        this.settings = settings;
        this.schema = schema;
    }

    @Override
    public String name() {
        return "streaming-adaptive " + settings.path();
    }

    @Override
    public StructType schema() {
        return SparkTypes.struct(schema);
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return new ParquetScanBuilder(settings, schema);
    }
}
