package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.parquet.encoding.ByteStreamSplitDecoder;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** DOUBLE values. */
final class DoubleValueDecoder extends ValueDecoder {
    private double[] values;
    private int size;
    private double[] dictionary;

    DoubleValueDecoder(DataType type, int initialCapacity) {
        super(type);
        values = new double[initialCapacity];
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > values.length) {
            values = Arrays.copyOf(values, HeapGuard.grownLength(values.length, needed, Double.BYTES, "DOUBLE values"));
        }
    }

    @Override
    void readDictionary(MemorySegment seg, long offset, long limit, int count) {
        dictionary = new double[HeapGuard.checkArray(count, Double.BYTES, "dictionary")];
        PlainDecoder.readDoubles(seg, offset, limit, dictionary, 0, count);
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
        double[] v = values;
        double[] d = dictionary;
        int base = size;
        for (int i = 0; i < count; i++) v[base + i] = d[indices[i]];
        size += count;
    }

    @Override
    void startEncoded() {
        switch (encoding) {
            case PLAIN, BYTE_STREAM_SPLIT -> { }
            default -> throw unsupported(encoding, "DOUBLE");
        }
    }

    @Override
    void readEncoded(int from, int count) {
        ensure(count);
        switch (encoding) {
            case PLAIN -> pos = PlainDecoder.readDoubles(seg, pos, limit, values, size, count);
            case BYTE_STREAM_SPLIT -> ByteStreamSplitDecoder.decodeDoubles(seg, start, limit, pageValues, from, count, values, size);
            default -> throw unsupported(encoding, "DOUBLE");
        }
        size += count;
    }

    @Override
    void skipEncoded(int from, int count) {
        if (encoding == dev.streamingadaptive.parquet.meta.Encoding.PLAIN) skipFixed(Double.BYTES, count);
    }

    @Override
    void newBatch(int capacity, long bytesHint) {
        values = new double[Math.max(16, capacity)];
        size = 0;
    }

    @Override
    boolean newBatchInto(Object target, int offset, int count) {
        if (!(target instanceof double[] t) || offset < 0 || offset + (long) count > t.length) return false;
        values = t;
        size = offset;
        return true;
    }

    @Override
    long retainedBytes() {
        return (dictionary == null ? 0 : (long) dictionary.length * Double.BYTES) + scratchBytes();
    }

    @Override
    Column finish(String name) {
        return new DoubleColumn(name, type, values, size, null);
    }

    @Override
    int size() { return size; }
}
