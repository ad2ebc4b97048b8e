package dev.streamingadaptive.parquet.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the parquet-testing corpus and loads files as heap segments. */
final class TestFiles {
    private TestFiles() {}

    /** The parquet-testing root: system property {@code parquet.testing.dir}, else known fallbacks. */
    static Path root() {
        String prop = System.getProperty("parquet.testing.dir");
        for (String candidate : new String[] {prop, "../../shared/parquet-testing", "/work/shared/parquet-testing"}) {
            if (candidate == null) continue;
            Path p = Path.of(candidate);
            if (Files.isDirectory(p.resolve("data"))) return p.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("parquet-testing corpus not found (set -Dparquet.testing.dir); tried "
                + prop + ", ../../shared/parquet-testing, /work/shared/parquet-testing");
    }

    static Path data(String name) {
        return root().resolve("data").resolve(name);
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MemorySegment segment(Path p) {
        return MemorySegment.ofArray(bytes(p));
    }

    static FileMetaData footer(String dataFile) {
        Path p = data(dataFile);
        return ParquetFooter.read(segment(p), p.getFileName().toString());
    }

    /** All files under {@code sub} (recursively) whose name ends with one of the suffixes. */
    static List<Path> list(String sub, String... suffixes) {
        try (Stream<Path> s = Files.walk(root().resolve(sub))) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        for (String suf : suffixes) if (n.endsWith(suf)) return true;
                        return false;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
