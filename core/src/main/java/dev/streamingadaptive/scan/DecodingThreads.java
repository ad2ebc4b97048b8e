package dev.streamingadaptive.scan;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread-pool policy of the scans: work-stealing pools of daemon threads named after what
 * they do, stopped by waiting for running work (a task may hold a file mapping), and a join that
 * re-throws a task's failure as it was.
 */
public final class DecodingThreads {
    private DecodingThreads() {}

    /** Threads named {@code prefix + n}: {@code streaming-adaptive-scan-} for row-group units, {@code -decode-} for columns. */
    public static ForkJoinPool start(int threads, String prefix) {
        AtomicInteger n = new AtomicInteger();
        return new ForkJoinPool(threads, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName(prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** Stops the pool and waits (up to a minute) for running tasks, so that none touches a file closed afterwards. */
    public static void stop(ForkJoinPool pool) {
        if (pool == null) return;
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                System.getLogger(DecodingThreads.class.getName()).log(System.Logger.Level.WARNING,
                        "decoding threads did not stop within 60 s; unmapping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The task's result; its exception re-thrown as it was (tasks only throw unchecked exceptions). */
    public static <T> T join(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
