package dev.streamingadaptive.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands FILE|GLOB arguments: an existing path is itself; otherwise a glob ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **}). */
final class Globs {
    private Globs() {}

    /** True when the argument contains glob syntax. */
    static boolean isGlob(String arg) {
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') return true;
        }
        return false;
    }

    /**
     * The files an argument names, sorted; a plain path is returned as is (even if missing, so that
     * opening it reports "no such file").
     *
     * @throws UncheckedIOException wrapping NoSuchFileException when a glob matches nothing
     */
    static List<Path> expand(String arg) {
        Path plain = Path.of(arg);
        if (!isGlob(arg) || Files.exists(plain)) return List.of(plain);
        // The base directory is the longest prefix without glob characters.
        int firstGlob = 0;
        while (firstGlob < arg.length() && "*?[{".indexOf(arg.charAt(firstGlob)) < 0) firstGlob++;
        int sep = arg.lastIndexOf('/', firstGlob);
        Path base = sep < 0 ? Path.of("") : Path.of(sep == 0 ? "/" : arg.substring(0, sep));
        String pattern = sep < 0 ? arg : arg.substring(sep + 1);
        boolean deep = pattern.contains("**") || pattern.indexOf('/') >= 0;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path start = base.toString().isEmpty() ? Path.of(".") : base;
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = deep ? Files.walk(start) : Files.list(start)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                Path rel = start.relativize(p);
                if (matcher.matches(rel)) out.add(base.toString().isEmpty() ? rel : base.resolve(rel));
            });
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new NoSuchFileException(arg, null, "no files match"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) throw new UncheckedIOException(new NoSuchFileException(arg, null, "no files match"));
        out.sort(null);
        return out;
    }
}
