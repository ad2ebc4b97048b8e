package dev.streamingadaptive.memory;

/** A memory budget set by the caller: available = budget − tracked. Lowering it signals pressure. */
public final class FixedMemoryManager extends MemoryManager {
    private volatile long budget;

    FixedMemoryManager(long budget) {
        if (budget < 0) throw new IllegalArgumentException("negative budget " + budget);
        this.budget = budget;
    }

    /** The budget in bytes. */
    public long budget() {
        return budget;
    }

    /** Changes the budget; a lower budget notifies the pressure listeners. */
    public void setBudget(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative budget " + bytes);
        long old = budget;
        budget = bytes;
        if (bytes < old) firePressure();
    }

    @Override
    public long availableBytes() {
        return Math.max(0, budget - trackedBytes());
    }
}
