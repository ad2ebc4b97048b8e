package dev.streamingadaptive.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.vectorized.ColumnarBatch;

import java.util.List;

/** Made on the driver, serialized to each executor: opens a {@link ColumnarPartitionReader} per partition. */
record ParquetReaderFactory(ScanSettings settings, List<String> columns, Filter[] filters, int limit) implements PartitionReaderFactory {
    @Override
    public boolean supportColumnarReads(InputPartition partition) {
        return true;
    }

    @Override
    public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
        return new ColumnarPartitionReader(settings, (SplitPartition) partition, columns, filters, limit);
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        throw new UnsupportedOperationException("streaming-adaptive reads columnar batches only");
    }
}
