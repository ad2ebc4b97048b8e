package dev.streamingadaptive.cli;

import dev.streamingadaptive.memory.MemoryManager;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;


/**
 * Options every reading command accepts. {@code --memory-limit} becomes the budget of a
 * {@link MemoryManager#fixed fixed MemoryManager} that sizes the batches of commands that decode
 * rows ({@code cat}); without it they follow {@link MemoryManager#system()} (container limit,
 * {@code MemAvailable}, heap headroom). Commands answered from the footers ({@code count},
 * {@code schema}, {@code inspect}) decode nothing and accept it for uniformity. {@code --threads}
 * sets the decoding threads of each file's reader.
 */
final class ReadingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    long memoryLimitBytes = -1;

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "Memory budget for decoded batches, e.g. 64m, 512m, 2g (default: what the machine, container and heap allow).")
    void setMemoryLimit(String value) {
        memoryLimitBytes = Sizes.parse(value, "--memory-limit", mixee);
    }

    private MemoryManager memoryManager;

    /** The MemoryManager of this command: a fixed budget with --memory-limit, else the system's (one per command). */
    MemoryManager memoryManager() {
        if (memoryManager == null) memoryManager = memoryLimitBytes > 0 ? MemoryManager.fixed(memoryLimitBytes) : MemoryManager.system();
        return memoryManager;
    }

    @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: all cores).")
    void setThreads(int n) {
        if (n < 1) throw new ParameterException(mixee.commandLine(), "--threads must be at least 1, got " + n);
        threads = n;
    }

    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--skip-checksums", description = "Do not verify page CRCs (they are verified when the writer stored them).")
    boolean skipChecksums;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces with errors.")
    boolean verbose;
}
