package dev.streamingadaptive.cli;

import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.parquet.ParquetFormatException;
import picocli.CommandLine.ParseResult;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns exceptions into the one-line messages the CLI prints. */
final class Errors {
    private Errors() {}

    /** The one-line message for a failure while reading {@code file} (may be null), without the program prefix. */
    static String forFile(String file, Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof ParquetFormatException p && p.file() != null) {
            // Its message already starts with the file name and names row group, column and offset.
            return p.getMessage();
        }
        String msg = describe(t);
        return file == null ? msg : file + ": " + msg;
    }

    /** The message of an exception, for users. */
    static String describe(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof NoSuchFileException nf) return nf.getReason() != null ? nf.getReason() : "no such file";
        if (t instanceof AccessDeniedException) return "permission denied";
        if (t instanceof NotDirectoryException) return "not a directory";
        if (t instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "cannot read file";
        }
        if (t instanceof OutOfMemoryError) return "out of memory (try a smaller --limit or fewer --columns)";
        if (t instanceof StackOverflowError) return "stack overflow (nesting too deep)";
        String m = t.getMessage();
        if (t instanceof ParquetFormatException || t instanceof IllegalArgumentException || t instanceof MemoryBudgetExceededException) {
            return m != null ? m : t.getClass().getSimpleName();
        }
        return m != null ? m + " (" + t.getClass().getSimpleName() + ")" : t.getClass().getName();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof UncheckedIOException && t.getCause() != null) t = t.getCause();
        return t;
    }

    /** Whether {@code --verbose} was given anywhere on the command line. */
    static boolean verbose(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }
}
