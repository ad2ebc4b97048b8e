package dev.streamingadaptive.exec;

import dev.streamingadaptive.memory.MemoryManager;

import java.util.Objects;

/**
 * How a query runs: worker threads (also the scans' decoding threads) and the memory budget every
 * operator reserves its state in.
 */
public record ExecutionConfig(int threads, MemoryManager memory) {
    public ExecutionConfig {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        Objects.requireNonNull(memory, "memory");
    }

    /** All available processors and the system's memory. */
    public static ExecutionConfig defaults() {
        return new ExecutionConfig(Runtime.getRuntime().availableProcessors(), MemoryManager.system());
    }
}
