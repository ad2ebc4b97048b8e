package dev.streamingadaptive.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A whole file mapped read-only into one {@link MemorySegment} (no 2 GB limit). The mapping is
 * released deterministically by {@link #close()}; the segment must not be used afterwards.
 */
public final class MappedFile implements AutoCloseable {
    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
    /** Mappings not yet closed, process-wide (lets tests prove that scans leave none behind). */
    private static final java.util.concurrent.atomic.AtomicInteger LIVE = new java.util.concurrent.atomic.AtomicInteger();

    private MappedFile(Path path, Arena arena, MemorySegment segment) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        LIVE.incrementAndGet();
    }

    /** How many files are mapped and not yet closed in this process. */
    public static int liveMappings() {
        return LIVE.get();
    }

    /** Maps {@code path}; a shared arena so that several threads may read the segment. */
    public static MappedFile open(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            Arena arena = Arena.ofShared();
            try {
                MemorySegment seg = size == 0 ? MemorySegment.NULL.reinterpret(0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
                return new MappedFile(path, arena, seg);
            } catch (IOException | RuntimeException e) {
                arena.close();
                throw e;
            }
        }
    }

    /** The file. */
    public Path path() { return path; }

    /** The mapped bytes of the whole file. */
    public MemorySegment segment() { return segment; }

    /** The file size in bytes. */
    public long size() { return segment.byteSize(); }

    /** Unmaps the file. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) LIVE.decrementAndGet();
        try {
            arena.close();
        } catch (IllegalStateException alreadyClosed) {
            // closing twice is harmless
        }
    }
}
