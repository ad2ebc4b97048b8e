package dev.streamingadaptive.cli;

import dev.streamingadaptive.arrow.ArrowIpcWriter;
import dev.streamingadaptive.frame.format.FileFormat;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.reader.ScanStatistics;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Streams a query's result into a file (the format by its name) with a progress line, then says what was written. */
final class ResultFile {
    private ResultFile() {}

    /**
     * @param format the format by {@code out}'s name, or null for an Arrow IPC file
     *               ({@link OutputOptions#writesArrow}: core's formats do not include Arrow, the arrow module writes it)
     */
    static long write(LazyFrame lf, Path out, FileFormat format, OutputOptions options, PrintWriter err) {
        ScanStatistics live = new ScanStatistics();
        long rows;
        long start = System.nanoTime();
        try (ProgressLine progress = ProgressLine.start(live, err)) {
            LazyFrame query = lf.withStatistics(live);
            rows = format == null ? ArrowIpcWriter.sink(query, out) : query.sink(out, format, options.parquet());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String kind = format == null ? "arrow" : format.name().toLowerCase(Locale.ROOT);
        err.println("wrote " + String.format(Locale.ROOT, "%,d", rows) + " rows to " + out + " (" + kind
                + ", " + size(out) + ") in " + millis + " ms");
        err.flush();
        return rows;
    }

    private static String size(Path p) {
        try {
            long b;
            if (Files.isDirectory(p)) {
                try (java.util.stream.Stream<Path> s = Files.walk(p)) {
                    b = s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
            } else {
                b = Files.size(p);
            }
            if (b < 10_000) return b + " bytes";
            if (b < 10_000_000) return String.format(Locale.ROOT, "%.1f KB", b / 1e3);
            if (b < 10_000_000_000L) return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
            return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
