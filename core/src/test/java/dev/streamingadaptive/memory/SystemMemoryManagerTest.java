package dev.streamingadaptive.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The machine's MemoryManager: positive, and never more than the heap can hold. */
class SystemMemoryManagerTest {
    @Test
    void availableIsPositiveAndAtMostTheHeap() {
        MemoryManager m = MemoryManager.system();
        long available = m.availableBytes();
        assertTrue(available > 0, "available " + available);
        assertTrue(available <= Runtime.getRuntime().maxMemory(), available + " > max heap " + Runtime.getRuntime().maxMemory());
        assertEquals(available >> 20, m.availableMemory(), 64, "MB view of the same figure (it may move a little)");
    }

    @Test
    void trackedUsageLowersTheHeapHeadroom() {
        SystemMemoryManager m = new SystemMemoryManager(ContainerLimits.system());
        long max = Runtime.getRuntime().maxMemory();
        try (var r = m.reserve(max - (1L << 20))) {
            assertTrue(m.heapHeadroom() <= 1L << 20, "tracking nearly the whole heap leaves at most 1 MB, got " + m.heapHeadroom());
            assertTrue(m.availableBytes() <= 1L << 20);
            assertTrue(!m.canAllocate(2L << 20));
        }
        assertEquals(0, m.trackedBytes());
        assertTrue(m.availableBytes() > 0);
    }

    @Test
    void theCollectorsShareOfTheHeapIsNeverAvailable() {
        // Reservations that fill the whole -Xmx leave G1 no evacuation reserve nor young generation:
        // a group-by grown that far died of OutOfMemoryError instead of being refused.
        SystemMemoryManager m = new SystemMemoryManager(ContainerLimits.system());
        long max = Runtime.getRuntime().maxMemory();
        long reserve = (long) (max * SystemMemoryManager.GC_RESERVE);
        assertTrue(m.heapHeadroom() <= max - reserve, "headroom " + m.heapHeadroom() + " includes the GC's " + reserve);
        assertTrue(m.capacityBytes() <= max - reserve, "capacity " + m.capacityBytes() + " includes the GC's " + reserve);
    }
}
