package dev.streamingadaptive.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads of a file at an offset straight into a Java array ({@code pread(2)}, the array pinned for the call): the
 * kernel copies from its page cache, and nothing is faulted into this process. Copying the same bytes out of the
 * file's mapping costs a page fault per 64 KB on top of the copy (a fifth of a group-by's time on the 10 GB
 * benchmark), and leaves the pages in this process's resident set until released.
 *
 * <p>Only where the platform allows (Linux, native access enabled for this module, and not turned off with
 * {@code -Dstreamingadaptive.positionalReads=false}); {@link #open} returns null elsewhere and callers copy from the
 * mapping. Unlike a {@link java.nio.channels.FileChannel}, an interrupted thread does not close the file for every
 * other reader.
 */
final class PositionalReads implements AutoCloseable {
    /** {@code -Dstreamingadaptive.positionalReads=false} turns them off (to measure them). */
    static final String PROPERTY = "streamingadaptive.positionalReads";

    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final MethodHandle OPEN;
    private static final MethodHandle PREAD;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle open = null, pread = null, close = null;
        if (Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && PositionalReads.class.getModule().isNativeAccessEnabled()) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                open = linker.downcallHandle(libc.find("open").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
                // critical + heap access: the destination is the Java array itself (pinned, not copied through a native buffer).
                pread = linker.downcallHandle(libc.find("pread").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_LONG), Linker.Option.critical(true));
                close = linker.downcallHandle(libc.find("close").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            } catch (RuntimeException | LinkageError e) {
                open = pread = close = null;
            }
        }
        OPEN = open;
        PREAD = pread;
        CLOSE = close;
    }

    private final int fd;

    private PositionalReads(int fd) {
        this.fd = fd;
    }

    /** The file opened for positional reads, or null where they are not available (callers copy from the mapping). */
    static PositionalReads open(Path path) {
        if (OPEN == null) return null;
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(a.allocateFrom(path.toString()), O_RDONLY_CLOEXEC);
            return fd < 0 ? null : new PositionalReads(fd);
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * Reads {@code length} bytes at {@code offset} into {@code dst[at..]}; returns how many it read (fewer at the end of
     * the file or on an error, which the caller reports by reading the mapping).
     */
    int read(long offset, byte[] dst, int at, int length) {
        MemorySegment target = MemorySegment.ofArray(dst);
        int done = 0;
        while (done < length) {
            long n;
            try {
                n = (long) PREAD.invokeExact(fd, target.asSlice(at + done, length - done), (long) (length - done), offset + done);
            } catch (Throwable e) {
                return done;
            }
            if (n <= 0) return done;   // end of file (cut since it was opened) or an error: the mapping reports it
            done += (int) n;
        }
        return done;
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            // nothing to do: the descriptor is gone either way
        }
    }
}
