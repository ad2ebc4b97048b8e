package dev.streamingadaptive.cli;

import dev.streamingadaptive.frame.format.FileFormat;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.lazy.ScanOptions;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.reader.ParallelStreamReader;
import dev.streamingadaptive.reader.ParquetFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Base of the commands that read files: runs {@link #run}, turns failures into one stderr line
 * ({@code streaming-adaptive: <file>: <message>}, exit 1; with {@code --verbose} also the stack
 * trace) and ends quietly with exit 0 when stdout was closed by the reader of a pipe.
 */
abstract class FileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReadingOptions reading;

    /** The file being processed, named in error messages. */
    protected String currentFile;

    /** Does the work, writing to {@code out}; returns the exit code. */
    protected abstract int run(PrintWriter out) throws Exception;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            int code = run(out);
            out.flush();
            return code;
        } catch (StdoutClosed closed) {
            return 0;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            out.flush();
            if (out.checkError() && isPipeError(e)) return 0;
            err.println(Main.NAME + ": " + Errors.forFile(currentFile, e));
            if (reading.verbose) e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    private static boolean isPipeError(Throwable e) {
        return e instanceof UncheckedIOException || e instanceof IOException;
    }

    /** Opens a file with the reading options (checksum verification) applied. */
    protected MmapParquetReader open(Path file) {
        return MmapParquetReader.open(file).withChecksumVerification(!reading.skipChecksums).withThreads(reading.threads);
    }

    /**
     * Opens what the arguments name as one dataset (one file, several, globs, directories, hive
     * partitions) for a scan with the reading options applied (batches sized by the command's
     * MemoryManager: {@code --memory-limit}, else the system's).
     */
    protected ParallelStreamReader openDataset(List<String> args) {
        ParallelStreamReader r;
        if (args.size() == 1) {
            r = ParallelStreamReader.fromGlob(args.get(0));
        } else {
            List<Path> paths = new ArrayList<>();
            for (String a : args) paths.addAll(ParquetFiles.expand(a));
            r = new ParallelStreamReader(paths);
        }
        return r.withThreads(reading.threads).withMemoryManager(reading.memoryManager()).withChecksumVerification(!reading.skipChecksums);
    }

    /**
     * What the arguments name as one dataset for the query engine (one argument: a file, glob or
     * directory; several: their files in order; Parquet, or CSV / JSON lines by the first one's
     * extension), with the reading options (threads, memory limit,
     * checksums) applied.
     */
    protected LazyFrame dataset(List<String> args, ScanOptions options) {
        ScanOptions o = options.withChecksumVerification(!reading.skipChecksums);
        LazyFrame lf;
        if (FileFormat.ofInput(args.get(0)) != FileFormat.PARQUET) {
            // CSV or JSON lines (by extension): each argument one scan, appended in order.
            LazyFrame[] parts = new LazyFrame[args.size()];
            for (int i = 0; i < parts.length; i++) parts[i] = LazyFrame.scan(args.get(i));
            lf = parts.length == 1 ? parts[0] : LazyFrame.concat(parts);
        } else if (args.size() == 1) {
            lf = LazyFrame.scanParquet(args.get(0), o);
        } else {
            List<Path> paths = new ArrayList<>();
            for (String a : args) paths.addAll(ParquetFiles.expand(a));
            lf = LazyFrame.scanParquet(paths, o);
        }
        return lf.withThreads(reading.threads).withMemoryManager(reading.memoryManager());
    }

    /** Notes the file about to be read, for error messages. */
    protected void at(Path file) {
        currentFile = file.toString();
    }

    /** Reports a usage problem found after parsing (exit 2). */
    protected int usageError(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(Main.NAME + ": " + message);
        err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
        err.flush();
        return 2;
    }

    /** Thrown when stdout reports an error (typically a closed pipe): the command stops quietly. */
    static final class StdoutClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        StdoutClosed() { super("stdout closed", null, false, false); }
    }

    /** An Appendable over {@code out} that stops the command as soon as writing fails. */
    static Appendable checked(PrintWriter out) {
        return new Appendable() {
            @Override public Appendable append(CharSequence csq) {
                out.append(csq);
                check(out);
                return this;
            }
            @Override public Appendable append(CharSequence csq, int start, int end) {
                out.append(csq, start, end);
                check(out);
                return this;
            }
            @Override public Appendable append(char c) {
                out.append(c);
                return this;
            }
        };
    }

    /** Throws {@link StdoutClosed} when {@code out} has failed (flushes it). */
    static void check(PrintWriter out) {
        if (out.checkError()) throw new StdoutClosed();
    }
}
