package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.DataFrame;

/**
 * Writes a file batch by batch. Every implementation writes to a temporary name beside the target
 * and renames it on {@link #close()}, so a file under the target name is always complete: after a
 * failure (or a killed JVM) the target is untouched or absent.
 *
 * <pre>{@code
 * try (FrameWriter w = FileFormat.of(out).open(out, schema)) {
 *     batches.forEach(w::write);
 * }
 * }</pre>
 */
public interface FrameWriter extends AutoCloseable {
    /**
     * Appends the rows of {@code batch}, whose columns match the writer's schema by position, name
     * and type. An exception thrown here aborts the writer (nothing is committed on close).
     */
    void write(DataFrame batch);

    /** Rows accepted so far. */
    long rowsWritten();

    /** Finishes the file and moves it into place under the target name. */
    @Override
    void close();

    /** Discards everything written; the target is left untouched. Later {@link #close()} calls do nothing. */
    void abort();
}
