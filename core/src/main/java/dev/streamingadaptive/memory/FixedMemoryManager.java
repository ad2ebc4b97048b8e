package dev.streamingadaptive.memory;

/**
 * A memory budget set by the caller: available = budget − tracked. Lowering it signals pressure;
 * raising it wakes the threads waiting in {@link #acquire}.
 */
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

    /**
     * Changes the budget; a lower budget notifies the pressure listeners, a higher one wakes the
     * threads waiting in {@link #acquire} (a request now above the budget keeps waiting until it
     * times out).
     */
    public void setBudget(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative budget " + bytes);
        long old = budget;
        budget = bytes;
        if (bytes < old) firePressure();
        else if (bytes > old) availabilityChanged();
    }

    /** The budget: what all reservations together may reach. */
    @Override
    public long capacityBytes() {
        return budget;
    }

    @Override
    public long availableBytes() {
        return Math.max(0, budget - trackedBytes());
    }
}
