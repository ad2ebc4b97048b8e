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
 *
 * <p>Lifetime: code that reads the segment on another thread than the one that will close the file
 * (decoding tasks) holds a {@link Use} while it does. {@link #close()} first stops new uses, then
 * waits for the current ones to end, then unmaps: a failing task's siblings, still running when
 * their reader is closed, never read unmapped memory (codecs that read by raw address would crash
 * the JVM) and never make the unmapping fail (which would leak the mapping).
 */
public final class MappedFile implements AutoCloseable {
    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    /** The file opened for pread, or null (see {@link #copy}). */
    private final PositionalReads reads;
    private final Object lock = new Object();
    /** Uses in progress, and whether close() has begun (no new uses). */
    private int uses;
    private boolean closing;
    /** Mappings not yet closed, process-wide (lets tests prove that scans leave none behind). */
    private static final java.util.concurrent.atomic.AtomicInteger LIVE = new java.util.concurrent.atomic.AtomicInteger();

    /** A use of the mapping in progress; {@link #close()} ends it. */
    public interface Use extends AutoCloseable {
        @Override
        void close();
    }

    private MappedFile(Path path, Arena arena, MemorySegment segment, PositionalReads reads) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        this.reads = reads;
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
                return new MappedFile(path, arena, seg, size == 0 ? null : PositionalReads.open(path));
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

    /**
     * Copies {@code length} bytes of the file at {@code offset} into {@code dst[at..]}: read from the page cache by the
     * kernel ({@code pread}) where the platform allows, so nothing is faulted into this process; else, or when the
     * read comes up short (a file cut since it was mapped), copied from the mapping, which reports the fault.
     *
     * @return whether the mapping was left untouched (every byte came by {@code pread})
     * @throws IllegalStateException when the file is closed or being closed
     */
    public boolean copy(long offset, byte[] dst, int at, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, segment.byteSize());
        java.util.Objects.checkFromIndexSize(at, length, dst.length);
        int done = 0;
        if (reads != null) {
            // A use keeps the descriptor open while it is read: closed under a straggler, its number could be reused
            // by another file, and a read of that file would return wrong bytes where the mapping fails loudly.
            try (Use u = use()) {
                done = reads.read(offset, dst, at, length);
            }
        }
        if (done < length) {
            MemorySegment.copy(segment, java.lang.foreign.ValueLayout.JAVA_BYTE, offset + done, dst, at + done, length - done);
        }
        return done == length;
    }

    /**
     * Marks the start of reading the segment; the mapping stays until the returned use is closed.
     *
     * @throws IllegalStateException when the file is closed or being closed
     */
    public Use use() {
        synchronized (lock) {
            if (closing) throw new IllegalStateException(path + " is closed");
            uses++;
        }
        return this::endUse;
    }

    private void endUse() {
        synchronized (lock) {
            if (--uses == 0) lock.notifyAll();
        }
    }

    /** Waits for the uses in progress to end, then unmaps the file. Closing twice is harmless. */
    @Override
    public void close() {
        boolean interrupted = false;
        synchronized (lock) {
            if (closing) return;
            closing = true;
            while (uses > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;   // the mapping must not go while it is read: wait on, then re-assert
                }
            }
        }
        try {
            if (reads != null) reads.close();
            unmap();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the arena. It refuses while another thread is inside a segment access without a
     * {@link Use} (a caller's bug, or a thread still finishing an access); retried briefly so that
     * the mapping is not leaked, then reported.
     */
    private void unmap() {
        for (int attempt = 0; ; attempt++) {
            try {
                arena.close();
                LIVE.decrementAndGet();
                return;
            } catch (IllegalStateException busy) {
                if (!arena.scope().isAlive()) return;   // already closed
                if (attempt == 200) throw new IllegalStateException("cannot unmap " + path + ": still read by another thread", busy);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
