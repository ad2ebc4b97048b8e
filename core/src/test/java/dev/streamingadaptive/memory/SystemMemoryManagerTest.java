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
}
