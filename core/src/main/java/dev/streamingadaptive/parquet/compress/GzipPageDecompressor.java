package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * GZIP (RFC 1952): one or more concatenated members, each header parsed here, the deflate body
 * inflated by {@link Inflater} from heap copies of the segment into the destination, the CRC-32 and ISIZE
 * trailer verified. All members together must produce exactly the expected size and consume the
 * input exactly. An {@link Inflater} is created per call (and ended), so the instance is stateless.
 */
final class GzipPageDecompressor implements PageDecompressor {
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;
    /** Compressed bytes handed to zlib at a time. */
    private static final int INPUT_CHUNK = 64 * 1024;

    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        MemorySegment in = seg.asSlice(offset, compressedLength);
        long size = in.byteSize();
        Inflater inflater = new Inflater(true);
        try {
            long pos = 0;
            int out = 0;
            byte[] probe = new byte[1];
            byte[] chunk = new byte[(int) Math.min(INPUT_CHUNK, Math.max(1, size))];
            do {
                pos = skipHeader(in, pos);
                inflater.reset();
                // zlib gets heap copies, a chunk at a time, never the mapping itself: a file truncated while
                // mapped faults in the copy (a Java error we turn into a format error), not in native code.
                long fed = pos;
                int memberStart = out;
                while (!inflater.finished()) {
                    if (inflater.needsInput() && fed < size) {
                        int k = (int) Math.min(chunk.length, size - fed);
                        MemorySegment.copy(in, ValueLayout.JAVA_BYTE, fed, chunk, 0, k);
                        inflater.setInput(chunk, 0, k);
                        fed += k;
                    }
                    int n;
                    if (out < uncompressedLength) {
                        n = inflater.inflate(dst, out, uncompressedLength - out);
                        out += n;
                    } else {
                        n = inflater.inflate(probe, 0, 1); // output is full: the stream must end now
                        if (n > 0) throw new ParquetFormatException("GZIP page produces more than " + uncompressedLength + " bytes");
                    }
                    if (n == 0 && !inflater.finished()) {
                        if (inflater.needsDictionary()) throw new ParquetFormatException("GZIP page needs a preset dictionary");
                        if (inflater.needsInput() && fed >= size) throw new ParquetFormatException("GZIP page is truncated");
                    }
                }
                pos += inflater.getBytesRead();   // the member ends here; what was fed beyond it is the next member's
                if (size - pos < 8) throw new ParquetFormatException("GZIP page: truncated member trailer");
                CRC32 crc = new CRC32();
                crc.update(dst, memberStart, out - memberStart);
                if ((int) crc.getValue() != in.get(INT_LE, pos)) throw new ParquetFormatException("GZIP page: CRC-32 mismatch");
                if (out - memberStart != in.get(INT_LE, pos + 4)) throw new ParquetFormatException("GZIP page: member size mismatch");
                pos += 8;
            } while (pos < size);
            Decompressors.checkProduced(dev.streamingadaptive.parquet.meta.CompressionCodec.GZIP, out, uncompressedLength);
        } catch (DataFormatException e) {
            throw new ParquetFormatException("corrupt GZIP page: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Returns the position of the deflate data of the member whose header starts at {@code pos}. */
    private static long skipHeader(MemorySegment in, long pos) {
        long size = in.byteSize();
        if (size - pos < 10) throw new ParquetFormatException("GZIP page: truncated member header");
        if (in.get(ValueLayout.JAVA_BYTE, pos) != (byte) 0x1f || in.get(ValueLayout.JAVA_BYTE, pos + 1) != (byte) 0x8b) {
            throw new ParquetFormatException("GZIP page: bad magic at member offset " + pos);
        }
        if (in.get(ValueLayout.JAVA_BYTE, pos + 2) != 8) throw new ParquetFormatException("GZIP page: compression method is not deflate");
        int flags = in.get(ValueLayout.JAVA_BYTE, pos + 3) & 0xFF;
        pos += 10;
        if ((flags & FEXTRA) != 0) {
            if (size - pos < 2) throw new ParquetFormatException("GZIP page: truncated member header");
            int xlen = (in.get(ValueLayout.JAVA_BYTE, pos) & 0xFF) | (in.get(ValueLayout.JAVA_BYTE, pos + 1) & 0xFF) << 8;
            pos += 2 + xlen;
        }
        if ((flags & FNAME) != 0) pos = skipZeroTerminated(in, pos);
        if ((flags & FCOMMENT) != 0) pos = skipZeroTerminated(in, pos);
        if ((flags & FHCRC) != 0) pos += 2;
        if (pos > size) throw new ParquetFormatException("GZIP page: truncated member header");
        return pos;
    }

    private static long skipZeroTerminated(MemorySegment in, long pos) {
        long size = in.byteSize();
        while (pos < size) {
            if (in.get(ValueLayout.JAVA_BYTE, pos++) == 0) return pos;
        }
        throw new ParquetFormatException("GZIP page: truncated member header");
    }
}
