package dev.streamingadaptive.text;

import dev.streamingadaptive.reader.ParquetFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files a path, glob or directory names for a text scan (a directory: its files with the format's extensions, compressed ones too). */
public final class TextFiles {
    private TextFiles() {}

    public static final List<String> CSV = List.of(".csv", ".tsv", ".txt");
    public static final List<String> NDJSON = List.of(".ndjson", ".jsonl", ".json");

    /** Files of {@code arg} sorted by path ({@link ParquetFiles#expand(String, List)} with these extensions and their .gz/.zst forms). */
    public static List<Path> expand(String arg, List<String> extensions) {
        List<String> all = new ArrayList<>(extensions);
        for (String e : extensions) for (String c : List.of(".gz", ".zst", ".zstd")) all.add(e + c);
        return ParquetFiles.expand(arg, all);
    }
}
