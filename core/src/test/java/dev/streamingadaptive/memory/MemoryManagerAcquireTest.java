package dev.streamingadaptive.memory;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blocking, first-come-first-served reservations on a shared budget, and resizable reservations. */
class MemoryManagerAcquireTest {
    private static final long MB = 1L << 20;
    private static final Duration LONG = Duration.ofSeconds(20);
    /** Waiters re-check this rarely in the wake-up tests, so a grant within the test proves a signal. */
    private static final long NO_RECHECK = TimeUnit.MINUTES.toNanos(10);

    @Test
    void manyThreadsNeverExceedTheBudget() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(64 * MB);
        int threads = 8, cycles = 150;
        AtomicLong maxSeen = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < cycles; i++) {
                        long size = 1 + rnd.nextLong(20 * MB);
                        Object owner = rnd.nextBoolean() ? new Object() : null;
                        try (var r = m.acquire(size, owner, LONG)) {
                            maxSeen.accumulateAndGet(m.trackedBytes(), Math::max);
                            LockSupport.parkNanos(rnd.nextLong(200_000));
                            if (owner != null) owner.hashCode(); // keep the owner alive while held
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(w.isAlive(), "a worker is stuck");
        }
        if (failure.get() != null) throw new AssertionError("a worker failed", failure.get());
        assertTrue(m.peakTrackedBytes() <= 64 * MB, "peak " + m.peakTrackedBytes() + " over the budget");
        assertTrue(maxSeen.get() <= 64 * MB);
        assertTrue(m.peakTrackedBytes() > 20 * MB, "the threads really overlapped");
        assertEquals(0, m.trackedBytes());
        assertEquals(0, m.waitingCount());
    }

    @Test
    void aBigRequestQueuedFirstIsGrantedBeforeLaterSmallOnes() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        MemoryManager.Reservation holder = m.reserve(10 * MB);
        CompletableFuture<MemoryManager.Reservation> big = waitFor(m, 8 * MB, "big");
        awaitTrue(() -> m.waitingCount() == 1, "big is waiting");
        CompletableFuture<MemoryManager.Reservation> small = waitFor(m, MB, "small");
        awaitTrue(() -> m.waitingCount() == 2, "small is waiting");

        holder.resize(7 * MB); // 3 MB free: enough for small, not for big at the head
        Thread.sleep(150);     // several re-check periods
        assertFalse(small.isDone(), "small must not overtake big");
        assertFalse(big.isDone());
        assertEquals(2, m.waitingCount());

        holder.resize(2 * MB); // 8 MB free: exactly big, nothing left for small
        MemoryManager.Reservation b = big.get(10, TimeUnit.SECONDS);
        assertEquals(10 * MB, m.trackedBytes());
        assertFalse(small.isDone());
        assertEquals(1, m.waitingCount());

        holder.close();
        MemoryManager.Reservation s = small.get(10, TimeUnit.SECONDS);
        assertEquals(9 * MB, m.trackedBytes());
        b.close();
        s.close();
        assertEquals(0, m.waitingCount());
    }

    @Test
    void aNewRequestQueuesBehindWaitersEvenIfItFits() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        MemoryManager.Reservation holder = m.reserve(5 * MB);
        CompletableFuture<MemoryManager.Reservation> big = waitFor(m, 8 * MB, "big");
        awaitTrue(() -> m.waitingCount() == 1, "big is waiting");
        var e = assertThrows(MemoryBudgetExceededException.class, () -> m.acquire(MB, null, Duration.ofMillis(100)));
        assertTrue(e.getMessage().contains("1 waiting"), e.getMessage());
        holder.close();
        big.get(10, TimeUnit.SECONDS).close();
        m.acquire(MB, null, Duration.ZERO).close(); // nobody waits: granted without waiting
    }

    @Test
    void timeoutMessageNamesRequestBudgetReservedAndWaiters() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(64 * MB);
        long reserved = (long) (60.1 * MB);
        MemoryManager.Reservation holder = m.reserve(reserved);
        List<CompletableFuture<MemoryManager.Reservation>> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(waitFor(m, 12 * MB, "other"));
            int n = i + 1;
            awaitTrue(() -> m.waitingCount() == n, n + " waiting");
        }
        long t0 = System.nanoTime();
        var e = assertThrows(MemoryBudgetExceededException.class, () -> m.acquire(12 * MB, null, Duration.ofMillis(200)));
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(elapsedMs >= 190 && elapsedMs < 5000, "waited " + elapsedMs + " ms");
        assertTrue(e.getMessage().startsWith("waited 200 ms for 12.0 MB of a 64.0 MB memory budget (60.1 MB reserved by others, 3 waiting)"),
                e.getMessage());
        assertEquals(12 * MB, e.requiredBytes());
        assertEquals(64 * MB - reserved, e.availableBytes());
        assertEquals(3, m.waitingCount(), "the one that gave up left the queue");
        assertEquals(reserved, m.trackedBytes(), "a failed request tracks nothing");

        holder.close();
        for (var f : others) f.get(10, TimeUnit.SECONDS).close();
        assertEquals(0, m.trackedBytes());
        assertEquals(0, m.waitingCount());
    }

    @Test
    void moreThanTheCapacityFailsAtOnce() {
        FixedMemoryManager m = MemoryManager.fixed(64 * MB);
        assertEquals(64 * MB, m.capacityBytes());
        long t0 = System.nanoTime();
        var e = assertThrows(MemoryBudgetExceededException.class, () -> m.acquire(65 * MB, null, Duration.ofMinutes(5)));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "did not wait for the timeout");
        assertTrue(e.getMessage().startsWith("65.0 MB is more than the whole 64.0 MB memory budget (0 bytes reserved by others, 0 waiting)"),
                e.getMessage());
        assertEquals(0, m.trackedBytes());
        assertThrows(IllegalArgumentException.class, () -> m.acquire(-1, null, LONG));
        try (var r = m.acquire(64 * MB, null, Duration.ZERO)) {
            assertEquals(64 * MB, m.trackedBytes(), "exactly the budget fits");
        }
    }

    @Test
    void systemCapacityIsAvailablePlusTracked() {
        SystemMemoryManager m = new SystemMemoryManager(ContainerLimits.system());
        long capacity = m.capacityBytes();
        assertTrue(capacity > 0 && capacity <= Runtime.getRuntime().maxMemory(), "capacity " + capacity);
        assertThrows(MemoryBudgetExceededException.class, () -> m.acquire(Long.MAX_VALUE / 2, null, LONG));
        try (var r = m.acquire(MB, null, LONG)) {
            assertEquals(MB, m.trackedBytes());
        }
    }

    @Test
    void releaseByTheCleanerWakesAWaiter() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        m.recheckNanos = NO_RECHECK;
        reserveForGarbage(m, 10 * MB);
        CompletableFuture<MemoryManager.Reservation> waiter = waitFor(m, 5 * MB, "waiter");
        awaitTrue(() -> m.waitingCount() == 1, "waiting");
        for (int i = 0; i < 200 && !waiter.isDone(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(waiter.isDone(), "the Cleaner's release woke the waiter");
        waiter.get().close();
        assertEquals(0, m.trackedBytes());
    }

    private static void reserveForGarbage(MemoryManager m, long bytes) {
        m.reserve(bytes, new byte[1024]); // neither the owner nor the reservation is kept
    }

    @Test
    void resizeShrinkWakesAWaiter() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        m.recheckNanos = NO_RECHECK;
        MemoryManager.Reservation holder = m.acquire(10 * MB, null, LONG);
        CompletableFuture<MemoryManager.Reservation> waiter = waitFor(m, 4 * MB, "waiter");
        awaitTrue(() -> m.waitingCount() == 1, "waiting");
        holder.resize(6 * MB);
        assertEquals(6 * MB, holder.bytes());
        MemoryManager.Reservation w = waiter.get(10, TimeUnit.SECONDS);
        assertEquals(10 * MB, m.trackedBytes());
        w.close();
        holder.close();
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void raisingTheBudgetWakesAWaiter() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        m.recheckNanos = NO_RECHECK;
        MemoryManager.Reservation holder = m.acquire(8 * MB, null, LONG);
        CompletableFuture<MemoryManager.Reservation> waiter = waitFor(m, 4 * MB, "waiter");
        awaitTrue(() -> m.waitingCount() == 1, "waiting");
        m.setBudget(12 * MB);
        waiter.get(10, TimeUnit.SECONDS).close();
        holder.close();
    }

    @Test
    void closeReleasesWakesAWaiter() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        m.recheckNanos = NO_RECHECK;
        MemoryManager.Reservation holder = m.acquire(10 * MB, new Object(), LONG);
        CompletableFuture<MemoryManager.Reservation> waiter = waitFor(m, 10 * MB, "waiter");
        awaitTrue(() -> m.waitingCount() == 1, "waiting");
        holder.close();
        waiter.get(10, TimeUnit.SECONDS).close();
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void interruptRestoresTheFlagAndFails() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        MemoryManager.Reservation holder = m.reserve(10 * MB);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                m.acquire(MB, null, LONG);
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        awaitTrue(() -> m.waitingCount() == 1, "waiting");
        t.interrupt();
        t.join(10_000);
        var e = assertInstanceOf(MemoryBudgetExceededException.class, thrown.get());
        assertTrue(e.getMessage().startsWith("interrupted while waiting for 1.0 MB"), e.getMessage());
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertTrue(flag.get(), "the interrupt flag is set again");
        assertEquals(0, m.waitingCount());
        assertEquals(10 * MB, m.trackedBytes());
        holder.close();
    }

    @Test
    void defaultTimeoutComesFromTheSystemProperty() {
        String old = System.getProperty(MemoryManager.WAIT_TIMEOUT_PROPERTY);
        try {
            System.clearProperty(MemoryManager.WAIT_TIMEOUT_PROPERTY);
            assertEquals(Duration.ofSeconds(60), MemoryManager.defaultWaitTimeout());
            System.setProperty(MemoryManager.WAIT_TIMEOUT_PROPERTY, "not a number");
            assertEquals(Duration.ofSeconds(60), MemoryManager.defaultWaitTimeout());
            System.setProperty(MemoryManager.WAIT_TIMEOUT_PROPERTY, "0.1");
            assertEquals(Duration.ofMillis(100), MemoryManager.defaultWaitTimeout());
            FixedMemoryManager m = MemoryManager.fixed(MB);
            try (var r = m.reserve(MB)) {
                var e = assertThrows(MemoryBudgetExceededException.class, () -> m.acquire(MB, null));
                assertTrue(e.getMessage().startsWith("waited 100 ms for 1.0 MB of a 1.0 MB memory budget"), e.getMessage());
            }
        } finally {
            if (old == null) System.clearProperty(MemoryManager.WAIT_TIMEOUT_PROPERTY);
            else System.setProperty(MemoryManager.WAIT_TIMEOUT_PROPERTY, old);
        }
    }

    @Test
    void resizeTracksTheCurrentSizeAndCloseReleasesItOnce() {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        MemoryManager.Reservation r = m.acquire(4 * MB, null, LONG);
        r.resize(15 * MB); // growing does not wait, even past the budget: the memory is already held
        assertEquals(15 * MB, r.bytes());
        assertEquals(15 * MB, m.trackedBytes());
        assertEquals(15 * MB, m.peakTrackedBytes());
        r.resize(2 * MB);
        assertEquals(2 * MB, m.trackedBytes());
        assertThrows(IllegalArgumentException.class, () -> r.resize(-1));
        r.close();
        r.close();
        assertEquals(0, m.trackedBytes());
        assertEquals(2 * MB, r.bytes(), "the last size stays readable");
        assertThrows(IllegalStateException.class, () -> r.resize(MB));
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void concurrentClosesReleaseOnce() throws Exception {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        for (int round = 0; round < 50; round++) {
            MemoryManager.Reservation r = m.reserve(3 * MB, round % 2 == 0 ? new Object() : null);
            r.resize(5 * MB);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> closers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    r.close();
                });
                t.start();
                closers.add(t);
            }
            go.countDown();
            for (Thread t : closers) t.join(10_000);
            assertEquals(0, m.trackedBytes(), "round " + round);
        }
    }

    @Test
    void theCleanerReleasesTheResizedSize() throws InterruptedException {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        resizeForGarbage(m);
        assertEquals(9 * MB, m.trackedBytes());
        for (int i = 0; i < 100 && m.trackedBytes() != 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, m.trackedBytes());
    }

    private static void resizeForGarbage(MemoryManager m) {
        m.reserve(2 * MB, new byte[1024]).resize(9 * MB);
    }

    /** Starts a thread acquiring {@code bytes}; the future completes with its reservation. */
    private static CompletableFuture<MemoryManager.Reservation> waitFor(MemoryManager m, long bytes, String name) {
        CompletableFuture<MemoryManager.Reservation> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(m.acquire(bytes, null, LONG));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "acquire-" + name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out: " + what);
            Thread.sleep(2);
        }
    }
}
