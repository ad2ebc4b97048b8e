package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A small bounds-checked LZ4 block decoder that allows matches into earlier output (linked blocks of
 * the LZ4 frame format). Only used for the rare LZ4-frame pages; raw blocks go through aircompressor.
 */
final class Lz4Block {
    private Lz4Block() {}

    /**
     * Decodes {@code in[pos, end)} to {@code dst[out..limit)}; matches may reach back to {@code dst[windowStart]}.
     * Returns the new output position.
     */
    static int decode(MemorySegment in, long pos, long end, byte[] dst, int windowStart, int out, int limit) {
        while (true) {
            if (pos >= end) throw new ParquetFormatException("LZ4 block: truncated");
            int token = in.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF;
            long literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (pos >= end) throw new ParquetFormatException("LZ4 block: truncated literal length");
                    b = in.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF;
                    literals += b;
                } while (b == 255);
            }
            if (literals > end - pos) throw new ParquetFormatException("LZ4 block: literals run past the input");
            if (literals > limit - out) throw new ParquetFormatException("LZ4 block: more output than expected");
            MemorySegment.copy(in, ValueLayout.JAVA_BYTE, pos, dst, out, (int) literals);
            pos += literals;
            out += (int) literals;
            if (pos == end) return out; // last sequence has literals only
            if (end - pos < 2) throw new ParquetFormatException("LZ4 block: truncated match offset");
            int matchOffset = (in.get(ValueLayout.JAVA_BYTE, pos) & 0xFF) | (in.get(ValueLayout.JAVA_BYTE, pos + 1) & 0xFF) << 8;
            pos += 2;
            if (matchOffset == 0 || matchOffset > out - windowStart) throw new ParquetFormatException("LZ4 block: bad match offset");
            long matchLength = (token & 0x0F);
            if (matchLength == 15) {
                int b;
                do {
                    if (pos >= end) throw new ParquetFormatException("LZ4 block: truncated match length");
                    b = in.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF;
                    matchLength += b;
                } while (b == 255);
            }
            matchLength += 4;
            if (matchLength > limit - out) throw new ParquetFormatException("LZ4 block: more output than expected");
            int from = out - matchOffset;
            for (int i = 0; i < matchLength; i++) dst[out + i] = dst[from + i]; // overlapping copy, byte by byte
            out += (int) matchLength;
        }
    }
}
