package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.memory.HeapGuard;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.parquet.encoding.ByteStreamSplitDecoder;
import dev.streamingadaptive.parquet.encoding.DeltaBinaryPackedDecoder;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;
import dev.streamingadaptive.parquet.meta.Encoding;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** INT32 values (ints, small and unsigned ints, dates, millisecond times, small decimals). */
final class IntValueDecoder extends ValueDecoder {
    private int[] values;
    private int size;
    private int[] dictionary;

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
    void readEncoded(Encoding encoding, MemorySegment seg, long offset, long limit, int count) {
        ensure(count);
        switch (encoding) {
            case PLAIN -> PlainDecoder.readInts(seg, offset, limit, values, size, count);
            case DELTA_BINARY_PACKED -> new DeltaBinaryPackedDecoder(seg, offset, limit).readInts(values, size, count);
            case BYTE_STREAM_SPLIT -> ByteStreamSplitDecoder.decodeInts(seg, offset, limit, count, values, size);
            default -> throw unsupported(encoding, "INT32");
        }
        size += count;
    }

    @Override
    ValueDecoder emptyCopy() {
        IntValueDecoder copy = new IntValueDecoder(type, 1024);
        copy.dictionary = dictionary;
        copy.dictionarySize = dictionarySize;
        return copy;
    }

    @Override
    Column finish(String name) {
        return new IntColumn(name, type, values, size, null);
    }

    @Override
    int size() { return size; }
}
