package dev.streamingadaptive.fuzz;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.reader.ParallelStreamReader;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The ways a mutant is read: every public reader, with one and with two decoding threads. */
enum ReadMode {
    /** {@code MmapParquetReader.readAll()} on the calling thread. */
    READ_ALL_1(1) {
        @Override
        long read(Path f) {
            try (MmapParquetReader r = MmapParquetReader.open(f).withThreads(1)) {
                return touch(r.readAll());
            }
        }
    },
    /** {@code readAll()} and every {@code readRowGroup(i)} on two threads. */
    READ_ALL_2(2) {
        @Override
        long read(Path f) {
            try (MmapParquetReader r = MmapParquetReader.open(f).withThreads(2)) {
                long n = touch(r.readAll());
                for (int g = 0; g < r.numRowGroups(); g++) n += touch(r.readRowGroup(g));
                return n;
            }
        }
    },
    /** {@code AdaptiveStreamingReader.stream()} on two threads. */
    STREAM_2(2) {
        @Override
        long read(Path f) {
            try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(f).withThreads(2); Stream<DataFrame> s = r.stream()) {
                return s.mapToLong(ReadMode::touch).sum();
            }
        }
    },
    /** {@code stream()} under a 4 MB budget, one thread: pages released and decompressed again. */
    STREAM_BUDGET_1(1) {
        @Override
        long read(Path f) {
            try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(f).withThreads(1).withMemoryManager(MemoryManager.fixed(4 << 20));
                 Stream<DataFrame> s = r.stream()) {
                return s.mapToLong(ReadMode::touch).sum();
            }
        }
    },
    /** {@code AdaptiveStreamingReader.collect()} on two threads. */
    COLLECT_2(2) {
        @Override
        long read(Path f) {
            try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(f).withThreads(2)) {
                return touch(r.collect());
            }
        }
    },
    /** {@code ParallelStreamReader.collectParallel()} over the file twice, two threads. */
    PARALLEL_2(2) {
        @Override
        long read(Path f) {
            try (ParallelStreamReader r = new ParallelStreamReader(List.of(f, f)).withThreads(2)) {
                long n = 0;
                for (DataFrame df : r.collectParallel()) n += touch(df);
                return n;
            }
        }
    },
    /** Footer figures only: counts, schema and the memory estimates. */
    FOOTER(1) {
        @Override
        long read(Path f) {
            try (MmapParquetReader r = MmapParquetReader.open(f)) {
                return r.numRowGroups() + r.totalRows() + r.estimateMemoryRequired() + r.estimateRowSize() + r.metadata().hashCode();
            }
        }
    };

    /** Values looked at per frame: enough to run every column's accessors, bounded for large mutants. */
    private static final int TOUCH = 4096;

    final int threads;

    ReadMode(int threads) {
        this.threads = threads;
    }

    /** Reads the file this way; returns a figure derived from what was read (so nothing is optimised away). */
    abstract long read(Path f);

    static ReadMode of(long index) {
        ReadMode[] all = values();
        return all[(int) Math.floorMod(index, all.length)];
    }

    private static long touch(DataFrame df) {
        long h = df.height();
        for (int c = 0; c < df.width(); c++) {
            Column col = df.column(c);
            for (int i = 0, n = Math.min(df.height(), TOUCH); i < n; i++) {
                Object v = col.get(i);
                h = h * 31 + (v == null ? 0 : 1);
            }
        }
        return h;
    }
}
