package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.FileMetaData;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.reader.internal.ColumnChunkReader;
import dev.streamingadaptive.scan.MemoryFit;
import dev.streamingadaptive.scan.ParquetFile;
import dev.streamingadaptive.scan.ScanContext;

import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a Parquet file through a memory mapping, one row group at a time.
 *
 * <pre>{@code
 * try (var reader = MmapParquetReader.open(Path.of("trades.parquet")).withColumns("symbol", "price")) {
 *     for (int i = 0; i < reader.numRowGroups(); i++) {
 *         DataFrame batch = reader.readRowGroup(i);
 *     }
 * }
 * }</pre>
 *
 * Pages are decompressed straight from the mapping; uncompressed pages are decoded in place.
 * The mapping is released by {@link #close()}. Not thread-safe: use one reader per thread.
 * A facade over the internal scan: the mapped file ({@code scan.ParquetFile}), the reader's
 * threads and budget ({@code scan.ScanContext}) and the one memory-fit check.
 */
public final class MmapParquetReader implements AutoCloseable {
    private final ParquetFile file;
    private final ScanContext context = ScanContext.defaults();
    private List<FieldPlan> fields;
    private boolean verifyChecksums = true;
    private long rowLimit = Long.MAX_VALUE;

    private MmapParquetReader(ParquetFile file) {
        this.file = file;
        this.fields = file.allFields();
    }

    /**
     * Maps the file and reads its footer.
     *
     * @throws UncheckedIOException when the file cannot be opened
     * @throws ParquetFormatException when it is not a readable Parquet file
     */
    public static MmapParquetReader open(Path path) {
        return new MmapParquetReader(ParquetFile.open(path));
    }

    /** Reads only these top-level columns, in this order (projection); unknown names fail with the list of names. */
    public MmapParquetReader withColumns(String... names) {
        fields = file.project(names == null ? null : Arrays.asList(names));
        return this;
    }

    /**
     * Decoding threads for {@link #readAll()} and {@link #readRowGroup(int)} (default: the number of
     * available processors). 1 decodes on the calling thread.
     */
    public MmapParquetReader withThreads(int threads) {
        context.threads(threads);
        return this;
    }

    /** Whether to verify page CRCs when the writer stored them (default true). */
    public MmapParquetReader withChecksumVerification(boolean verify) {
        this.verifyChecksums = verify;
        return this;
    }

    /**
     * {@link #readAll()} returns at most the first {@code rows} rows of the file (default: all); only
     * the row groups holding them are decoded. {@link #readRowGroup(int)} is not limited.
     */
    public MmapParquetReader withRowLimit(long rows) {
        if (rows < 0) throw new IllegalArgumentException("row limit must not be negative, got " + rows);
        this.rowLimit = rows;
        return this;
    }

    /** The file path. */
    public Path path() { return file.path(); }

    /** The whole mapped file (valid until {@link #close()}). */
    public MemorySegment segment() { return file.segment(); }

    /** The footer metadata. */
    public FileMetaData metadata() { return file.metadata(); }

    /** The Parquet schema tree with levels. */
    public ParquetSchema parquetSchema() { return file.parquetSchema(); }

    /** Output schema of the selected columns. */
    public Schema schema() { return ParquetFile.schemaOf(fields); }

    /** Schema of every top-level column, whatever is selected. */
    public Schema fullSchema() { return ParquetFile.schemaOf(file.allFields()); }

    /** Number of row groups. */
    public int numRowGroups() { return file.numRowGroups(); }

    /**
     * Rows in the file: the sum of the row groups' row counts (some writers leave the footer's
     * own total at 0).
     */
    public long totalRows() { return file.totalRows(); }

    /** Rows in row group {@code i}. */
    public long rowGroupRows(int i) { return file.rowGroupRows(i); }

    /**
     * Where available memory comes from (default {@link MemoryManager#system()}): {@link #readRowGroup}
     * and {@link #readAll} refuse, with a {@link MemoryBudgetExceededException}, what cannot fit.
     */
    public MmapParquetReader withMemoryManager(MemoryManager memory) {
        context.memory(memory);
        return this;
    }

    /**
     * Decodes row group {@code i} (selected columns only; columns in parallel when threads &gt; 1).
     *
     * @throws MemoryBudgetExceededException when its estimated decoded size exceeds the available memory
     */
    public DataFrame readRowGroup(int i) {
        return file.whileMapped(() -> {
            checkFits(estimateRowGroupBytes(i), "row group " + i);
            return file.readRowGroup(i, fields, verifyChecksums, context.decodePool());
        });
    }

    private void checkFits(long need, String what) {
        MemoryFit.require(need, context.memory(), what + " of " + file.fileName(), "read it in batches with AdaptiveStreamingReader.stream()");
    }

    /** The mapped file, the reader's threads and budget, and what it selects (for the streaming reader in this package). */
    ParquetFile file() { return file; }

    ScanContext context() { return context; }

    List<FieldPlan> selectedFields() { return fields; }

    boolean verifyChecksums() { return verifyChecksums; }

    /** A resumable reader of one column chunk (for tests in this package). */
    ColumnChunkReader chunkReader(int rowGroup, SchemaNode leaf) {
        return file.chunkReader(rowGroup, leaf, verifyChecksums);
    }

    /**
     * Heap bytes that {@link #readRowGroup(int) readRowGroup(i)} holds once it returns: the selected
     * columns of row group {@code i}, decoded, laid out as the frame columns lay them out (see
     * {@link #estimateMemoryRequired()}). {@code readRowGroup} refuses when this exceeds the
     * available memory.
     */
    public long estimateRowGroupBytes(int i) {
        return file.rowGroupBytes(i, fields);
    }

    /**
     * Heap bytes that {@link #readAll()} holds once it returns: the selected columns of the whole
     * file decoded into one frame. Estimated from the footer (and the dictionary page headers):
     * per row 1 byte for booleans, 4 for 32-bit, 8 for 64-bit values, 4-byte indices plus the
     * dictionaries for dictionary-encoded strings, value bytes plus 4-byte offsets for other
     * strings, 1 byte of null flags for columns that have nulls, 4-byte offsets per list or map.
     * The one figure behind {@link #estimateRowSize()}, {@link #canFitInMemory(long)}, the
     * refusals of {@link #readAll()} and the streaming reader's {@code collect()}.
     */
    public long estimateMemoryRequired() {
        return file.fileBytes(fields);
    }

    /**
     * Decodes every row group into one frame (the first {@link #withRowLimit row limit} rows).
     * Flat fixed-width columns are written straight into whole-file arrays, the others are decoded
     * per row group and concatenated. With threads &gt; 1 every (row group, column) pair is a task
     * for a pool of that many threads, joined from this thread so that no task waits on another.
     */
    public DataFrame readAll() {
        return file.whileMapped(() -> {
            if (rowLimit < totalRows()) return readFirstRows();
            if (numRowGroups() > 0) checkFits(estimateMemoryRequired(), "readAll()");
            return file.readAll(fields, verifyChecksums, context.decodePool());
        });
    }

    /** The first {@code rowLimit} rows: the row groups holding them, decoded and cut. */
    private DataFrame readFirstRows() {
        checkFits(MemoryFit.limitedTo(estimateMemoryRequired(), totalRows(), rowLimit), "readAll()");
        List<DataFrame> parts = new java.util.ArrayList<>();
        long have = 0;
        for (int g = 0; g < numRowGroups() && have < rowLimit; g++) {
            if (rowGroupRows(g) == 0) continue;
            DataFrame rg = file.readRowGroup(g, fields, verifyChecksums, context.decodePool());
            if (have + rg.height() > rowLimit) rg = rg.head((int) (rowLimit - have));
            parts.add(rg);
            have += rg.height();
        }
        return dev.streamingadaptive.scan.Frames.concat(parts, schema());
    }

    /**
     * Decoded bytes per row of the selected columns: {@link #estimateMemoryRequired()} divided by
     * {@link #totalRows()}, rounded up (0 for a file without rows).
     */
    public long estimateRowSize() {
        long rows = totalRows();
        return rows <= 0 ? 0 : Math.ceilDiv(estimateMemoryRequired(), rows);
    }

    /**
     * Whether the selected columns of the whole file, decoded, fit in {@code availableMb}
     * megabytes (MiB): {@link #estimateMemoryRequired()} &lt;= {@code availableMb} &times; 2<sup>20</sup>.
     */
    public boolean canFitInMemory(long availableMb) {
        if (availableMb < 0) return false;
        long available = availableMb > Long.MAX_VALUE >> 20 ? Long.MAX_VALUE : availableMb << 20;
        return estimateMemoryRequired() <= available;
    }

    /** Stops the decoding threads and unmaps the file; the reader cannot be used afterwards. */
    @Override
    public void close() {
        context.close();
        file.close();
    }
}
