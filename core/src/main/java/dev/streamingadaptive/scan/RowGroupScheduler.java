package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.AdaptiveChunkStrategy;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.reader.internal.ScratchBuffers;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One pass over a plan's units — the row groups of all planned files — on a work-stealing pool of
 * the context's threads. The consumer's thread schedules (opens files, starts units within the
 * window) and closes files once all their units are consumed; pool threads only decode. Units are
 * started only while the estimated bytes of started-but-unconsumed units fit half the available
 * memory (a quarter, an eighth… after memory pressure), at most twice the thread count, and with
 * at most {@code maxFiles} files mapped at once: a slow consumer holds the scan back instead of
 * filling the heap. The row limit ends the pass once that many rows are out. Closing stops the
 * pool and unmaps every file, whatever state the scan is in.
 */
final class RowGroupScheduler implements DatasetScan {

    /** One row group of one file: the unit of parallel work. */
    private record Unit(PlannedFile file, int group) {}

    /** A file mapped for the units of a scan, with what its batches decode and filter. */
    private static final class OpenFile {
        final ParquetFile file;
        final List<FieldPlan> output;
        final ScanPredicate pushed;
        final ScanPredicate post;
        int unitsLeft;

        OpenFile(ParquetFile file, List<FieldPlan> output, ScanPredicate pushed, ScanPredicate post, int unitsLeft) {
            this.file = file;
            this.output = output;
            this.pushed = pushed;
            this.post = post;
            this.unitsLeft = unitsLeft;
        }
    }

    /** What a unit decoded, tracked in the MemoryManager until the consumer moves past it. */
    private record UnitOutput(List<DataFrame> frames, MemoryManager.Reservation reservation) {}

    /** A started unit: its estimated decoded bytes and its result (or failure). */
    private record Started(Unit unit, long bytes, CompletableFuture<UnitOutput> result) {}

    private final DatasetPlan plan;
    private final ScanRequest request;
    private final ScanContext context;
    private final MemoryManager memory;
    private final int threads;
    private final BatchShaper shaper;
    private final boolean ordered;
    private final List<Unit> units = new ArrayList<>();
    private final ForkJoinPool pool;
    private final Map<Integer, OpenFile> open = new LinkedHashMap<>();
    private final Set<Integer> failed = new HashSet<>();
    private final ArrayDeque<Started> started = new ArrayDeque<>();
    private final LinkedBlockingQueue<Started> finished = new LinkedBlockingQueue<>();
    private final Runnable onPressure = this::onPressure;
    private final Runnable onClose;
    private final int maxFiles;
    /** Page buffers the units of this pass hand on to each other (RowGroupBatches#withPagePool); goes with the pass. */
    private final ScratchBuffers pagePool = new ScratchBuffers();
    private volatile int budgetShift = 1;   // the window is available memory >> budgetShift
    private int nextUnit;
    private long bytesInFlight;
    private long emitted;
    private UnitResult next;
    /** The reservation of the unit the consumer holds now. */
    private MemoryManager.Reservation held;
    private boolean closed;

    /**
     * @param maxFiles files mapped at once (at least 1)
     * @param onClose  run once when the pass ends or is closed
     */
    RowGroupScheduler(DatasetPlan plan, ScanRequest request, ScanContext context, int maxFiles, Runnable onClose) {
        this.plan = plan;
        this.request = request;
        this.context = context;
        this.memory = context.memory();
        this.threads = context.threads();
        this.shaper = new BatchShaper(plan, request.filePathColumn());
        this.ordered = request.order() == ScanRequest.Order.FILE_ORDER;
        this.onClose = onClose;
        for (PlannedFile f : plan.files()) for (int g = 0; g < f.rowGroupRows().length; g++) units.add(new Unit(f, f.firstGroup() + g));
        this.maxFiles = maxFiles;
        this.pool = DecodingThreads.start(threads, "streaming-adaptive-scan-");
        memory.addPressureListener(onPressure);
    }

    private void onPressure() {
        budgetShift = Math.min(budgetShift + 1, 6);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !closed) {
            try {
                next = produce();
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            if (next == null) close();
        }
        return next != null;
    }

    @Override
    public UnitResult next() {
        if (!hasNext()) throw new NoSuchElementException();
        UnitResult r = next;
        next = null;
        return r;
    }

    private UnitResult produce() {
        if (held != null) {
            held.close();
            held = null;
        }
        while (emitted < request.rowLimit()) {
            fill();
            if (started.isEmpty()) return null;
            Started s;
            if (ordered) {
                s = started.pollFirst();
            } else {
                try {
                    s = finished.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a row group", e);
                }
                started.remove(s);
            }
            bytesInFlight -= s.bytes();
            int file = s.unit().file().index();
            List<DataFrame> frames;
            try {
                UnitOutput o = DecodingThreads.join(s.result());
                frames = o.frames();
                held = o.reservation();
            } catch (ParquetFormatException | UncheckedIOException e) {
                if (!request.skipUnreadable()) throw e;
                if (failed.add(file)) context.skip(s.unit().file().path(), e.getMessage());
                frames = List.of();
            } finally {
                unitDone(file);
            }
            if (failed.contains(file)) continue;
            return new UnitResult(file, limited(frames));
        }
        return null;
    }

