package dev.streamingadaptive.text;

import io.airlift.compress.v3.zstd.ZstdInputStream;

import java.io.BufferedInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** A text file's bytes, decompressed by its extension: {@code .gz} (gzip), {@code .zst}/{@code .zstd} (zstd), else as is. */
final class TextInput {
    private TextInput() {}

    /**
     * The file's text. Uncompressed files are mapped and copied straight from the page cache into
     * the caller's arrays (one copy; a stream read goes through a native buffer first).
     */
    static InputStream open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz"), zstd = name.endsWith(".zst") || name.endsWith(".zstd");
        if (!gzip && !zstd) return new Mapped(file);
        InputStream raw = Files.newInputStream(file);
        try {
            if (gzip) return new GZIPInputStream(raw, 1 << 16);
            return new ZstdInputStream(new BufferedInputStream(raw, 1 << 16));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * A file read as a stream through a sliding 64 MB mapping: each window is unmapped once read,
     * so the pages of a file far larger than memory do not pile up in the process's resident set.
     */
    private static final class Mapped extends InputStream {
        private static final long WINDOW = 64L << 20;
        private final FileChannel channel;
        private final long size;
        private Arena arena;
        private MemorySegment window = MemorySegment.NULL;
        private long windowStart;
        private long position;

        Mapped(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            size = channel.size();
        }

        /** Maps the window holding {@code position}; false at the end of the file. */
        private boolean ensure() throws IOException {
            if (position >= size) return false;
            if (position >= windowStart && position < windowStart + window.byteSize()) return true;
            if (arena != null) arena.close();
            arena = Arena.ofShared();
            windowStart = position;
            window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, Math.min(WINDOW, size - windowStart), arena);
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!ensure()) return -1;
            return window.get(ValueLayout.JAVA_BYTE, position++ - windowStart) & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            int done = 0;
            while (done < len && ensure()) {
                long inWindow = windowStart + window.byteSize() - position;
                int n = (int) Math.min(len - done, inWindow);
                MemorySegment.copy(window, ValueLayout.JAVA_BYTE, position - windowStart, b, off + done, n);
                position += n;
                done += n;
            }
            return done == 0 ? -1 : done;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size - position);
        }

        @Override
        public synchronized void close() throws IOException {
            if (arena != null && arena.scope().isAlive()) arena.close();
            channel.close();
        }
    }

    /** Whether the file is read through a decompressor (its size on disk says little about its text). */
    static boolean compressed(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") || name.endsWith(".zst") || name.endsWith(".zstd");
    }
}
