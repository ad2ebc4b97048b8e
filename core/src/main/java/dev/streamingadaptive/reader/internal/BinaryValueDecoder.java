package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.parquet.encoding.HeapGuard;
import dev.streamingadaptive.parquet.encoding.BinaryBuilder;
import dev.streamingadaptive.parquet.encoding.ByteStreamSplitDecoder;
import dev.streamingadaptive.parquet.encoding.DeltaByteArrayDecoder;
import dev.streamingadaptive.parquet.encoding.DeltaLengthByteArrayDecoder;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;

import java.lang.foreign.MemorySegment;

/**
 * BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values. While every page of a batch is dictionary-encoded
 * the batch stays as dictionary + indices (much smaller for repetitive strings); a non-dictionary
 * page after that materialises what the batch read so far and continues plain.
 */
final class BinaryValueDecoder extends ValueDecoder {
    private final int fixedLength;
    private BinaryBuilder plain;
    private BinaryBuilder dictionary;
    private GrowableInts indices;
    /** The dictionary as a column, made once and shared by every batch of the chunk. */
    private BinaryColumn dictionaryColumn;
    private DeltaLengthByteArrayDecoder deltaLength;
    private DeltaByteArrayDecoder deltaBytes;
    private int initialCapacity;
    private int initialBytes;

    BinaryValueDecoder(DataType type, int initialCapacity, int fixedLength, long bytesHint) {
        super(type);
        this.fixedLength = fixedLength;
        newBatch(initialCapacity, bytesHint);
    }

    private BinaryBuilder plain() {
        if (plain == null) {
            plain = new BinaryBuilder(initialCapacity, initialBytes);
            if (indices != null) {
                // Fallback from dictionary to plain pages mid-batch: materialise the indices read so far.
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
        dictionaryColumn = null;
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
    void startEncoded() {
        String physical = fixedLength > 0 ? "FIXED_LEN_BYTE_ARRAY" : "BYTE_ARRAY";
        switch (encoding) {
            case PLAIN -> { }
            case DELTA_LENGTH_BYTE_ARRAY -> {
                if (fixedLength > 0) throw unsupported(encoding, physical);
                deltaLength = new DeltaLengthByteArrayDecoder(seg, start, limit, pageValues);
            }
            case DELTA_BYTE_ARRAY -> deltaBytes = new DeltaByteArrayDecoder(seg, start, limit, pageValues);
            case BYTE_STREAM_SPLIT -> {
                if (fixedLength <= 0) throw unsupported(encoding, physical);
            }
            default -> throw unsupported(encoding, physical);
        }
    }

    @Override
    void readEncoded(int from, int count) {
        BinaryBuilder out = plain();
        switch (encoding) {
            case PLAIN -> pos = fixedLength > 0 ? PlainDecoder.readFixedLenByteArrays(seg, pos, limit, fixedLength, out, count)
                    : PlainDecoder.readByteArrays(seg, pos, limit, out, count);
            case DELTA_LENGTH_BYTE_ARRAY -> deltaLength.read(out, count);
            case DELTA_BYTE_ARRAY -> deltaBytes.read(out, count);
            case BYTE_STREAM_SPLIT -> ByteStreamSplitDecoder.decodeFixed(seg, start, limit, pageValues, from, count, fixedLength, out);
            default -> throw unsupported(encoding, "binary");
        }
    }

    @Override
    void skipEncoded(int from, int count) {
        switch (encoding) {
            case PLAIN -> {
                if (fixedLength > 0) skipFixed(fixedLength, count);
                else pos = PlainDecoder.skipByteArrays(seg, pos, limit, count);
            }
            case DELTA_LENGTH_BYTE_ARRAY -> deltaLength.skip(count);
            case DELTA_BYTE_ARRAY -> deltaBytes.skip(count);
            default -> { }   // BYTE_STREAM_SPLIT reads by index
        }
    }

    @Override
    void dropEncoded() {
        deltaLength = null;
        deltaBytes = null;
    }

    @Override
    void newBatch(int capacity, long bytesHint) {
        plain = null;
        indices = null;
        initialCapacity = Math.max(16, capacity);
        // Trust the hint only as far as the heap allows: it comes from the file.
        long bytes = Math.min(bytesHint, Math.min(BinaryBuilder.MAX_DATA, HeapGuard.headroom() / 4));
        initialBytes = (int) Math.max(256, bytes);
    }

    @Override
    long retainedBytes() {
        long dict = dictionary == null ? 0 : dictionary.dataLength() + 4L * (dictionary.count() + 1);
        return dict + scratchBytes();
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
