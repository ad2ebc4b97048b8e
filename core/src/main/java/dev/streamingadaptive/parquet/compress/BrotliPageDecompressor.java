package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.brotli.dec.BrotliInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * BROTLI via {@code org.brotli:dec}. The decoder keeps a ring buffer bounded by the stream's window
 * (at most 16 MiB; smaller for small single-metablock streams). A decoder is created per call.
 */
final class BrotliPageDecompressor implements PageDecompressor {
    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        try (InputStream in = new BrotliInputStream(new SegmentInputStream(seg.asSlice(offset, compressedLength)),
                Math.max(256, Math.min(16384, compressedLength)))) {
            int out = 0;
            while (out < uncompressedLength) {
                int n = in.read(dst, out, uncompressedLength - out);
                if (n < 0) break;
                out += n;
            }
            if (out < uncompressedLength) {
                throw new ParquetFormatException("BROTLI page decompressed to " + out + " bytes, expected " + uncompressedLength);
            }
            if (in.read() >= 0) throw new ParquetFormatException("BROTLI page produces more than " + uncompressedLength + " bytes");
        } catch (IOException e) {
            throw new ParquetFormatException("corrupt BROTLI page: " + e.getMessage(), e);
        }
    }

    /** An InputStream over a segment, reading by bulk copies. */
    static final class SegmentInputStream extends InputStream {
        private final MemorySegment seg;
        private long pos;

        SegmentInputStream(MemorySegment seg) { this.seg = seg; }

        @Override
        public int read() {
            return pos < seg.byteSize() ? seg.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = seg.byteSize() - pos;
            if (len == 0) return 0;
            if (left <= 0) return -1;
            int n = (int) Math.min(len, left);
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() { return (int) Math.min(Integer.MAX_VALUE, seg.byteSize() - pos); }
    }
}
