package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;
import dev.streamingadaptive.parquet.encoding.RleBitPackedHybridDecoder;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** BOOLEAN values: PLAIN (bit-packed) or RLE. */
final class BooleanValueDecoder extends ValueDecoder {
    private static final int RLE_CHUNK = 4096;

    private boolean[] values;
    private int size;
    /** PLAIN: the bit position of the next value. */
    private long bit;
    private RleBitPackedHybridDecoder rle;
    private int[] scratch;

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
    void startEncoded() {
        switch (encoding) {
            case PLAIN -> bit = start * 8;
            case RLE -> rle = RleBitPackedHybridDecoder.withLengthPrefix(seg, start, limit, 1);
            default -> throw unsupported(encoding, "BOOLEAN");
        }
    }

    @Override
    void readEncoded(int from, int count) {
        ensure(count);
        switch (encoding) {
            case PLAIN -> bit = PlainDecoder.readBooleansAtBit(seg, bit, limit, values, size, count);
            case RLE -> {
                if (scratch == null) scratch = new int[RLE_CHUNK];
                for (int done = 0; done < count; ) {
                    int k = Math.min(RLE_CHUNK, count - done);
                    rle.readInts(scratch, 0, k);
                    for (int i = 0; i < k; i++) values[size + done + i] = scratch[i] != 0;
                    done += k;
                }
            }
            default -> throw unsupported(encoding, "BOOLEAN");
        }
        size += count;
    }

    @Override
    void skipEncoded(int from, int count) {
        switch (encoding) {
            case PLAIN -> {
                if (bit + count > limit * 8) throw new ParquetFormatException("PLAIN BOOLEAN: " + count + " values run past the page");
                bit += count;
            }
            case RLE -> rle.skip(count);
            default -> throw unsupported(encoding, "BOOLEAN");
        }
    }

    @Override
    void dropEncoded() {
        rle = null;
    }

    @Override
    void newBatch(int capacity, long bytesHint) {
        values = new boolean[Math.max(16, capacity)];
        size = 0;
    }

    @Override
    long retainedBytes() {
        return scratch == null ? 0 : (long) scratch.length * Integer.BYTES;
    }

    @Override
    Column finish(String name) {
        return new BooleanColumn(name, values, size, null);
    }

    @Override
    int size() { return size; }
}
