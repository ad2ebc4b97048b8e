package dev.streamingadaptive.memory;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pressure listeners are held weakly: an abandoned listener is collected, a referenced one keeps hearing. */
class MemoryManagerPressureListenerTest {
    private static final long MB = 1L << 20;

    @Test
    void anUnreferencedListenerIsCollectedAndPruned() throws InterruptedException {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        AtomicInteger kept = new AtomicInteger();
        Runnable keptListener = kept::incrementAndGet;
        m.addPressureListener(keptListener);
        addAbandonedListener(m);
        assertEquals(2, m.livePressureListeners());
        for (int i = 0; i < 100 && m.livePressureListeners() > 1; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(1, m.livePressureListeners(), "the abandoned listener was collected");
        m.setBudget(50 * MB); // fires, and prunes the cleared entry
        assertEquals(1, kept.get(), "the referenced listener still hears pressure");
        m.removePressureListener(keptListener);
        assertEquals(0, m.livePressureListeners());
        m.setBudget(10 * MB);
        assertEquals(1, kept.get(), "a removed listener hears nothing");
    }

    @Test
    void everyListenerDroppedMeansNoneLive() throws InterruptedException {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        for (int i = 0; i < 3; i++) addAbandonedListener(m);
        for (int i = 0; i < 100 && m.livePressureListeners() > 0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(0, m.livePressureListeners());
        m.setBudget(10 * MB); // firing with only cleared entries is harmless
    }

    @Test
    void aListenerAddedTwiceIsRemovedOnceAtATime() {
        FixedMemoryManager m = MemoryManager.fixed(100 * MB);
        AtomicInteger fired = new AtomicInteger();
        Runnable listener = fired::incrementAndGet;
        m.addPressureListener(listener);
        m.addPressureListener(listener);
        m.setBudget(90 * MB);
        assertEquals(2, fired.get());
        m.removePressureListener(listener);
        m.setBudget(80 * MB);
        assertEquals(3, fired.get());
        m.removePressureListener(listener);
        m.removePressureListener(listener); // not registered: nothing happens
        m.setBudget(70 * MB);
        assertEquals(3, fired.get());
    }

    /** A fresh listener object (bound method reference) that nothing else references. */
    private static void addAbandonedListener(MemoryManager m) {
        AtomicInteger count = new AtomicInteger();
        m.addPressureListener(count::incrementAndGet);
    }
}
