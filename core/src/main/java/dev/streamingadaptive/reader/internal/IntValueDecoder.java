package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.parquet.encoding.ByteStreamSplitDecoder;
import dev.streamingadaptive.parquet.encoding.DeltaBinaryPackedDecoder;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** INT32 values (ints, small and unsigned ints, dates, millisecond times, small decimals). */
final class IntValueDecoder extends ValueDecoder {
    private int[] values;
    private int size;
    private int[] dictionary;
    private DeltaBinaryPackedDecoder delta;

    IntValueDecoder(DataType type, int initialCapacity) {
        super(type);
        values = new int[initialCapacity];
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > values.length) {
            values = Arrays.copyOf(values, HeapGuard.grownLength(values.length, needed, Integer.BYTES, "INT32 values"));
        }
    }

    @Override
    void readDictionary(MemorySegment seg, long offset, long limit, int count) {
        dictionary = new int[HeapGuard.checkArray(count, Integer.BYTES, "dictionary")];
        PlainDecoder.readInts(seg, offset, limit, dictionary, 0, count);
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
        int[] v = values;
        int[] d = dictionary;
        int base = size;
        for (int i = 0; i < count; i++) v[base + i] = d[indices[i]];
        size += count;
    }

    @Override
    void startEncoded() {
        switch (encoding) {
            case PLAIN, BYTE_STREAM_SPLIT -> { }
            case DELTA_BINARY_PACKED -> delta = new DeltaBinaryPackedDecoder(seg, start, limit);
            default -> throw unsupported(encoding, "INT32");
        }
    }

    @Override
    void readEncoded(int from, int count) {
        ensure(count);
        switch (encoding) {
            case PLAIN -> pos = PlainDecoder.readInts(seg, pos, limit, values, size, count);
            case DELTA_BINARY_PACKED -> delta.readInts(values, size, count);
            case BYTE_STREAM_SPLIT -> ByteStreamSplitDecoder.decodeInts(seg, start, limit, pageValues, from, count, values, size);
            default -> throw unsupported(encoding, "INT32");
        }
        size += count;
    }

    @Override
    void skipEncoded(int from, int count) {
        switch (encoding) {
            case PLAIN -> skipFixed(Integer.BYTES, count);
            case DELTA_BINARY_PACKED -> delta.skip(count);
            default -> { }   // BYTE_STREAM_SPLIT reads by index
        }
    }

    @Override
    void dropEncoded() {
        delta = null;
    }

    @Override
    void newBatch(int capacity, long bytesHint) {
        values = new int[Math.max(16, capacity)];
        size = 0;
    }

    @Override
    boolean newBatchInto(Object target, int offset, int count) {
        if (!(target instanceof int[] t) || offset < 0 || offset + (long) count > t.length) return false;
        values = t;
        size = offset;
        return true;
    }

    @Override
    long retainedBytes() {
        return (dictionary == null ? 0 : (long) dictionary.length * Integer.BYTES) + scratchBytes();
    }

    @Override
    Column finish(String name) {
        return new IntColumn(name, type, values, size, null);
    }

    @Override
    int size() { return size; }
}
