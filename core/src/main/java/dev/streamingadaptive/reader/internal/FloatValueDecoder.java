package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.memory.HeapGuard;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.parquet.encoding.ByteStreamSplitDecoder;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;
import dev.streamingadaptive.parquet.meta.Encoding;

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
    void readEncoded(Encoding encoding, MemorySegment seg, long offset, long limit, int count) {
        ensure(count);
        switch (encoding) {
            case PLAIN -> PlainDecoder.readFloats(seg, offset, limit, values, size, count);
            case BYTE_STREAM_SPLIT -> ByteStreamSplitDecoder.decodeFloats(seg, offset, limit, count, values, size);
            default -> throw unsupported(encoding, "FLOAT");
        }
        size += count;
    }

    @Override
    ValueDecoder emptyCopy() {
        FloatValueDecoder copy = new FloatValueDecoder(type, 1024);
        copy.dictionary = dictionary;
        copy.dictionarySize = dictionarySize;
        return copy;
    }

    @Override
    Column finish(String name) {
        return new FloatColumn(name, type, values, size, null);
    }

    @Override
    int size() { return size; }
}
