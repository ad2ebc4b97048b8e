package dev.streamingadaptive.memory;

/**
 * The data asked for does not fit the memory budget. Thrown before anything large is allocated,
 * instead of an OutOfMemoryError; the message names both figures and what to do instead.
 */
public class MemoryBudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long requiredBytes;
    private final long availableBytes;

    /** {@code what} needs {@code requiredBytes} but only {@code availableBytes} are available; {@code advice} says what to do. */
    public MemoryBudgetExceededException(String what, long requiredBytes, long availableBytes, String advice) {
        super(what + " needs about " + mb(requiredBytes) + " but only " + mb(availableBytes) + " are available" + (advice == null ? "" : "; " + advice));
        this.requiredBytes = requiredBytes;
        this.availableBytes = availableBytes;
    }

    /** A complete {@code message} (used by {@link MemoryManager#acquire}); {@code cause} may be null. */
    MemoryBudgetExceededException(long requiredBytes, long availableBytes, String message, Throwable cause) {
        super(message, cause);
        this.requiredBytes = requiredBytes;
        this.availableBytes = availableBytes;
    }

    private static String mb(long bytes) {
        return bytes >= 10L << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    /** Estimated bytes needed. */
    public long requiredBytes() { return requiredBytes; }

    /** Bytes the MemoryManager said were available. */
    public long availableBytes() { return availableBytes; }
}
