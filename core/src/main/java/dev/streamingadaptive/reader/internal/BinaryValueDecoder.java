package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.memory.HeapGuard;
import dev.streamingadaptive.parquet.encoding.BinaryBuilder;
import dev.streamingadaptive.parquet.encoding.ByteStreamSplitDecoder;
import dev.streamingadaptive.parquet.encoding.DeltaByteArrayDecoder;
import dev.streamingadaptive.parquet.encoding.DeltaLengthByteArrayDecoder;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;
import dev.streamingadaptive.parquet.meta.Encoding;

import java.lang.foreign.MemorySegment;

/**
 * BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values. While every page is dictionary-encoded the chunk
 * stays as dictionary + indices (much smaller for repetitive strings); a non-dictionary page
 * after that materialises what was read so far and continues plain.
 */
final class BinaryValueDecoder extends ValueDecoder {
    private final int fixedLength;
    private BinaryBuilder plain;
    private BinaryBuilder dictionary;
    private GrowableInts indices;
    /** The dictionary as a column, made once and shared by every batch of the chunk. */
    private BinaryColumn dictionaryColumn;

    BinaryValueDecoder(DataType type, int initialCapacity, int fixedLength, long bytesHint) {
        super(type);
        this.fixedLength = fixedLength;
        this.initialCapacity = initialCapacity;
        // Trust the hint only as far as the heap allows: it comes from the file.
        long bytes = Math.min(bytesHint, Math.min(BinaryBuilder.MAX_DATA, HeapGuard.headroom() / 4));
        this.initialBytes = (int) Math.max(256, bytes);
    }

    private final int initialCapacity;
    private final int initialBytes;

    private BinaryBuilder plain() {
        if (plain == null) {
            plain = new BinaryBuilder(initialCapacity, initialBytes);
            if (indices != null) {
                // Fallback from dictionary to plain pages mid-chunk: materialise the indices read so far.
                for (int i = 0; i < indices.size; i++) plain.appendFrom(dictionary, indices.data[i]);
                indices = null;
            }
        }
        return plain;
    }

    @Override
    void readDictionary(MemorySegment seg, long offset, long limit, int count) {
        dictionary = new BinaryBuilder();
        if (fixedLength > 0) PlainDecoder.readFixedLenByteArrays(seg, offset, limit, fixedLength, dictionary, count);
        else PlainDecoder.readByteArrays(seg, offset, limit, dictionary, count);
        dictionarySize = count;
    }

    @Override
    void readDictionaryIndices(int[] idx, int count) {
        if (plain != null) {
            for (int i = 0; i < count; i++) plain.appendFrom(dictionary, idx[i]);
            return;
        }
        if (indices == null) indices = new GrowableInts(initialCapacity);
        int[] d = indices.ensure(count, "dictionary indices");
        System.arraycopy(idx, 0, d, indices.size, count);
        indices.size += count;
    }

    @Override
    void readEncoded(Encoding encoding, MemorySegment seg, long offset, long limit, int count) {
        BinaryBuilder out = plain();
        switch (encoding) {
            case PLAIN -> {
                if (fixedLength > 0) PlainDecoder.readFixedLenByteArrays(seg, offset, limit, fixedLength, out, count);
                else PlainDecoder.readByteArrays(seg, offset, limit, out, count);
            }
            case DELTA_LENGTH_BYTE_ARRAY -> {
                if (fixedLength > 0) throw unsupported(encoding, "FIXED_LEN_BYTE_ARRAY");
                DeltaLengthByteArrayDecoder.decode(seg, offset, limit, out, count);
            }
            case DELTA_BYTE_ARRAY -> DeltaByteArrayDecoder.decode(seg, offset, limit, out, count);
            case BYTE_STREAM_SPLIT -> {
                if (fixedLength <= 0) throw unsupported(encoding, "BYTE_ARRAY");
                ByteStreamSplitDecoder.decodeFixed(seg, offset, limit, count, fixedLength, out);
            }
            default -> throw unsupported(encoding, fixedLength > 0 ? "FIXED_LEN_BYTE_ARRAY" : "BYTE_ARRAY");
        }
    }

    @Override
    ValueDecoder emptyCopy() {
        BinaryValueDecoder copy = new BinaryValueDecoder(type, 1024, fixedLength, 0);
        copy.dictionary = dictionary;
        copy.dictionarySize = dictionarySize;
        copy.dictionaryColumn = dictionaryColumn;
        return copy;
    }

    @Override
    Column finish(String name) {
        if (type.kind() == DataType.Kind.FLOAT16) return float16(name);
        if (indices != null && plain == null) {
            if (dictionaryColumn == null) {
                dictionaryColumn = new BinaryColumn(name, type, dictionary.offsets(), dictionary.data(), dictionary.count(), null);
            }
            return new DictionaryColumn(name, dictionaryColumn, indices.data, indices.size, null);
        }
        BinaryBuilder b = plain();
        return new BinaryColumn(name, type, b.offsets(), b.data(), b.count(), null);
    }

    private Column float16(String name) {
        BinaryBuilder b = plain();
        int n = b.count();
        float[] out = new float[n];
        int[] offsets = b.offsets();
        byte[] data = b.data();
        for (int i = 0; i < n; i++) {
            int o = offsets[i];
            out[i] = Float.float16ToFloat((short) ((data[o] & 0xFF) | (data[o + 1] << 8)));
        }
        return new FloatColumn(name, type, out, n, null);
    }

    @Override
    int size() {
        if (plain != null) return plain.count();
        return indices == null ? 0 : indices.size;
    }
}
