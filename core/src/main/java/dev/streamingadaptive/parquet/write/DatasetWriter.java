package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.FrameWriter;
import dev.streamingadaptive.io.StagedFile;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.predicate.Rows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes a directory of Parquet files: hive partitions ({@link WriterOptions#partitionBy()}, one
 * {@code key=value} folder level per column, those columns left out of the files) and/or files
 * rolled at {@link WriterOptions#maxRowsPerFile()} rows or {@link WriterOptions#maxBytesPerFile()}
 * bytes, named {@code part-00000.parquet}, {@code part-00001.parquet}… in each folder.
 *
 * <p>Everything goes into a hidden sibling directory that {@link #close()} renames to the target,
 * so the dataset appears complete or not at all; the target must not exist or be an empty
 * directory. Rows buffered across all open files are kept within one row group's worth
 * ({@link WriterOptions#rowGroupBytes()}, at most an eighth of the budget): when they exceed it the largest buffer is written out as
 * a (smaller) row group; at most {@value #MAX_OPEN_FILES} files are open, the least recently used
 * being finished first. Null partition values go to {@code __HIVE_DEFAULT_PARTITION__}.
 */
public final class DatasetWriter implements FrameWriter {
    static final int MAX_OPEN_FILES = 4096;
    private static final String NULL_FOLDER = "__HIVE_DEFAULT_PARTITION__";

    private final Path target;
    private final Path temp;
    private final Schema schema;
    private final Schema fileSchema;
    private final int[] keyColumns;
    private final int[] dataColumns;
    private final WriterOptions options;
    private final MemoryManager memory;
    /** Open files by partition folder (relative, "" without partitions), least recently used first. */
    private final LinkedHashMap<String, ParquetWriter> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> nextPart = new HashMap<>();
    private final Map<String, Long> rowsInFile = new HashMap<>();
    /** Bytes all open files may buffer together: one row group's worth, at most an eighth of the memory budget. */
    private final long bufferLimit;
    /** The encoders' scratch space and compressor, shared by every file of a partitioned write (they flush one at a time). */
    private ColumnChunkEncoder.Buffers shared;
    private MemoryManager.Reservation sharedReserved;
    private long rows;
    private boolean done;

    private DatasetWriter(Path target, Path temp, Schema schema, WriterOptions options, MemoryManager memory) {
        this.target = target;
        this.temp = temp;
        this.schema = schema;
        this.options = options;
        this.memory = memory;
        this.bufferLimit = memory == null ? options.rowGroupBytes() : Math.min(options.rowGroupBytes(), Math.max(1 << 20, memory.capacityBytes() / 8));
        List<Field> fields = schema.fields();
        keyColumns = new int[options.partitionBy().size()];
        for (int k = 0; k < keyColumns.length; k++) {
            String name = options.partitionBy().get(k);
            int i = schema.indexOf(name);
            if (i < 0) throw new IllegalArgumentException("partition column '" + name + "' is not in the schema " + schema.names());
            if (fields.get(i).type().isNested()) throw new IllegalArgumentException("partition column '" + name + "' is nested: " + fields.get(i).type());
            keyColumns[k] = i;
        }
        List<Field> kept = new ArrayList<>();
        List<Integer> data = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (options.partitionBy().contains(fields.get(i).name())) continue;
            kept.add(fields.get(i));
            data.add(i);
        }
        if (kept.isEmpty()) throw new IllegalArgumentException("every column is a partition column: nothing would be left to write in the files");
        fileSchema = new Schema(kept);
        dataColumns = data.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Starts writing the dataset directory {@code out}.
     *
     * @param memory where each file reserves its buffered rows; may be null
     * @throws IllegalArgumentException when {@code out} exists and is not an empty directory, or a
     *         partition column is unknown or nested
     */
    public static DatasetWriter open(Path out, Schema schema, WriterOptions options, MemoryManager memory) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        Path abs = out.toAbsolutePath();
        if (Files.exists(abs) && !emptyDirectory(abs)) {
            throw new IllegalArgumentException(abs + " exists and is not an empty directory; a dataset is written into a new one");
        }
        Path temp = StagedFile.stagingPath(abs);
        DatasetWriter w = new DatasetWriter(abs, temp, schema, options, memory);
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + temp + ": " + e.getMessage(), e);
        }
        return w;
    }

    private static boolean emptyDirectory(Path p) {
        if (!Files.isDirectory(p)) return false;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void write(DataFrame batch) {
        if (done) throw new IllegalStateException("writer for " + target + " is closed");
        try {
            Objects.requireNonNull(batch, "batch");
            if (keyColumns.length == 0) {
                append("", project(batch));
            } else {
                Map<String, int[]> groups = new LinkedHashMap<>();
                Map<String, Integer> sizes = new HashMap<>();
                String[] keys = new String[batch.height()];
                for (int r = 0; r < batch.height(); r++) {
                    String k = folder(batch, r);
                    keys[r] = k;
                    sizes.merge(k, 1, Integer::sum);
                }
                Map<String, Integer> fill = new HashMap<>();
                for (int r = 0; r < batch.height(); r++) {
                    int[] rowsOf = groups.computeIfAbsent(keys[r], k -> new int[sizes.get(k)]);
                    int at = fill.merge(keys[r], 1, Integer::sum) - 1;
                    rowsOf[at] = r;
                }
                DataFrame data = project(batch);
                for (Map.Entry<String, int[]> g : groups.entrySet()) {
                    append(g.getKey(), g.getValue().length == batch.height() ? data : take(data, g.getValue()));
                }
            }
            rows += batch.height();
            keepBufferedRowsBounded();
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    private DataFrame project(DataFrame batch) {
        if (dataColumns.length == batch.width()) return batch;
        List<Column> cols = new ArrayList<>(dataColumns.length);
        for (int i : dataColumns) cols.add(batch.column(i));
        return new DataFrame(cols, batch.height());
    }

    private static DataFrame take(DataFrame df, int[] rows) {
        List<Column> cols = new ArrayList<>(df.width());
        for (Column c : df.columns()) cols.add(Rows.take(c, rows));
        return new DataFrame(cols, rows.length);
    }

    /** The relative folder of row {@code r}: {@code key=value/…}, values URL-encoded as hive and our reader decode them. */
    private String folder(DataFrame batch, int r) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < keyColumns.length; k++) {
            Column c = batch.column(keyColumns[k]);
            Object v = c.get(r);
            sb.append(encode(c.name())).append('=').append(v == null ? NULL_FOLDER : encode(text(v))).append('/');
        }
        return sb.toString();
    }

    private static String text(Object v) {
        return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Appends to the partition's current file, rolling to the next file at the limits. */
    private void append(String folder, DataFrame part) {
        int off = 0;
        while (off < part.height()) {
            ParquetWriter w = open.get(folder);
            if (w == null) w = openFile(folder);
            long inFile = rowsInFile.getOrDefault(folder, 0L);
            int take = part.height() - off;
            if (options.maxRowsPerFile() > 0) take = (int) Math.min(take, options.maxRowsPerFile() - inFile);
            w.write(off == 0 && take == part.height() ? part : part.slice(off, take));
            off += take;
            inFile += take;
            rowsInFile.put(folder, inFile);
            boolean full = (options.maxRowsPerFile() > 0 && inFile >= options.maxRowsPerFile())
                    || (options.maxBytesPerFile() > 0 && w.bytesWritten() >= options.maxBytesPerFile());
            if (full) finish(folder);
        }
    }

    private ParquetWriter openFile(String folder) {
        if (open.size() >= MAX_OPEN_FILES) finish(open.keySet().iterator().next());
        int n = nextPart.merge(folder, 1, Integer::sum) - 1;
        Path dir = temp.resolve(folder);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        // A whole row group per open file would not stay bounded across many partitions; keepBufferedRowsBounded
        // flushes. Partitioned files encode on the writing thread only: each helper thread would bring its own
        // scratch buffers per open file, and the scan's threads are busy anyway.
        ParquetWriter w;
        Path file = dir.resolve(String.format("part-%05d.parquet", n));
        if (keyColumns.length > 0) {
            if (shared == null) {
                shared = new ColumnChunkEncoder.Buffers(options);
                if (memory != null) sharedReserved = memory.reserve(0);
            }
            w = ParquetWriter.open(file, fileSchema, options.withThreads(1), memory, shared);
        } else {
            w = ParquetWriter.open(file, fileSchema, options, memory);
        }
        open.put(folder, w);
        rowsInFile.put(folder, 0L);
        return w;
    }

    private void finish(String folder) {
        ParquetWriter w = open.remove(folder);
        rowsInFile.remove(folder);
        if (w != null) w.close();
    }

    /** Writes out the largest buffers while all open files together buffer more than one row group's bytes. */
    private void keepBufferedRowsBounded() {
        if (sharedReserved != null) sharedReserved.resize(shared.retainedBytes());
        long total = 0;
        for (ParquetWriter w : open.values()) total += w.bufferedBytes();
        while (total > bufferLimit && open.size() > 1) {
            ParquetWriter largest = open.values().stream().max(Comparator.comparingLong(ParquetWriter::bufferedBytes)).orElseThrow();
            total -= largest.bufferedBytes();
            largest.flush();
        }
    }

    @Override
    public long rowsWritten() { return rows; }

    /** Finishes every open file, then renames the directory into place. */
    @Override
    public void close() {
        if (done) return;
        try {
            for (Iterator<ParquetWriter> it = open.values().iterator(); it.hasNext(); ) {
                ParquetWriter w = it.next();
                it.remove();
                w.close();
            }
            releaseShared();
            if (Files.exists(target)) Files.delete(target);   // checked empty at open
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("finishing " + target + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    /** Discards everything: aborts the open files and deletes the hidden directory. */
    @Override
    public void abort() {
        if (done) return;
        done = true;
        for (ParquetWriter w : open.values()) w.abort();
        open.clear();
        releaseShared();
        try (Stream<Path> s = Files.walk(temp)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover hidden directory is harmless and named as ours
        }
    }

    private void releaseShared() {
        if (shared != null) shared.compressor.close();
        if (sharedReserved != null) sharedReserved.close();
        shared = null;
        sharedReserved = null;
    }

    /** The schema of the rows given to {@link #write} (partition columns included). */
    public Schema schema() { return schema; }

    @Override
    public String toString() {
        return "DatasetWriter[" + target + ", partitions " + Arrays.toString(keyColumns) + "]";
    }
}