    /** The frames up to the row limit (the last one cut). */
    private List<DataFrame> limited(List<DataFrame> frames) {
        List<DataFrame> out = new ArrayList<>(frames.size());
        for (DataFrame f : frames) {
            long left = request.rowLimit() - emitted;
            if (left <= 0) break;
            DataFrame kept = f.height() > left ? f.head((int) left) : f;
            emitted += kept.height();
            out.add(kept);
        }
        return out;
    }

    /** Starts units while the window allows: count, bytes and open files. */
    private void fill() {
        int maxUnits = 2 * threads;
        while (nextUnit < units.size() && started.size() < maxUnits) {
            Unit u = units.get(nextUnit);
            int file = u.file().index();
            if (failed.contains(file)) {
                nextUnit++;
                continue;
            }
            OpenFile of = open.get(file);
            if (of == null) {
                if (open.size() >= maxFiles && !started.isEmpty()) return;
                of = openFile(u.file());
                if (of == null) {
                    nextUnit++;
                    continue;
                }
            }
            long bytes = unitCost(of, u.group());
            long budget = Math.max(0, memory.availableBytes()) >> budgetShift;
            if (!started.isEmpty() && bytesInFlight + bytes > budget) return;
            OpenFile target = of;
            var result = CompletableFuture.supplyAsync(() -> runUnit(u, target), pool);
            Started s = new Started(u, bytes, result);
            if (!ordered) result.whenComplete((r, e) -> finished.add(s));
            started.addLast(s);
            bytesInFlight += bytes;
            nextUnit++;
        }
    }

    /**
     * Heap a unit needs while it decodes: its pages decompressed, and its decoded values twice over
     * (decoded, then filtered or concatenated). Counting only the decoded output let one unit per
     * thread start in a small heap, each then taking memory beyond the budget (measured: 4 threads
     * in -Xmx128m ran out of memory on a one-page-per-chunk file; 2 did not).
     */
    private static long unitCost(OpenFile of, int group) {
        return 2 * of.file.rowGroupBytes(group, of.output) + of.file.rowGroupPageBytes(group, of.output);
    }

    private OpenFile openFile(PlannedFile f) {
        ParquetFile r;
        try {
            r = ParquetFile.open(f.path());
        } catch (ParquetFormatException | UncheckedIOException e) {
            if (!request.skipUnreadable()) throw e;
            failed.add(f.index());
            context.skip(f.path(), e.getMessage());
            return null;
        }
        try {
            DatasetPlan.FileRead read = plan.fileRead(ParquetFile.schemaOf(r.allFields()));
            OpenFile of = new OpenFile(r, r.project(read.columns()), read.pushed(), read.post(), f.rowGroupRows().length);
            open.put(f.index(), of);
            return of;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void unitDone(int file) {
        OpenFile of = open.get(file);
        if (of != null && --of.unitsLeft == 0) {
            open.remove(file);
            of.file.close();
        }
    }

    /** Decodes one row group (on a pool thread) and shapes it to the output schema. */
    private UnitOutput runUnit(Unit u, OpenFile of) {
        List<DataFrame> out = new ArrayList<>();
        // The scheduler holds finished units' results while it waits for others: a unit waiting for memory
        // could wait on its own consumer. It reserves without waiting.
        var source = new RowGroupBatches.Source(of.file, of.output, of.pushed, u.group(), u.group() + 1, request.rowLimit(),
                request.verifyChecksums(), request.fullPageCounts(), false);
        RowGroupBatches batches = new RowGroupBatches(source, AdaptiveChunkStrategy.defaults(), memory, false,
                new ScanContext(1, memory), context.counters()).withPagePool(pagePool);
        try {
            while (batches.hasNext()) {
                DataFrame shaped = shaper.shape(batches.next(), u.file(), of.post);
                if (shaped.height() > 0) out.add(shaped);
            }
        } finally {
            batches.release();
        }
        long bytes = 0;
        for (DataFrame d : out) bytes += d.estimatedBytes();
        return new UnitOutput(out, memory.reserve(bytes, out));
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        memory.removePressureListener(onPressure);
        for (Started s : started) s.result().cancel(false);
        if (held != null) held.close();
        // Running units finish their row group; none touches a file after this.
        DecodingThreads.stop(pool);
        for (Started s : started) {
            var f = s.result();   // finished but never consumed: release what it holds
            if (f.isDone() && !f.isCompletedExceptionally()) f.join().reservation().close();
        }
        for (OpenFile of : open.values()) of.file.close();
        open.clear();
        started.clear();
        onClose.run();
    }
}
