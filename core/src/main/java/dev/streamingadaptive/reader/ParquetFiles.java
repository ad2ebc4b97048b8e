package dev.streamingadaptive.reader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns what a user names — a file, a directory or a glob — into the sorted list of files to
 * read. Globs support {@code *}, {@code ?}, {@code [..]}, {@code {a,b}} and {@code **}, which
 * (as in DuckDB and Polars) matches zero or more directories. A directory means every
 * {@code *.parquet} file below it; hidden and {@code _}-prefixed entries (Spark's {@code _SUCCESS},
 * {@code .crc} files) are ignored.
 */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** True when the argument contains glob syntax. */
    public static boolean isGlob(String arg) {
        for (int i = 0; i < arg.length(); i++) {
            if ("*?[{".indexOf(arg.charAt(i)) >= 0) return true;
        }
        return false;
    }

    /**
     * The files an argument names, sorted. A plain path that is not a directory is returned as
     * is, even if missing, so that opening it reports "no such file".
     *
     * @throws UncheckedIOException wrapping a NoSuchFileException when a glob or directory matches nothing
     */
    public static List<Path> expand(String arg) {
        return expand(arg, List.of(".parquet"));
    }

    /**
     * {@link #expand(String)} where a directory stands for its (non-hidden) files whose names end
     * in one of {@code extensions} (case-insensitive), at any depth.
     */
    public static List<Path> expand(String arg, List<String> extensions) {
        Path plain = Path.of(arg);
        if (Files.isDirectory(plain)) return directory(plain, arg, extensions);
        if (!isGlob(arg) || Files.exists(plain)) return List.of(plain);
        Path base = root(arg);
        String pattern = arg.substring(baseLength(arg));
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        // "**/" also matches no directory at all.
        if (pattern.contains("**/")) matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("**/", "")));
        boolean deep = pattern.contains("**") || pattern.indexOf('/') >= 0;
        Path start = base.toString().isEmpty() ? Path.of(".") : base;
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = deep ? Files.walk(start) : Files.list(start)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                Path rel = start.relativize(p);
                for (PathMatcher m : matchers) {
                    if (m.matches(rel)) {
                        out.add(base.toString().isEmpty() ? rel : base.resolve(rel));
                        break;
                    }
                }
            });
        } catch (NoSuchFileException e) {
            throw noMatch(arg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) throw noMatch(arg);
        out.sort(null);
        return out;
    }

    /**
     * The directory under which the argument's files lie: the directory itself, the longest
     * glob-free prefix of a glob, or a file's parent (where hive partition folders start).
     */
    public static Path root(String arg) {
        Path plain = Path.of(arg);
        if (Files.isDirectory(plain)) return plain;
        if (!isGlob(arg)) return plain.toAbsolutePath().getParent();
        int len = baseLength(arg);
        return len == 0 ? Path.of("") : Path.of(len == 1 ? "/" : arg.substring(0, len - 1));
    }

    /** Length of the glob-free directory prefix, including its trailing slash. */
    private static int baseLength(String arg) {
        int firstGlob = 0;
        while (firstGlob < arg.length() && "*?[{".indexOf(arg.charAt(firstGlob)) < 0) firstGlob++;
        return arg.lastIndexOf('/', firstGlob) + 1;
    }

    private static List<Path> directory(Path dir, String arg, List<String> extensions) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !hidden(dir.relativize(p)))
                    .filter(p -> endsWithAny(p.getFileName().toString().toLowerCase(Locale.ROOT), extensions))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) throw noMatch(arg + " (no *" + String.join(", *", extensions) + " files in the directory)");
        out.sort(null);
        return out;
    }

    private static boolean endsWithAny(String name, List<String> extensions) {
        for (String e : extensions) if (name.endsWith(e)) return true;
        return false;
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            String n = part.toString();
            if (n.startsWith(".") || n.startsWith("_")) return true;
        }
        return false;
    }

    private static UncheckedIOException noMatch(String arg) {
        return new UncheckedIOException(new NoSuchFileException(arg, null, "no files match"));
    }
}
