package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.ParquetFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Legacy LZ4 (codec id 5), whose framing depends on the writer. Tried in order, like parquet-cpp:
 * <ol>
 *   <li>Hadoop framing: chunks of {@code [u32 BE uncompressed length]} followed by one or more
 *       {@code [u32 BE compressed length][raw LZ4 block]} until the chunk's length is produced; the
 *       chunks must consume the input exactly and produce exactly the expected size;</li>
 *   <li>a single raw LZ4 block (older parquet-cpp);</li>
 *   <li>the LZ4 frame format (magic {@code 04 22 4D 18}), independent or linked blocks.</li>
 * </ol>
 * Stateless.
 */
final class Lz4LegacyPageDecompressor implements PageDecompressor {
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int FRAME_MAGIC = 0x184D2204;

    @Override
    public void decompress(MemorySegment seg, long offset, int compressedLength, byte[] dst, int uncompressedLength) {
        MemorySegment in = Decompressors.input(seg, offset, compressedLength);
        RuntimeException hadoopError;
        try {
            if (hadoop(in, dst, uncompressedLength)) return;
            hadoopError = new ParquetFormatException("framing does not match");
        } catch (RuntimeException e) {
            hadoopError = e;
        }
        RuntimeException rawError;
        try {
            int produced = Lz4RawPageDecompressor.rawBlock(in, dst, 0, uncompressedLength);
            if (produced == uncompressedLength) return;
            rawError = new ParquetFormatException("produced " + produced + " bytes");
        } catch (RuntimeException e) {
            rawError = e;
        }
        if (in.byteSize() >= 4 && in.get(INT_LE, 0) == FRAME_MAGIC) {
            frames(in, dst, uncompressedLength); // its errors are the most specific ones
            return;
        }
        ParquetFormatException e = new ParquetFormatException("corrupt LZ4 page (" + compressedLength + " -> " + uncompressedLength
                + " bytes): not Hadoop-framed (" + hadoopError.getMessage() + "), not a raw LZ4 block ("
                + rawError.getMessage() + "), not an LZ4 frame", rawError);
        e.addSuppressed(hadoopError);
        throw e;
    }

    /** Returns false (or throws) when the input is not exactly a sequence of Hadoop chunks producing {@code expected} bytes. */
    private static boolean hadoop(MemorySegment in, byte[] dst, int expected) {
        long size = in.byteSize();
        long pos = 0;
        int out = 0;
        if (size < 8) return false;
        while (pos < size) {
            if (size - pos < 8) return false;
            long chunk = in.get(INT_BE, pos) & 0xFFFFFFFFL;
            pos += 4;
            if (chunk > expected - out) return false;
            long chunkEnd = out + chunk;
            do {
                if (size - pos < 4) return false;
                long blockLength = in.get(INT_BE, pos) & 0xFFFFFFFFL;
                pos += 4;
                if (blockLength > size - pos) return false;
                int produced = Lz4RawPageDecompressor.rawBlock(in.asSlice(pos, blockLength), dst, out, (int) (chunkEnd - out));
                pos += blockLength;
                out += produced;
                if (produced == 0 && out < chunkEnd) return false; // no progress
            } while (out < chunkEnd);
        }
        return out == expected;
    }

    /** One or more LZ4 frames (skippable frames allowed). */
    private static void frames(MemorySegment in, byte[] dst, int expected) {
        long size = in.byteSize();
        long pos = 0;
        int out = 0;
        while (pos < size) {
            if (size - pos < 4) throw new ParquetFormatException("LZ4 frame: truncated magic");
            int magic = in.get(INT_LE, pos);
            pos += 4;
            if ((magic & 0xFFFFFFF0) == 0x184D2A50) { // skippable frame
                if (size - pos < 4) throw new ParquetFormatException("LZ4 frame: truncated skippable frame");
                long skip = in.get(INT_LE, pos) & 0xFFFFFFFFL;
                pos += 4;
                if (skip > size - pos) throw new ParquetFormatException("LZ4 frame: truncated skippable frame");
                pos += skip;
                continue;
            }
            if (magic != FRAME_MAGIC) throw new ParquetFormatException("LZ4 frame: bad magic " + Integer.toHexString(magic));
            if (size - pos < 3) throw new ParquetFormatException("LZ4 frame: truncated header");
            int flg = in.get(ValueLayout.JAVA_BYTE, pos) & 0xFF;
            pos += 2; // FLG, BD
            if ((flg >>> 6) != 1) throw new ParquetFormatException("LZ4 frame: unsupported version");
            boolean independent = (flg & 0x20) != 0;
            boolean blockChecksum = (flg & 0x10) != 0;
            boolean contentSize = (flg & 0x08) != 0;
            boolean contentChecksum = (flg & 0x04) != 0;
            if ((flg & 0x01) != 0) throw new ParquetFormatException("LZ4 frame: dictionaries are not supported");
            if (contentSize) {
                if (size - pos < 8) throw new ParquetFormatException("LZ4 frame: truncated header");
                long declared = in.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), pos);
                if (declared < 0 || declared > expected - out) {
                    throw new ParquetFormatException("LZ4 frame: content size " + declared + " exceeds the page size");
                }
                pos += 8;
            }
            pos += 1; // header checksum (not verified)
            int frameStart = out;
            while (true) {
                if (size - pos < 4) throw new ParquetFormatException("LZ4 frame: truncated block header");
                int header = in.get(INT_LE, pos);
                pos += 4;
                if (header == 0) break; // end mark
                long length = header & 0x7FFFFFFFL;
                if (length > size - pos) throw new ParquetFormatException("LZ4 frame: truncated block");
                if (header < 0) { // stored
                    if (length > expected - out) throw new ParquetFormatException("LZ4 frame: more output than expected");
                    MemorySegment.copy(in, ValueLayout.JAVA_BYTE, pos, dst, out, (int) length);
                    out += (int) length;
                } else {
                    int prefix = independent ? out : frameStart;
                    out = Lz4Block.decode(in, pos, pos + length, dst, prefix, out, expected);
                }
                pos += length + (blockChecksum ? 4 : 0);
            }
            pos += contentChecksum ? 4 : 0;
            if (pos > size) throw new ParquetFormatException("LZ4 frame: truncated checksum");
        }
        if (out != expected) throw new ParquetFormatException("LZ4 frames produced " + out + " bytes, expected " + expected);
    }
}
