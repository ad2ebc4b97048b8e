package dev.streamingadaptive.exec;

import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.ScanStatistics;
import dev.streamingadaptive.spill.SpillDirectory;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a query runs: worker threads (also the scans' decoding threads), the memory budget every
 * operator reserves its state in, where the scans also count what they read as they go (for a
 * progress display; null for nowhere), and where operators whose state outgrows the budget spill
 * it (a base folder under which each run makes its own; null: spilling is off, and such operators
 * fail with a {@link dev.streamingadaptive.memory.MemoryBudgetExceededException} instead).
 */
public record ExecutionConfig(int threads, MemoryManager memory, ScanStatistics liveStatistics, Path spillBase) {
    public ExecutionConfig {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        Objects.requireNonNull(memory, "memory");
    }

    /** Spilling to the default folder ({@link SpillDirectory#defaultBase()}). */
    public ExecutionConfig(int threads, MemoryManager memory, ScanStatistics liveStatistics) {
        this(threads, memory, liveStatistics, SpillDirectory.defaultBase());
    }

    public ExecutionConfig(int threads, MemoryManager memory) {
        this(threads, memory, null);
    }

    /** All available processors, the system's memory, spilling to the default folder. */
    public static ExecutionConfig defaults() {
        return new ExecutionConfig(Runtime.getRuntime().availableProcessors(), MemoryManager.system());
    }

    /** Whether operators may spill. */
    public boolean spilling() {
        return spillBase != null;
    }

    public ExecutionConfig withThreads(int threads) {
        return new ExecutionConfig(threads, memory, liveStatistics, spillBase);
    }

    public ExecutionConfig withMemory(MemoryManager memory) {
        return new ExecutionConfig(threads, memory, liveStatistics, spillBase);
    }

    public ExecutionConfig withLiveStatistics(ScanStatistics liveStatistics) {
        return new ExecutionConfig(threads, memory, liveStatistics, spillBase);
    }

    /** {@code base}: spill under this folder; null: never spill. */
    public ExecutionConfig withSpillBase(Path base) {
        return new ExecutionConfig(threads, memory, liveStatistics, base);
    }
}
