package dev.streamingadaptive.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;

/**
 * Options every reading command accepts. {@code --memory-limit} and {@code --threads} are parsed
 * and validated but not used yet: the adaptive memory manager and the parallel reader will honour
 * them (the commands read one row group at a time on one thread today).
 */
final class ReadingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    long memoryLimitBytes = -1;

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "Memory budget, e.g. 512m, 2g (accepted; not enforced yet).")
    void setMemoryLimit(String value) {
        memoryLimitBytes = parseSize(value);
    }

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (accepted; reading is single-threaded for now).")
    void setThreads(int n) {
        if (n < 1) throw new ParameterException(mixee.commandLine(), "--threads must be at least 1, got " + n);
        threads = n;
    }

    int threads = 1;

    @Option(names = "--skip-checksums", description = "Do not verify page CRCs (they are verified when the writer stored them).")
    boolean skipChecksums;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces with errors.")
    boolean verbose;

    private long parseSize(String value) {
        String s = value.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b")) s = s.substring(0, s.length() - 1);
        long mult = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> mult = 1L << 10;
                case 'm' -> mult = 1L << 20;
                case 'g' -> mult = 1L << 30;
                case 't' -> mult = 1L << 40;
                default -> { }
            }
            if (mult != 1) s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n <= 0) throw new NumberFormatException();
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParameterException(mixee.commandLine(),
                    "invalid --memory-limit '" + value + "': expected a positive size such as 512m or 2g");
        }
    }
}
