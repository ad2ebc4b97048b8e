package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.format.TextFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one text file sequentially and cuts it into {@link Chunk}s of about {@code targetBytes}
 * that end on record boundaries ({@link RecordEnds}), so each can be parsed on its own thread. A
 * UTF-8 byte-order mark is dropped; each chunk is a fresh array (it is handed to a parser thread
 * while the next one is read). A record longer than {@code maxRecordBytes} (an unterminated quote,
 * usually) fails with its line instead of growing without bound.
 */
final class ChunkReader implements AutoCloseable {
    private final String file;
    private final InputStream in;
    private final RecordEnds ends;
    private final int targetBytes;
    private final int maxRecordBytes;
    private final long[] lines = new long[2];
    private byte[] pending = new byte[0];
    private int pendingLength;
    private boolean eof;
    private long nextLine = 1;
    private long index;

    ChunkReader(Path path, RecordEnds ends, int targetBytes, int maxRecordBytes) throws IOException {
        this.file = path.toString();
        this.ends = ends;
        this.targetBytes = targetBytes;
        this.maxRecordBytes = maxRecordBytes;
        this.in = TextInput.open(path);
        try {
            byte[] start = in.readNBytes(3);
            boolean bom = start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF;
            if (!bom) {
                pending = java.util.Arrays.copyOf(start, Math.max(start.length, 16));
                pendingLength = start.length;
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Drops the next {@code n} lines (text before a header). */
    void skipLines(int n) throws IOException {
        while (n > 0) {
            int c;
            if (pendingLength > 0) {
                c = pending[0] & 0xFF;
                System.arraycopy(pending, 1, pending, 0, --pendingLength);
            } else {
                c = in.read();
            }
            if (c < 0) return;
            if (c == '\n') {
                n--;
                nextLine++;
            }
        }
    }

    /** The next chunk of whole records, of about the size given at construction, or null at the end of the file. */
    Chunk next() throws IOException {
        return nextOfSize(targetBytes);
    }

    /** The next chunk of whole records, of about {@code size} bytes, or null at the end of the file. */
    Chunk nextOfSize(int size) throws IOException {
        return nextOfSize(size, null);
    }

    /**
     * The next chunk of about {@code size} bytes, read into {@code reuse} when it is large enough
     * (an array a parsed chunk gave back; its old contents are overwritten), else a new array.
     */
    Chunk nextOfSize(int size, byte[] reuse) throws IOException {
        int want = Math.max(size, pendingLength * 2);
        byte[] buf = reuse != null && reuse.length >= want ? reuse : new byte[want];
        System.arraycopy(pending, 0, buf, 0, pendingLength);
        int len = pendingLength;
        pendingLength = 0;
        while (true) {
            while (len < buf.length && !eof) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) eof = true;
                else len += n;
            }
            if (len == 0) return null;
            if (eof) return emit(buf, len, Swar.count(buf, 0, len, (byte) '\n'), !ends.hasQuote(buf, 0, len));
            int end = ends.lastEnd(buf, 0, len, lines);
            if (end > 0) {
                pendingLength = len - end;
                if (pending.length < pendingLength) pending = new byte[Math.max(pendingLength, 1 << 16)];
                System.arraycopy(buf, end, pending, 0, pendingLength);
                return emit(buf, end, lines[0], lines[1] == 0);
            }
            if (buf.length >= maxRecordBytes) {
                throw new TextFormatException("a record longer than " + maxRecordBytes / (1 << 20)
                        + " MB (an unterminated quote?)", file, nextLine);
            }
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxRecordBytes));
        }
    }

    private Chunk emit(byte[] buf, int length, long newlines, boolean quoteFree) {
        Chunk c = new Chunk(file, buf, 0, length, nextLine, index++, quoteFree);
        nextLine += newlines;
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
