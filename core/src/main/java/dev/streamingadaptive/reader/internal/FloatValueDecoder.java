package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.parquet.encoding.ByteStreamSplitDecoder;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** FLOAT values. */
final class FloatValueDecoder extends ValueDecoder {
    private float[] values;
    private int size;
    private float[] dictionary;

    FloatValueDecoder(DataType type, int initialCapacity) {
        super(type);
        values = new float[initialCapacity];
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > values.length) {
            values = Arrays.copyOf(values, HeapGuard.grownLength(values.length, needed, Float.BYTES, "FLOAT values"));
        }
    }

    @Override
    void readDictionary(MemorySegment seg, long offset, long limit, int count) {
        dictionary = new float[HeapGuard.checkArray(count, Float.BYTES, "dictionary")];
        PlainDecoder.readFloats(seg, offset, limit, dictionary, 0, count);
        dictionarySize = count;
    }

    /** The dictionary array has exactly the dictionary's entries: the gather checks every index. */
    @Override
    boolean gathersCheckedIndices() {
        return true;
    }

    @Override
    void readDictionaryIndices(int[] indices, int count) {
        ensure(count);
        float[] v = values;
        float[] d = dictionary;
        int base = size;
        for (int i = 0; i < count; i++) v[base + i] = d[indices[i]];
        size += count;
    }

    @Override
    void startEncoded() {
        switch (encoding) {
            case PLAIN, BYTE_STREAM_SPLIT -> { }
            default -> throw unsupported(encoding, "FLOAT");
        }
    }

    @Override
    void readEncoded(int from, int count) {
        ensure(count);
        switch (encoding) {
            case PLAIN -> pos = PlainDecoder.readFloats(seg, pos, limit, values, size, count);
            case BYTE_STREAM_SPLIT -> ByteStreamSplitDecoder.decodeFloats(seg, start, limit, pageValues, from, count, values, size);
            default -> throw unsupported(encoding, "FLOAT");
        }
        size += count;
    }

    @Override
    void skipEncoded(int from, int count) {
        if (encoding == dev.streamingadaptive.parquet.meta.Encoding.PLAIN) skipFixed(Float.BYTES, count);
    }

    @Override
    void newBatch(int capacity, long bytesHint) {
        values = new float[Math.max(16, capacity)];
        size = 0;
    }

    @Override
    boolean newBatchInto(Object target, int offset, int count) {
        if (!(target instanceof float[] t) || offset < 0 || offset + (long) count > t.length) return false;
        values = t;
        size = offset;
        return true;
    }

    @Override
    long retainedBytes() {
        return (dictionary == null ? 0 : (long) dictionary.length * Float.BYTES) + scratchBytes();
    }

    @Override
    Column finish(String name) {
        return new FloatColumn(name, type, values, size, null);
    }

    @Override
    int size() { return size; }
}
