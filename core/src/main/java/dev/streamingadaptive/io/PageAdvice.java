package dev.streamingadaptive.io;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Tells the kernel how a scan uses a mapped Parquet file, so that reading more than memory behaves. The mapping is
 * read by exact ranges, not by the kernel's read-around: page faults read no more than their page
 * ({@code MADV_RANDOM}, {@link #exactRanges}), and the reader asks for the byte ranges it is about to decode
 * ({@code MADV_WILLNEED}, {@link #willNeed}: read in the background, while the pages before them decode). Without
 * this, each fault reads the device's read-ahead window around it (8 MB on the benchmark machine) and a scan of 2 of
 * 8 columns reads nearly the whole file from disk. The pages of a chunk already decoded leave this process's resident set
 * ({@link MemorySegment#unload()}, i.e. {@code MADV_DONTNEED}) and go first in line for eviction from the page cache
 * ({@code MADV_COLD}): a 50 GB scan then evicts its own pages before the machine's other cached data, while a file
 * that fits in memory stays cached for the next query (dropping it outright, {@code POSIX_FADV_DONTNEED}, would make
 * every repeated query read the disk again).
 *
 * <p>Advice only: on a platform without {@code madvise}, or when native access is not enabled for this module
 * ({@code --enable-native-access=ALL-UNNAMED}; the launcher sets it), or with
 * {@code -Dstreamingadaptive.pageAdvice=false}, the calls do nothing but the {@code unload}, and reads stay correct.
 */
public final class PageAdvice {
    private PageAdvice() {}

    /** {@code -Dstreamingadaptive.pageAdvice=false} turns the read-ahead and cold hints off (to measure them). */
    public static final String PROPERTY = "streamingadaptive.pageAdvice";

    private static final int MADV_RANDOM = 1;
    private static final int MADV_WILLNEED = 3;
    private static final int MADV_COLD = 20;   // Linux 5.4+; older kernels answer EINVAL, which is ignored
    private static final long PAGE = 4096;
    private static final MethodHandle MADVISE = link();

    /** Whether the hints reach the kernel (Linux, native access enabled, not turned off). */
    public static boolean enabled() {
        return MADVISE != null;
    }

    private static MethodHandle link() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) return null;
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return null;
        // Linking a native function is a restricted call: without native access it would print a warning (and fail
        // in a future JDK), so the hints are simply not given.
        if (!PageAdvice.class.getModule().isNativeAccessEnabled()) return null;
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("madvise").map(f -> linker.downcallHandle(f,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** One read-ahead request at most this long: the kernel cuts longer ones to its read-ahead window. */
    private static final long WILLNEED_STEP = 4L << 20;

    /**
     * From now on, page faults on {@code mapped} read only their own page: every range read in bulk must be asked for
     * with {@link #willNeed} first, or it is read a page at a time. Does nothing when the hints are off.
     */
    public static void exactRanges(MemorySegment mapped) {
        advise(mapped, 0, mapped.byteSize(), MADV_RANDOM);
    }

    /** Starts reading {@code [offset, offset + length)} of {@code mapped} (a whole mapped file) in the background. */
    public static void willNeed(MemorySegment mapped, long offset, long length) {
        if (MADVISE == null) return;
        long end = Math.min(offset + length, mapped.byteSize());
        for (long at = Math.max(0, offset); at < end; at += WILLNEED_STEP) advise(mapped, at, Math.min(WILLNEED_STEP, end - at), MADV_WILLNEED);
    }

    /**
     * {@code [offset, offset + length)} of {@code mapped} has been read and decoded: first in line for eviction from the
     * page cache, then out of this process's resident set (the page cache keeps the pages until memory is needed; a
     * later read faults them back in).
     */
    public static void doneWith(MemorySegment mapped, long offset, long length) {
        advise(mapped, offset, length, MADV_COLD);
        long end = Math.min(offset + length, mapped.byteSize());
        if (end > offset) mapped.asSlice(offset, end - offset).unload();
    }

    /** madvise over the whole pages covering the range. Errors are ignored: advice only. */
    private static void advise(MemorySegment mapped, long offset, long length, int advice) {
        if (MADVISE == null || length <= 0 || offset < 0 || offset >= mapped.byteSize()) return;
        long from = (mapped.address() + offset) & -PAGE;
        long to = mapped.address() + Math.min(offset + length, mapped.byteSize());
        try {
            int rc = (int) MADVISE.invokeExact(MemorySegment.ofAddress(from), to - from, advice);
            assert rc == 0 || rc == -1;
        } catch (Throwable e) {
            // advice only
        }
    }
}
