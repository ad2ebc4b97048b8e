package dev.streamingadaptive.spark;

import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.reader.ParquetFiles;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The source's options, parsed once on the driver and shipped to the executors (plain fields).
 *
 * @param path        the dataset: a file, directory or glob
 * @param splitBytes  compressed row-group bytes per Spark partition
 * @param threads     decoding threads per task
 * @param memoryLimit each task's memory budget in bytes, or 0 for the executor's system budget
 * @param verifyChecksums whether page CRCs are verified (as {@code ScanOptions}; Spark's own reader does not)
 * @param int96Columns top-level INT96 timestamp columns: Spark types them {@code TimestampType} (instants), where
 *                    our reader, like DuckDB, reads them as local date-times
 */
record ScanSettings(String path, long splitBytes, int threads, long memoryLimit, boolean verifyChecksums, List<String> int96Columns)
        implements Serializable {
    ScanSettings {
        int96Columns = List.copyOf(int96Columns);
    }

    static ScanSettings of(CaseInsensitiveStringMap options) {
        String path = options.get("path");
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("streaming-adaptive needs a path: spark.read().format(\"streaming-adaptive\").load(\"data/*.parquet\")");
        }
        long split = bytes(options.getOrDefault("splitSize", "128m"), "splitSize");
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        String memory = options.get("memoryLimit");
        boolean verify = Boolean.parseBoolean(options.getOrDefault("verifyChecksums", "true"));
        return new ScanSettings(path, split, threads, memory == null ? 0 : bytes(memory, "memoryLimit"), verify, int96Columns(path));
    }

    /** The top-level INT96 columns of the dataset's first file (footer only). */
    private static List<String> int96Columns(String path) {
        List<Path> files = ParquetFiles.expand(path);
        List<String> out = new ArrayList<>();
        try (MmapParquetReader r = MmapParquetReader.open(files.getFirst())) {
            for (SchemaNode leaf : r.parquetSchema().leaves()) {
                if (leaf.path().size() == 1 && leaf.element().type() == PhysicalType.INT96) out.add(leaf.name());
            }
        }
        return out;
    }

    /** {@code 512m}, {@code 2g}, {@code 65536}: bytes. */
    static long bytes(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        if (t.endsWith("k")) unit = 1L << 10;
        else if (t.endsWith("m")) unit = 1L << 20;
        else if (t.endsWith("g")) unit = 1L << 30;
        if (unit > 1) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(t) * unit;
            if (v <= 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a size: '" + text + "' (e.g. 128m, 2g)");
        }
    }
}
