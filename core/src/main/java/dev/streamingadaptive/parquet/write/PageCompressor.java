package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.compress.Compressors;
import io.airlift.compress.v3.Compressor;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Compresses page bodies with one codec (native where {@link Compressors} allows). One instance per thread. */
final class PageCompressor {
    private final CompressionCodec codec;
    private final Compressor block;
    private final Deflater deflater;
    private byte[] scratch = new byte[1024];

    PageCompressor(CompressionCodec codec, int level) {
        this.codec = codec;
        this.block = switch (codec) {
            case SNAPPY, ZSTD, LZ4_RAW -> Compressors.block(codec, level);
            default -> null;
        };
        this.deflater = codec == CompressionCodec.GZIP
                ? new Deflater(level < 0 ? Deflater.DEFAULT_COMPRESSION : level, true) : null;
    }

    CompressionCodec codec() { return codec; }

    /**
     * Compresses src[0, len) and returns the sink holding the result: {@code src} itself when
     * uncompressed, otherwise an internal buffer valid until the next call.
     */
    byte[] compress(byte[] src, int len, int[] outLen) {
        if (codec == CompressionCodec.UNCOMPRESSED) {
            outLen[0] = len;
            return src;
        }
        if (block != null) {
            int max = block.maxCompressedLength(len);
            if (scratch.length < max) scratch = new byte[max];
            outLen[0] = block.compress(src, 0, len, scratch, 0, scratch.length);
            return scratch;
        }
        return gzip(src, len, outLen);
    }

    private byte[] gzip(byte[] src, int len, int[] outLen) {
        // GZIP member: 10-byte header, raw deflate, CRC32 + ISIZE trailer.
        int max = len + len / 1000 + 64;
        if (scratch.length < max) scratch = new byte[max];
        byte[] out = scratch;
        int pos = 0;
        out[pos++] = 0x1f; out[pos++] = (byte) 0x8b; out[pos++] = 8; out[pos++] = 0;
        out[pos++] = 0; out[pos++] = 0; out[pos++] = 0; out[pos++] = 0; out[pos++] = 0; out[pos++] = (byte) 0xff;
        deflater.reset();
        deflater.setInput(src, 0, len);
        deflater.finish();
        while (!deflater.finished()) {
            if (pos == out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
                scratch = out;
            }
            pos += deflater.deflate(out, pos, out.length - pos);
        }
        if (out.length - pos < 8) {
            out = java.util.Arrays.copyOf(out, pos + 8);
            scratch = out;
        }
        CRC32 crc = new CRC32();
        crc.update(src, 0, len);
        int c = (int) crc.getValue();
        out[pos++] = (byte) c; out[pos++] = (byte) (c >>> 8); out[pos++] = (byte) (c >>> 16); out[pos++] = (byte) (c >>> 24);
        out[pos++] = (byte) len; out[pos++] = (byte) (len >>> 8); out[pos++] = (byte) (len >>> 16); out[pos++] = (byte) (len >>> 24);
        outLen[0] = pos;
        return out;
    }

    void close() {
        if (deflater != null) deflater.end();
    }
}
