package dev.streamingadaptive.arrow;

import dev.streamingadaptive.arrow.internal.RootWriter;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A query's result as an Arrow {@link ArrowReader}: each {@link #loadNextBatch()} runs the query one batch
 * further and copies that batch into the reader's {@link #getVectorSchemaRoot() root}, reused from batch to
 * batch as Arrow readers do. Memory stays bounded: the query streams, and only the current batch exists in
 * Arrow form. Dictionary columns stay dictionary-encoded by default (decided by the first batch; a later
 * batch that arrives plain is sent as its own dictionary). Hand it to Arrow's C Data Interface with
 * {@link ArrowStreams#export}, or to any Arrow consumer.
 *
 * <pre>{@code
 * try (BufferAllocator allocator = new RootAllocator();
 *      ArrowReader reader = FrameArrowReader.of(LazyFrame.scanParquet("trades/*.parquet"), allocator)) {
 *     while (reader.loadNextBatch()) consume(reader.getVectorSchemaRoot());
 * }
 * }</pre>
 */
public final class FrameArrowReader extends ArrowReader {
    private final dev.streamingadaptive.frame.Schema schema;
    private final Stream<DataFrame> batches;
    private final boolean keepDictionaries;
    private Iterator<DataFrame> iterator;
    private DataFrame first;
    private RootWriter writer;
    private long bytesRead;

    private FrameArrowReader(dev.streamingadaptive.frame.Schema schema, Stream<DataFrame> batches, BufferAllocator allocator,
                             boolean keepDictionaries) {
        super(allocator);
        this.schema = Objects.requireNonNull(schema, "schema");
        this.batches = Objects.requireNonNull(batches, "batches");
        this.keepDictionaries = keepDictionaries;
    }

    /** The result of {@code query}, dictionary columns kept as Arrow dictionaries. The query runs as batches are loaded. */
    public static FrameArrowReader of(LazyFrame query, BufferAllocator allocator) {
        return of(query, allocator, true);
    }

    /** {@link #of(LazyFrame, BufferAllocator)}; {@code keepDictionaries == false} sends every column plain. */
    public static FrameArrowReader of(LazyFrame query, BufferAllocator allocator, boolean keepDictionaries) {
        return new FrameArrowReader(query.schema(), query.stream(), allocator, keepDictionaries);
    }

    /**
     * Batches of {@code schema} (a {@code LazyFrame.stream()}, a reader's {@code stream()}…); closing the
     * reader closes the stream.
     */
    public static FrameArrowReader of(dev.streamingadaptive.frame.Schema schema, Stream<DataFrame> batches,
                                      BufferAllocator allocator, boolean keepDictionaries) {
        return new FrameArrowReader(schema, batches, allocator, keepDictionaries);
    }

    /** The schema in our types. */
    public dev.streamingadaptive.frame.Schema schema() {
        return schema;
    }

    @Override
    protected Schema readSchema() {
        iterator = batches.iterator();
        boolean[] encoded = null;
        if (keepDictionaries && iterator.hasNext()) {
            // The first batch says which columns arrive as dictionaries; the schema announced must say so before it.
            first = iterator.next();
            encoded = RootWriter.dictionaryColumns(first);
        }
        writer = new RootWriter(schema, encoded);
        return writer.arrowSchema();
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        DataFrame batch;
        if (first != null) {
            batch = first;
            first = null;
        } else if (iterator.hasNext()) {
            batch = iterator.next();
        } else {
            return false;
        }
        writer.fill(batch, getVectorSchemaRoot(), dictionaries);
        bytesRead += batch.estimatedBytes();
        return true;
    }

    /** The bytes of our batches converted so far (their estimated in-memory size). */
    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    protected void closeReadSource() {
        first = null;
        batches.close();
    }
}
