package dev.streamingadaptive.exec;

import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.ScanStatistics;

import java.util.Objects;

/**
 * How a query runs: worker threads (also the scans' decoding threads), the memory budget every
 * operator reserves its state in, and where the scans also count what they read as they go (for a
 * progress display; null for nowhere).
 */
public record ExecutionConfig(int threads, MemoryManager memory, ScanStatistics liveStatistics) {
    public ExecutionConfig {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        Objects.requireNonNull(memory, "memory");
    }

    public ExecutionConfig(int threads, MemoryManager memory) {
        this(threads, memory, null);
    }

    /** All available processors and the system's memory. */
    public static ExecutionConfig defaults() {
        return new ExecutionConfig(Runtime.getRuntime().availableProcessors(), MemoryManager.system());
    }
}
