package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.write.DatasetWriter;
import dev.streamingadaptive.parquet.write.ParquetWriter;
import dev.streamingadaptive.parquet.write.WriterOptions;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The file formats results can be written as, chosen by the file name: {@code .parquet} (also
 * {@code .pq}), {@code .csv}, {@code .ndjson} / {@code .jsonl}; the text formats may end in
 * {@code .gz} to be gzip-compressed.
 */
public enum FileFormat {
    PARQUET, CSV, NDJSON;

    /**
     * The format of {@code file} by its extension.
     *
     * @throws IllegalArgumentException naming the file and the extensions known
     */
    public static FileFormat of(Path file) {
        if (java.nio.file.Files.isDirectory(file) || file.getFileName() != null && !file.getFileName().toString().contains(".")) {
            return PARQUET;   // a dataset directory (partitioned or rolled output)
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                throw new IllegalArgumentException(file + ": Parquet files compress their pages; use --codec instead of .gz");
            }
            return PARQUET;
        }
        if (name.endsWith(".csv")) return CSV;
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) return NDJSON;
        throw new IllegalArgumentException("cannot tell the format of " + file
                + " by its name; use .parquet, .csv, .ndjson or .jsonl (text formats may add .gz)");
    }

    /**
     * The format of an input path, glob or directory by its extension, compressed text included
     * ({@code .csv}, {@code .tsv}, {@code .txt}, {@code .ndjson}, {@code .jsonl}, {@code .json},
     * each possibly followed by {@code .gz} or {@code .zst}); anything else, directories
     * included, is Parquet.
     */
    public static FileFormat ofInput(String pathOrGlob) {
        String name = pathOrGlob.toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {".gz", ".zst", ".zstd"}) {
            if (name.endsWith(suffix)) name = name.substring(0, name.length() - suffix.length());
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) return CSV;
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")) return NDJSON;
        return PARQUET;
    }

    /** Opens a writer with the default Parquet options and no memory reservation. */
    public FrameWriter open(Path out, Schema schema) {
        return open(out, schema, WriterOptions.defaults(), null);
    }

    /**
     * Opens a writer of this format for {@code out}.
     *
     * @param parquetOptions used by {@link #PARQUET} only; with partitions or file limits
     *                       ({@link WriterOptions#writesDirectory()}) {@code out} becomes a directory
     * @param memory         where a Parquet writer reserves its buffered row group; may be null
     */
    public FrameWriter open(Path out, Schema schema, WriterOptions parquetOptions, MemoryManager memory) {
        return switch (this) {
            case PARQUET -> parquetOptions.writesDirectory() ? DatasetWriter.open(out, schema, parquetOptions, memory)
                    : ParquetWriter.open(out, schema, parquetOptions, memory);
            case CSV -> TextFileWriter.csv(out, schema);
            case NDJSON -> TextFileWriter.ndjson(out, schema);
        };
    }
}
