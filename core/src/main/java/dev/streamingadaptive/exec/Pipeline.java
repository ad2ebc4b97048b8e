package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs a source and its row-wise steps on worker threads, morsel by morsel: each worker takes the
 * next batch from the source (numbered in source order, so order-sensitive sinks can restore it),
 * applies the steps and hands the result to its own sink. The first failure stops every worker
 * and is rethrown to the caller.
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

    private final BatchStream source;
    private final List<BatchStep> steps;

    Pipeline(BatchStream source, List<BatchStep> steps) {
        this.source = source;
        this.steps = List.copyOf(steps);
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
                for (BatchStep s : steps) batch = s.apply(batch);
                sink.accept(seq, batch);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        abandonQuietly(sink, failure);
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
