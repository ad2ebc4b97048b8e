package dev.streamingadaptive.spark;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.lazy.ScanOptions;
import dev.streamingadaptive.memory.MemoryManager;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.len;

/**
 * Runs one partition on an executor: our scan of its splits (filters and limit pushed, the needed columns only),
 * batch by batch, each column handed to Spark as a {@link FrameColumnVector} over the batch's own arrays. A count
 * (no columns) is answered from the footers where it can be.
 */
final class ColumnarPartitionReader implements PartitionReader<ColumnarBatch> {
    private Stream<DataFrame> stream;
    private Iterator<DataFrame> batches;
    private StructType sparkSchema;
    private List<String> instants;
    private long countLeft = -1;
    private ColumnarBatch batch;

    ColumnarPartitionReader(ScanSettings settings, SplitPartition partition, List<String> columns, Filter[] filters, int limit) {
        LazyFrame lf = LazyFrame.scanParquet(settings.path(), ScanOptions.defaults().withSplit(partition.splits())
                        .withChecksumVerification(settings.verifyChecksums()))
                .withThreads(settings.threads());
        if (settings.memoryLimit() > 0) lf = lf.withMemoryManager(MemoryManager.fixed(settings.memoryLimit()));
        Expr where = SparkFilters.conjunction(filters, SparkFilters.pushable(lf.schema(), settings.int96Columns()));
        if (where != null) lf = lf.filter(where);
        if (limit >= 0) lf = lf.limit(limit);
        if (columns.isEmpty()) {
            countLeft = ((Number) lf.agg(len()).collect().column(0).get(0)).longValue();
            return;
        }
        lf = lf.select(columns.toArray(String[]::new));
        instants = settings.int96Columns();
        sparkSchema = SparkTypes.struct(SparkTypes.instants(lf.schema(), instants));
        stream = lf.stream();
        batches = stream.iterator();
    }

    @Override
    public boolean next() {
        if (batches == null) {
            if (countLeft <= 0) return false;
            int n = (int) Math.min(countLeft, 1 << 30);
            countLeft -= n;
            batch = new ColumnarBatch(new ColumnVector[0], n);
            return true;
        }
        if (!batches.hasNext()) return false;
        DataFrame frame = SparkTypes.adapt(batches.next(), instants);
        ColumnVector[] vectors = new ColumnVector[frame.width()];
        for (int i = 0; i < vectors.length; i++) vectors[i] = FrameColumnVector.of(frame.column(i), sparkSchema.fields()[i].dataType());
        batch = new ColumnarBatch(vectors, frame.height());
        return true;
    }

    @Override
    public ColumnarBatch get() {
        return batch;
    }

    @Override
    public void close() {
        batch = null;
        if (stream != null) stream.close();
    }
}
