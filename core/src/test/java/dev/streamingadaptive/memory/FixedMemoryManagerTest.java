package dev.streamingadaptive.memory;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accounting of a fixed budget: tracking, reservations (closed or collected), peaks and pressure. */
class FixedMemoryManagerTest {
    private static final long MB = 1L << 20;

    @Test
    void availableIsBudgetMinusTrackedAndNeverNegative() {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        assertEquals(100 * MB, m.budget());
        assertEquals(100 * MB, m.availableBytes());
        assertEquals(100, m.availableMemory());
        assertEquals(0, m.currentUsage());
        m.trackUsage(30 * MB);
        assertEquals(70 * MB, m.availableBytes());
        assertEquals(30, m.currentUsage());
        assertEquals(30 * MB, m.trackedBytes());
        assertTrue(m.canAllocate(70 * MB));
        assertFalse(m.canAllocate(70 * MB + 1));
        m.trackUsage(100 * MB);
        assertEquals(0, m.availableBytes(), "over budget: nothing available, not a negative number");
        assertFalse(m.canAllocate(1));
        m.releaseUsage(130 * MB);
        assertEquals(0, m.trackedBytes());
        assertEquals(100 * MB, m.availableBytes());
    }

    @Test
    void rejectsNegativeFigures() {
        assertThrows(IllegalArgumentException.class, () -> MemoryManager.fixed(-1));
        FixedMemoryManager m = MemoryManager.fixed(10);
        assertThrows(IllegalArgumentException.class, () -> m.trackUsage(-1));
        assertThrows(IllegalArgumentException.class, () -> m.releaseUsage(-1));
        assertThrows(IllegalArgumentException.class, () -> m.setBudget(-1));
        assertThrows(IllegalArgumentException.class, () -> m.reserve(-5));
        assertEquals(0, m.trackedBytes(), "a rejected reservation tracks nothing");
    }

    @Test
    void reservationCloseIsIdempotent() {
        FixedMemoryManager m = MemoryManager.fixed(10 * MB);
        MemoryManager.Reservation a = m.reserve(3 * MB);
        MemoryManager.Reservation b = m.reserve(2 * MB, new Object());
        assertEquals(3 * MB, a.bytes());
        assertEquals(5 * MB, m.trackedBytes());
        assertEquals(5 * MB, m.availableBytes());
        a.close();
        a.close();
        assertEquals(2 * MB, m.trackedBytes());
        b.close();
        b.close();
        assertEquals(0, m.trackedBytes());
        try (MemoryManager.Reservation c = m.reserve(MB)) {
            assertEquals(MB, m.trackedBytes());
        }
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void peakIsTheMostTrackedAtOnce() {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        assertEquals(0, m.peakTrackedBytes());
        try (var a = m.reserve(10 * MB); var b = m.reserve(20 * MB)) {
            assertEquals(30 * MB, m.peakTrackedBytes());
        }
        try (var c = m.reserve(25 * MB)) {
            assertEquals(30 * MB, m.peakTrackedBytes(), "the peak is kept after releases");
        }
        m.trackUsage(40 * MB);
        assertEquals(40 * MB, m.peakTrackedBytes());
        m.releaseUsage(40 * MB);
        assertEquals(0, m.trackedBytes());
        assertEquals(40 * MB, m.peakTrackedBytes());
    }

    @Test
    void cleanerReleasesTheReservationOfAnUnreachableOwner() throws InterruptedException {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        MemoryManager.Reservation kept = reserveForGarbage(m);
        assertEquals(8 * MB, m.trackedBytes());
        for (int i = 0; i < 100 && m.trackedBytes() != 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, m.trackedBytes(), "the Cleaner released the reservation of the collected owner");
        kept.close(); // closing after the Cleaner ran must not release twice
        assertEquals(0, m.trackedBytes());
        assertEquals(100 * MB, m.availableBytes());
    }

    private static MemoryManager.Reservation reserveForGarbage(MemoryManager m) {
        Object owner = new byte[1024];
        return m.reserve(8 * MB, owner); // owner becomes unreachable on return; the reservation must not keep it alive
    }

    @Test
    void reservationWithoutOwnerStaysUntilClosed() throws InterruptedException {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        MemoryManager.Reservation r = m.reserve(4 * MB);
        System.gc();
        Thread.sleep(20);
        assertEquals(4 * MB, m.trackedBytes());
        r.close();
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void loweringTheBudgetFiresPressureRaisingDoesNot() {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        AtomicInteger fired = new AtomicInteger();
        Runnable listener = fired::incrementAndGet;
        m.addPressureListener(listener);
        m.setBudget(200 * MB);
        assertEquals(0, fired.get());
        m.setBudget(200 * MB);
        assertEquals(0, fired.get(), "the same budget is no pressure");
        m.setBudget(50 * MB);
        assertEquals(1, fired.get());
        assertEquals(50 * MB, m.budget());
        assertEquals(50 * MB, m.availableBytes());
        m.removePressureListener(listener);
        m.setBudget(10 * MB);
        assertEquals(1, fired.get(), "a removed listener hears nothing");
    }

    @Test
    void systemIsOneSharedInstance() {
        assertSame(MemoryManager.system(), MemoryManager.system());
    }
}
