package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.ScanStatistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a {@link TextDataset}'s files in order and hands out one batch per chunk, in file order:
 * the calling thread reads and cuts the next chunks while {@code threads} others parse the previous
 * ones, and parses one itself when the batch it needs has not been started. Memory stays bounded:
 * at most {@code threads + 2} chunks are in flight, each
 * acquired in the {@link MemoryManager} before it is read (so a full budget makes the reader
 * wait), and each batch handed out stays reserved until {@code threads} later ones were.
 *
 * <p>The first chunk of each file is small, so a query that needs a few rows gets them after
 * reading little; later chunks are as large as the budget allows, up to 8 MB.
 */
public final class TextScan implements AutoCloseable {
    private static final int FIRST_CHUNK = 256 << 10;
    private static final int MAX_CHUNK = 8 << 20;
    private static final AtomicInteger SCANS = new AtomicInteger();

    private final TextDataset dataset;
    private final TextFormat format;
    private final ChunkParser parser;
    private final int threads;
    private final MemoryManager memory;
    private final ScanStatistics live;
    private final int chunkBytes;
    private final ExecutorService pool;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final ArrayDeque<MemoryManager.Reservation> handedOut = new ArrayDeque<>();
    /** Arrays of parsed chunks, read into again (8 MB arrays are costly to allocate and zero). */
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private final MemoryManager.Reservation spareBytes;
    private final List<String> columns;
    private int nextFile;
    private ChunkReader reader;
    private boolean firstChunkOfFile;
    private long bytesRead;
    private long rowsRead;
    private boolean closed;

    private record Pending(FutureTask<DataFrame> batch, MemoryManager.Reservation reservation, int bytes, byte[] data) {}

    TextScan(TextDataset dataset, TextFormat format, List<String> columns, int threads, MemoryManager memory, ScanStatistics live) {
        this.dataset = dataset;
        this.format = format;
        this.columns = List.copyOf(columns);
        this.parser = format.parser(dataset.schema(), this.columns);
        this.threads = Math.max(1, threads);
        this.memory = memory;
        this.live = live;
        // What one chunk size holds at most: threads + 2 in flight (3x each: the text and the batch
        // it becomes), threads batches handed out, threads + 1 spare arrays; half the budget for it.
        long fit = memory.capacityBytes() / (2L * (5L * this.threads + 7));
        this.chunkBytes = (int) Math.max(FIRST_CHUNK, Math.min(MAX_CHUNK, fit));
        this.spareBytes = memory.reserve(0);
        int id = SCANS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        // threads workers parse; the calling thread reads the chunks and parses the next one itself
        // when no worker has started it. Measured on 2 cores (bench/csvscan all_columns): 1 worker
        // 1.37 s, 2 workers 0.98 s; the pipeline thread waiting on the source keeps a core idle otherwise.
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "text-scan-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The next batch, or null after the last. @throws dev.streamingadaptive.frame.format.TextFormatException for bad input */
    public DataFrame next() {
        while (!closed) {
            fill();
            Pending p = inFlight.poll();
            if (p == null) {
                close();
                return null;
            }
            DataFrame batch;
            try {
                // Not started yet: parse it here rather than wait (a no-op if a worker has begun it).
                if (!p.batch.isDone()) p.batch.run();
                batch = p.batch.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new CancellationException("interrupted while parsing");
            } catch (ExecutionException e) {
                close();
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error er) throw er;
                throw new IllegalStateException(e.getCause());
            } finally {
                p.reservation.close();
            }
            // The batch holds copies of what it needs: the chunk's array can be read into again.
            if (spare.size() <= threads) {
                spare.addLast(p.data);
                spareBytes.resize(spareBytes.bytes() + p.data.length);
            }
            if (live != null) live.add(ScanStatistics.ofText(p.bytes, batch.height(), 0));
            bytesRead += p.bytes;
            rowsRead += batch.height();
            if (batch.height() == 0) continue;
            handedOut.addLast(memory.reserve(bytes(batch), batch));
            while (handedOut.size() > threads) handedOut.pollFirst().close();
            return batch;
        }
        return null;
    }

    private static long bytes(DataFrame batch) {
        long n = 0;
        for (Column c : batch.columns()) n += c.estimatedBytes();
        return n;
    }

    /** Reads chunks and starts parsing them until {@code threads + 2} are in flight or the files end. */
    private void fill() {
        while (inFlight.size() <= threads + 1) {
            int size = reader == null || firstChunkOfFile ? FIRST_CHUNK : chunkBytes;
            // The chunk, and the batch it becomes, held until parsed: about three times its bytes.
            MemoryManager.Reservation r = inFlight.isEmpty() ? memory.reserve(3L * size, null) : memory.acquire(3L * size, null);
            Chunk chunk;
            try {
                chunk = nextChunk(size);
            } catch (RuntimeException e) {
                r.close();
                throw e;
            }
            if (chunk == null) {
                r.close();
                return;
            }
            if (chunk.data().length > size) r.resize(3L * chunk.data().length);
            Chunk c = chunk;
            FutureTask<DataFrame> task = new FutureTask<>(() -> parser.parse(c));
            pool.execute(task);
            inFlight.addLast(new Pending(task, r, c.length(), c.data()));
        }
    }

    private Chunk nextChunk(int size) {
        try {
            while (true) {
                if (reader == null) {
                    if (nextFile >= dataset.files().size()) return null;
                    Path file = dataset.files().get(nextFile++);
                    reader = format.open(file, FIRST_CHUNK);
                    firstChunkOfFile = true;
                }
                byte[] reuse = firstChunkOfFile ? null : spare.pollFirst();
                if (reuse != null) spareBytes.resize(spareBytes.bytes() - reuse.length);
                Chunk c = firstChunkOfFile ? reader.next() : reader.nextOfSize(size, reuse);
                if (c == null) {
                    reader.close();
                    reader = null;
                    continue;
                }
                if (firstChunkOfFile) {
                    firstChunkOfFile = false;
                    c = format.withoutHeader(c, dataset.schema());
                }
                return c;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataset.files().get(nextFile - 1) + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of text parsed so far (after decompression). */
    public long bytesRead() { return bytesRead; }

    /** Rows parsed so far. */
    public long rowsRead() { return rowsRead; }

    /** How many files the scan has opened. */
    public int filesOpened() { return nextFile; }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Pending p : inFlight) p.batch.cancel(true);
        pool.shutdownNow();
        for (Pending p : inFlight) p.reservation.close();
        inFlight.clear();
        for (MemoryManager.Reservation r : handedOut) r.close();
        handedOut.clear();
        spare.clear();
        spareBytes.close();
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // closing a read-only file: nothing to report
            }
            reader = null;
        }
    }
}
