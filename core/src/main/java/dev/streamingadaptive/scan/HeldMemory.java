package dev.streamingadaptive.scan;

import dev.streamingadaptive.memory.MemoryManager;

import java.util.ArrayDeque;

/**
 * The memory one scan holds, as reservations owned by the scan: {@link #settle} moves the total to
 * what is held now in one step, so bytes handed from one use to another (a batch's grant becoming
 * the page buffers' share) are never tracked twice and never released for another reader to take
 * in between. Not thread-safe: the scan's consumer thread settles.
 */
final class HeldMemory implements AutoCloseable {
    private final MemoryManager memory;
    private final Object owner;
    private final ArrayDeque<MemoryManager.Reservation> parts = new ArrayDeque<>();

    /** @param owner whose collection releases everything (an abandoned scan gives its memory back) */
    HeldMemory(MemoryManager memory, Object owner) {
        this.memory = memory;
        this.owner = owner;
    }

    /** Bytes held. */
    long bytes() {
        long b = 0;
        for (MemoryManager.Reservation r : parts) b += r.bytes();
        return b;
    }

    /** Adds a reservation the scan acquired (it is then released by {@link #settle} or {@link #close}). */
    void add(MemoryManager.Reservation grant) {
        parts.addLast(grant);
    }

    /**
     * Makes the held total {@code total}: shrinking releases the newest reservations first; growing
     * (memory already in use beyond what was reserved) tracks the difference without waiting.
     */
    void settle(long total) {
        long excess = bytes() - total;
        if (excess < 0) {
            if (parts.isEmpty()) parts.addLast(memory.reserve(-excess, owner));
            else parts.peekLast().resize(parts.peekLast().bytes() - excess);
            return;
        }
        while (excess > 0 && !parts.isEmpty()) {
            MemoryManager.Reservation last = parts.peekLast();
            long k = Math.min(excess, last.bytes());
            if (k == last.bytes()) {
                last.close();
                parts.pollLast();
            } else {
                last.resize(last.bytes() - k);
            }
            excess -= k;
        }
    }

    @Override
    public void close() {
        for (MemoryManager.Reservation r : parts) r.close();
        parts.clear();
    }
}
