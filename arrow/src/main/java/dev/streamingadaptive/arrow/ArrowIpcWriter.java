package dev.streamingadaptive.arrow;

import dev.streamingadaptive.arrow.internal.RootWriter;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.FrameWriter;
import dev.streamingadaptive.io.StagedFile;
import dev.streamingadaptive.lazy.LazyFrame;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes frames as an Arrow IPC file: the random-access file format (Feather v2) for {@code .arrow} and
 * {@code .feather}, the streaming format for {@code .arrows}. Uncompressed, dictionary columns decoded; one
 * record batch per frame. Like every {@link FrameWriter} it writes under a temporary name beside the target
 * and renames it on {@link #close()}.
 */
public final class ArrowIpcWriter implements FrameWriter {
    private final Path target;
    private final Path staged;
    private final FileChannel channel;
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final ArrowWriter writer;
    private final RootWriter fill;
    private long rows;
    private boolean done;

    private ArrowIpcWriter(Path target, Schema schema) throws IOException {
        StagedFile.requireNotDirectory(target);
        this.target = target;
        this.staged = StagedFile.stagingPath(target.toAbsolutePath());
        List<Field> nullable = new ArrayList<>();
        for (Field f : schema.fields()) nullable.add(new Field(f.name(), f.type(), true));
        this.fill = new RootWriter(new Schema(nullable), null);
        this.allocator = new RootAllocator();
        FileChannel ch = null;
        VectorSchemaRoot r = null;
        try {
            ch = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            r = VectorSchemaRoot.create(fill.arrowSchema(), allocator);
            this.writer = isStream(target) ? new ArrowStreamWriter(r, null, ch) : new ArrowFileWriter(r, null, ch);
            this.writer.start();
        } catch (IOException | RuntimeException e) {
            if (r != null) r.close();
            if (ch != null) ch.close();
            Files.deleteIfExists(staged);
            allocator.close();
            throw e;
        }
        this.channel = ch;
        this.root = r;
    }

    /** Whether {@code file}'s name asks for an Arrow IPC file ({@code .arrow}, {@code .arrows}, {@code .feather}). */
    public static boolean isArrowFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".arrow") || name.endsWith(".arrows") || name.endsWith(".feather");
    }

    private static boolean isStream(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".arrows");
    }

    /**
     * Opens a writer of {@code schema}'s frames for {@code target} (replaced when it exists).
     *
     * @throws UncheckedIOException when the file cannot be created
     */
    public static ArrowIpcWriter open(Path target, Schema schema) {
        try {
            return new ArrowIpcWriter(target, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code query} into {@code target} as an Arrow IPC file, one record batch per result batch; the
     * file appears complete or not at all.
     *
     * @return the number of rows written
     */
    public static long sink(LazyFrame query, Path target) {
        ArrowIpcWriter w = open(target, query.schema());
        try (Stream<DataFrame> batches = query.stream()) {
            Iterator<DataFrame> it = batches.iterator();
            while (it.hasNext()) w.write(it.next());
        } catch (RuntimeException | Error e) {
            w.abort();
            throw e;
        }
        w.close();
        return w.rowsWritten();
    }

    @Override
    public void write(DataFrame batch) {
        if (done) throw new IllegalStateException("writer of " + target + " is closed");
        if (batch.height() == 0) return;
        try {
            fill.fill(batch, root, Map.of());
            writer.writeBatch();
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
        rows += batch.height();
    }

    @Override
    public long rowsWritten() {
        return rows;
    }

    @Override
    public void close() {
        if (done) return;
        try {
            writer.end();
            release();
            StagedFile.commit(staged, target);
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        if (done) return;
        release();
        try {
            Files.deleteIfExists(staged);
        } catch (IOException ignored) {
            // nothing under the target name was touched; a leftover hidden temp file is all that remains
        }
    }

    private void release() {
        done = true;
        try {
            writer.close();
        } catch (RuntimeException ignored) {
            // closing after a failed write may fail again; the channel is closed below
        }
        root.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted or already complete
        }
        allocator.close();
    }
}
