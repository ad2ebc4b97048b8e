package dev.streamingadaptive.spark;

import dev.streamingadaptive.frame.Schema;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/** Takes Spark's pushdowns: the columns it needs, the filters we can evaluate exactly, a limit. */
final class ParquetScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters, SupportsPushDownLimit {
    private final ScanSettings settings;
    private final Schema schema;
    private List<String> columns;
    private Filter[] pushed = new Filter[0];
    private boolean residual;
    private int limit = -1;

    ParquetScanBuilder(ScanSettings settings, Schema schema) {
        this.settings = settings;
        this.schema = schema;
        this.columns = schema.names();
    }

    @Override
    public void pruneColumns(StructType required) {
        List<String> names = new ArrayList<>();
        for (StructField f : required.fields()) names.add(f.name());
        columns = names;
    }

    /** Keeps the filters we translate (evaluated in the scan, exactly) and hands the rest back to Spark. */
    @Override
    public Filter[] pushFilters(Filter[] filters) {
        List<Filter> ours = new ArrayList<>(), theirs = new ArrayList<>();
        Schema pushable = SparkFilters.pushable(schema, settings.int96Columns());
        for (Filter f : filters) (SparkFilters.toExpr(f, pushable) != null ? ours : theirs).add(f);
        pushed = ours.toArray(Filter[]::new);
        residual = !theirs.isEmpty();
        return theirs.toArray(Filter[]::new);
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed;
    }

    /** Each task stops after {@code limit} rows; Spark still applies the limit across tasks. */
    @Override
    public boolean pushLimit(int limit) {
        if (residual) return false;   // rows Spark filters after the scan must not count towards it
        this.limit = limit;
        return true;
    }

    @Override
    public Scan build() {
        return new ParquetScan(settings, schema, columns, pushed, limit);
    }
}
