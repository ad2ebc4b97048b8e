package dev.streamingadaptive.cli;

import dev.streamingadaptive.cli.sample.SampleGenerator;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.write.ParquetWriter;
import dev.streamingadaptive.parquet.write.WriterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/**
 * {@code generate trades|logs|features --rows N --out PATH [--seed 42] [--row-group-size 1000000]
 * [--codec snappy] [--files K]}: writes deterministic sample data as Parquet, in bounded memory.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write deterministic sample data as Parquet.",
                "trades: ts, symbol, price, size, exchange, is_buy, trade_id, cond",
                "logs: ts, level, service, message, latency_ms",
                "features: f00..f49 (normal doubles), label (0/1)"})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET", description = "trades, logs or features")
    String dataset;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of rows in total.")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "Output file; with --files K > 1 a folder receiving part-00000.parquet ...")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--row-group-size", defaultValue = "1000000", paramLabel = "ROWS",
            description = "Rows per row group (default: ${DEFAULT-VALUE}).")
    int rowGroupSize;

    @Option(names = "--codec", defaultValue = "snappy", description = "none, snappy, gzip, zstd or lz4 (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--files", defaultValue = "1", paramLabel = "K", description = "Split the rows across K files (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--batch-size", defaultValue = "32768", hidden = true, description = "Rows generated per batch.")
    int batchSize;

    @Override
    public Integer call() {
        PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        try {
            long start = System.nanoTime();
            Result r = run();
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "generated %,d %s rows in %d file%s, %,d bytes, %.2f s (%,.0f rows/s) -> %s%n",
                    r.rows, dataset.toLowerCase(Locale.ROOT), r.files, r.files == 1 ? "" : "s", r.bytes, seconds,
                    seconds > 0 ? r.rows / seconds : 0.0, out);
            err.flush();
            return 0;
        } catch (Exception | OutOfMemoryError e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            err.println("generate: error: " + msg.replace('\n', ' '));
            err.flush();
            return 1;
        }
    }

    record Result(long rows, int files, long bytes, List<Path> paths) {}

    /** Validates the options and writes the files. */
    Result run() throws IOException {
        if (rows < 0) throw new IllegalArgumentException("--rows must be >= 0, got " + rows);
        if (files < 1) throw new IllegalArgumentException("--files must be >= 1, got " + files);
        if (rowGroupSize < 1) throw new IllegalArgumentException("--row-group-size must be >= 1, got " + rowGroupSize);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        CompressionCodec c = WriterOptions.parseCodec(codec);
        SampleGenerator gen = SampleGenerator.create(dataset, seed);
        WriterOptions options = WriterOptions.defaults().withCodec(c).withRowGroupRows(rowGroupSize);

        List<Path> paths = new ArrayList<>();
        if (files == 1) {
            if (Files.isDirectory(out)) throw new IllegalArgumentException(out + " is a folder; give a file name (or use --files K > 1)");
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            paths.add(out);
        } else {
            if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException(out + " exists and is not a folder (--files " + files + " writes a folder)");
            Files.createDirectories(out);
            for (int k = 0; k < files; k++) paths.add(out.resolve(String.format(Locale.ROOT, "part-%05d.parquet", k)));
        }
        long[] perFile = new long[files];
        for (int k = 0; k < files; k++) perFile[k] = rows / files + (k < rows % files ? 1 : 0);
        // Generate on a second thread while this one encodes and writes; the queue bounds memory
        // to a few batches. The generator itself is sequential, so the data is deterministic.
        BatchProducer producer = new BatchProducer(gen, perFile, batchSize);
        Thread thread = Thread.ofPlatform().daemon().name("generate-producer").start(producer);
        long bytes = 0;
        try {
            for (int k = 0; k < files; k++) bytes += writeFile(paths.get(k), gen, perFile[k], options, producer);
        } finally {
            thread.interrupt();
        }
        return new Result(rows, files, bytes, paths);
    }

    /** Produces the batches of all files in order into a small bounded queue. */
    static final class BatchProducer implements Runnable {
        private static final Object END = new Object();
        private final SampleGenerator gen;
        private final long[] perFile;
        private final int batchSize;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);

        BatchProducer(SampleGenerator gen, long[] perFile, int batchSize) {
            this.gen = gen;
            this.perFile = perFile;
            this.batchSize = batchSize;
        }

        @Override
        public void run() {
            try {
                try {
                    for (long n : perFile) {
                        for (long left = n; left > 0; ) {
                            int b = (int) Math.min(left, batchSize);
                            queue.put(gen.next(b));
                            left -= b;
                        }
                    }
                    queue.put(END);
                } catch (RuntimeException | Error e) {
                    queue.put(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        DataFrame take() {
            try {
                Object o = queue.take();
                if (o instanceof DataFrame d) return d;
                if (o instanceof RuntimeException e) throw e;
                if (o instanceof Error e) throw e;
                throw new IllegalStateException("generator ended early");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private long writeFile(Path path, SampleGenerator gen, long n, WriterOptions options, BatchProducer producer) throws IOException {
        ParquetWriter w = ParquetWriter.open(path, gen.schema(), options);
        try {
            long left = n;
            while (left > 0) {
                DataFrame batch = producer.take();
                w.write(batch);
                left -= batch.height();
            }
            w.close();
        } catch (RuntimeException | Error e) {
            w.abort();
            throw e;
        }
        return Files.size(path);
    }
}
