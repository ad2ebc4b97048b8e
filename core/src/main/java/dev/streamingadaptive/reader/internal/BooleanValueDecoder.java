package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.memory.HeapGuard;

import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;
import dev.streamingadaptive.parquet.encoding.RleBitPackedHybridDecoder;
import dev.streamingadaptive.parquet.meta.Encoding;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** BOOLEAN values: PLAIN (bit-packed) or RLE. */
final class BooleanValueDecoder extends ValueDecoder {
    private boolean[] values;
    private int size;
    private int[] scratch = new int[0];

    BooleanValueDecoder(DataType type, int initialCapacity) {
        super(type);
        values = new boolean[initialCapacity];
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > values.length) {
            values = Arrays.copyOf(values, HeapGuard.grownLength(values.length, needed, 1, "BOOLEAN values"));
        }
    }

    @Override
    void readDictionary(MemorySegment seg, long offset, long limit, int count) {
        throw new ParquetFormatException("BOOLEAN columns cannot have a dictionary page");
    }

    @Override
    void readDictionaryIndices(int[] indices, int count) {
        throw new IllegalStateException("unreachable");
    }

    @Override
    void readEncoded(Encoding encoding, MemorySegment seg, long offset, long limit, int count) {
        ensure(count);
        switch (encoding) {
            case PLAIN -> PlainDecoder.readBooleans(seg, offset, limit, values, size, count);
            case RLE -> {
                if (scratch.length < count) scratch = new int[count];
                RleBitPackedHybridDecoder.withLengthPrefix(seg, offset, limit, 1).readInts(scratch, 0, count);
                for (int i = 0; i < count; i++) values[size + i] = scratch[i] != 0;
            }
            default -> throw unsupported(encoding, "BOOLEAN");
        }
        size += count;
    }

    @Override
    ValueDecoder emptyCopy() {
        return new BooleanValueDecoder(type, 1024);
    }

    @Override
    Column finish(String name) {
        return new BooleanColumn(name, values, size, null);
    }

    @Override
    int size() { return size; }
}
