package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs a source and its row-wise steps on worker threads, morsel by morsel: each worker takes the
 * next batch from the source (numbered in source order, so order-sensitive sinks can restore it),
 * applies the steps and hands the result to its own sink. The first failure stops every worker
 * and is rethrown to the caller.
 *
 * <p>A batch is reserved in the MemoryManager from when a worker takes it until its sink is done
 * with it (the source stops counting it once the next batch is pulled). A worker takes a batch only
 * while no other worker holds one or memory has room for {@value #ROOM_PER_BATCH} more of the
 * largest seen (the batch, what the steps make of it, and what the source decodes meanwhile): in a
 * small heap fewer workers run at once instead of running out of memory. Measured before: a
 * filtered group-by over 1M-row groups in -Xmx128m ran out of memory with 16 workers.
 */
final class Pipeline {
    /** Receives a worker's batches; one instance per worker, so it needs no locking. */
    interface Sink {
        void accept(long sequence, DataFrame batch);

        /**
         * Called on the sink's own worker when the pipeline fails (by this worker or another), before
         * the worker stops: release what the sink holds now, so that workers still blocked on the
         * source (a scan waiting for memory) are not kept waiting by state nobody will use.
         */
        default void abandon() {}
    }

    /** Multiples of the largest batch seen that must be free for a worker to take another batch. */
    static final int ROOM_PER_BATCH = 3;
    /** How often a waiting worker re-checks memory that a collection (not a worker) may have freed. */
    private static final long RECHECK_MILLIS = 25;

    private final BatchStream source;
    private final List<BatchStep> steps;
    private final MemoryManager memory;
    /** Guards {@link #active} and {@link #largest}; waited on for admission. */
    private final Object admission = new Object();
    /** Workers holding (or pulling) a batch. */
    private int active;
    private long largest;

    Pipeline(BatchStream source, List<BatchStep> steps, MemoryManager memory) {
        this.source = source;
        this.steps = List.copyOf(steps);
        this.memory = memory;
    }

    /** Runs to the end with {@code threads} workers; returns the workers' sinks. Closes the source. */
    <S extends Sink> List<S> run(int threads, IntFunction<S> sinkForWorker) {
        List<S> sinks = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) sinks.add(sinkForWorker.apply(i));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] sequence = {0};
        try (source) {
            if (threads == 1) {
                work(sinks.get(0), sequence, failure);
            } else {
                List<Thread> workers = new ArrayList<>(threads);
                for (int i = 0; i < threads; i++) {
                    S sink = sinks.get(i);
                    workers.add(Thread.ofPlatform().name("query-worker-" + i).daemon().unstarted(() -> {
                        work(sink, sequence, failure);
                        // A failed worker wakes the others: one may be waiting for memory the failed
                        // operator held, or for the source's lock, and would otherwise wait out its timeout.
                        if (failure.get() != null) for (Thread w : workers) if (w != Thread.currentThread()) w.interrupt();
                    }));
                }
                for (Thread w : workers) w.start();
                for (Thread t : workers) joinUninterruptibly(t, failure);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
        return sinks;
    }

    private void work(Sink sink, long[] sequence, AtomicReference<Throwable> failure) {
        try {
            while (failure.get() == null) {
                MemoryManager.Reservation held = admit(failure);
                try {
                    DataFrame batch;
                    long seq;
                    synchronized (sequence) {
                        // Re-checked under the lock: a worker that queued here while another one's next() failed must not
                        // pull again (a pipeline breaker's source would recompute its whole input).
                        if (failure.get() != null) break;
                        batch = source.next();
                        seq = sequence[0]++;
                    }
                    if (batch == null) return;
                    long bytes = batch.estimatedBytes();
                    held.resize(bytes);
                    synchronized (admission) {
                        if (bytes > largest) {
                            largest = bytes;
                            admission.notifyAll();
                        }
                    }
                    for (BatchStep s : steps) batch = s.apply(batch);
                    sink.accept(seq, batch);
                } finally {
                    held.close();
                    leave();
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        abandonQuietly(sink, failure);
    }

    /**
     * Waits until this worker may take a batch (see the class comment), then counts it active and
     * reserves the largest batch seen for it (resized to its batch once pulled): workers admitted
     * but still queued for the source count against memory too.
     */
    private MemoryManager.Reservation admit(AtomicReference<Throwable> failure) throws InterruptedException {
        synchronized (admission) {
            // Until a batch has been seen its size is unknown: a second worker waits for the first.
            while (active > 0 && failure.get() == null && (largest == 0 || memory.availableBytes() < ROOM_PER_BATCH * largest)) {
                admission.wait(RECHECK_MILLIS);
            }
            active++;
            return memory.reserve(largest);
        }
    }

    private void leave() {
        synchronized (admission) {
            active--;
            admission.notifyAll();
        }
    }

    /** Reached only when the pipeline failed: the sink's state will not be used. */
    private static void abandonQuietly(Sink sink, AtomicReference<Throwable> failure) {
        try {
            sink.abandon();
        } catch (Throwable t) {
            Throwable first = failure.get();
            if (first != null && first != t) first.addSuppressed(t);
        }
    }

    private static void joinUninterruptibly(Thread t, AtomicReference<Throwable> failure) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                failure.compareAndSet(null, new IllegalStateException("query interrupted", e));
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
