package dev.streamingadaptive.arrow;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Scans and queries across Arrow's C Data Interface ({@code ArrowArrayStream}), the way to hand a scan to
 * another runtime in the same process (pyarrow through JPype or a JNI host, DuckDB, a native engine) without
 * copying it again; and any Arrow stream read back as our frames.
 *
 * <pre>{@code
 * try (BufferAllocator allocator = new RootAllocator();
 *      ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
 *     ArrowStreams.export(LazyFrame.scanParquet("trades/*.parquet").filter(col("size").gt(lit(100))), allocator, stream);
 *     consumer.accept(stream.memoryAddress());     // the consumer releases it when done
 * }
 * }</pre>
 */
public final class ArrowStreams {
    private ArrowStreams() {}

    /**
     * Exports {@code query}'s result into {@code out}: the consumer pulls batches through the C stream's
     * {@code get_next}, which runs the query one batch further; its {@code release} closes the query.
     */
    public static void export(LazyFrame query, BufferAllocator allocator, ArrowArrayStream out) {
        export(FrameArrowReader.of(query, allocator), allocator, out);
    }

    /** Exports any Arrow reader (the stream owns it and closes it on release). */
    public static void export(ArrowReader reader, BufferAllocator allocator, ArrowArrayStream out) {
        Data.exportArrayStream(allocator, reader, out);
    }

    /**
     * The batches of a C stream produced elsewhere, as our frames (copied into heap columns, so each frame
     * outlives the Arrow memory); closing the returned stream releases the C stream.
     */
    public static Stream<DataFrame> frames(ArrowArrayStream in, BufferAllocator allocator) {
        return frames(Data.importArrayStream(allocator, in));
    }

    /**
     * The batches of any Arrow reader (an IPC file, DuckDB's {@code arrowExportStream}, an imported C stream)
     * as our frames, dictionary-encoded vectors as dictionary columns; closing the stream closes the reader.
     *
     * @throws UncheckedIOException when the reader fails
     * @throws UnsupportedOperationException naming a column whose Arrow type we have no equivalent of
     */
    public static Stream<DataFrame> frames(ArrowReader reader) {
        Iterator<DataFrame> it = new Iterator<>() {
            private Boolean ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    try {
                        ready = reader.loadNextBatch();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return ready;
            }

            @Override
            public DataFrame next() {
                if (!hasNext()) throw new NoSuchElementException();
                ready = null;
                try {
                    return ArrowFrames.toFrame(reader.getVectorSchemaRoot(), reader);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
