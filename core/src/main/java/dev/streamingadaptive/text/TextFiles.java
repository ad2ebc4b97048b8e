package dev.streamingadaptive.text;

import dev.streamingadaptive.reader.ParquetFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The files a path, glob or directory names for a text scan (a directory: its files with the format's extensions). */
public final class TextFiles {
    private TextFiles() {}

    public static final List<String> CSV = List.of(".csv", ".tsv", ".txt");
    public static final List<String> NDJSON = List.of(".ndjson", ".jsonl", ".json");

    /** Files of {@code arg} sorted by path; compressed variants ({@code .gz}, {@code .zst}) count. */
    public static List<Path> expand(String arg, List<String> extensions) {
        Path plain = Path.of(arg);
        if (!Files.isDirectory(plain)) return ParquetFiles.expand(arg);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(plain)) {
            s.filter(Files::isRegularFile).filter(p -> !hidden(plain.relativize(p))).filter(p -> matches(p, extensions)).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new UncheckedIOException(new NoSuchFileException(arg, null, "no files match (no " + String.join(", ", extensions) + " files in the directory)"));
        }
        out.sort(null);
        return out;
    }

    private static boolean matches(Path p, List<String> extensions) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".gz", ".zst", ".zstd")) if (n.endsWith(suffix)) n = n.substring(0, n.length() - suffix.length());
        for (String e : extensions) if (n.endsWith(e)) return true;
        return false;
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            String n = part.toString();
            if (n.startsWith(".") || n.startsWith("_")) return true;
        }
        return false;
    }
}
