package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.TextFormatException;
import dev.streamingadaptive.lazy.CsvOptions;
import dev.streamingadaptive.lazy.NdjsonOptions;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.ScanStatistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * CSV or JSON-lines files read as one table: their format, the schema (given, or inferred from
 * the first file when the dataset is opened) and how to scan them. Immutable; each
 * {@link #scan} reads the files again.
 */
public final class TextDataset {
    /** Bytes sampled from the first file for inference (enough for DuckDB's 20,480 rows of most files). */
    private static final int SAMPLE_BYTES = 8 << 20;

    private final List<Path> files;
    private final TextFormat format;
    private final Schema schema;

    private TextDataset(List<Path> files, TextFormat format, Schema schema) {
        this.files = List.copyOf(files);
        this.format = format;
        this.schema = schema;
    }

    /** CSV files; the first one's header and records are read now unless the options give the schema. */
    public static TextDataset csv(List<Path> files, CsvOptions options) {
        Objects.requireNonNull(options, "options");
        requireFiles(files);
        CsvFormat format = new CsvFormat(options);
        Schema schema = options.schema();
        if (schema == null) {
            Path first = files.get(0);
            Chunk sample = sample(format, first);
            List<String> names = null;
            if (options.header()) {
                Chunk[] rest = new Chunk[1];
                names = format.header(sample, rest);
                sample = rest[0];
                if (names == null) throw new TextFormatException("no header: the file has no records", first.toString(), -1);
            }
            schema = CsvSchemaInference.infer(names, sample, options);
            CsvSchemaInference.checkTypes(options.types(), schema.names(), first.toString());
        }
        checkTypes(schema, format.name());
        return new TextDataset(files, format, schema);
    }

    /** JSON-lines files; the first one's records are sampled now unless the options give the schema. */
    public static TextDataset ndjson(List<Path> files, NdjsonOptions options) {
        Objects.requireNonNull(options, "options");
        requireFiles(files);
        NdjsonFormat format = new NdjsonFormat(options);
        Schema schema = options.schema();
        if (schema == null) schema = NdjsonSchemaInference.infer(sample(format, files.get(0)), options.inferRows(), options.ignoreErrors());
        return new TextDataset(files, format, schema);
    }

    private static void requireFiles(List<Path> files) {
        if (files.isEmpty()) throw new IllegalArgumentException("no files to read");
    }

    private static void checkTypes(Schema schema, String format) {
        for (Field f : schema.fields()) {
            if (!ValueColumnBuilder.supports(f.type())) {
                throw new IllegalArgumentException(format + " column '" + f.name() + "' cannot be read as " + f.type());
            }
        }
    }

    private static Chunk sample(TextFormat format, Path file) {
        try (ChunkReader r = format.open(file, SAMPLE_BYTES)) {
            Chunk c = r.next();
            return c != null ? c : new Chunk(file.toString(), new byte[0], 0, 0, 1, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public List<Path> files() { return files; }

    public Schema schema() { return schema; }

    /** "CSV" or "NDJSON". */
    public String formatName() { return format.name(); }

    /** Bytes of the files on disk (compressed ones count as they are stored). */
    public long bytesOnDisk() {
        long n = 0;
        for (Path p : files) {
            try {
                n += Files.size(p);
            } catch (IOException e) {
                return -1;
            }
        }
        return n;
    }

    /** Whether any file is compressed (its size says little about its rows). */
    public boolean compressed() {
        for (Path p : files) if (TextInput.compressed(p)) return true;
        return false;
    }

    /**
     * A scan of {@code columns} (in that order), parsed on {@code threads} threads with the chunks
     * in flight and the batches handed out reserved in {@code memory}.
     *
     * @param live counters updated as the scan reads (bytes, rows), or null
     */
    public TextScan scan(List<String> columns, int threads, MemoryManager memory, ScanStatistics live) {
        for (String c : columns) schema.field(c);
        return new TextScan(this, format, columns, threads, memory, live);
    }
}
