package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.memory.HeapGuard;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.parquet.encoding.ByteStreamSplitDecoder;
import dev.streamingadaptive.parquet.encoding.DeltaBinaryPackedDecoder;
import dev.streamingadaptive.parquet.encoding.PlainDecoder;
import dev.streamingadaptive.parquet.meta.Encoding;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** INT64 values (longs, timestamps, times, decimals) and INT96 timestamps converted to microseconds. */
final class LongValueDecoder extends ValueDecoder {
    /** Julian day number of 1970-01-01. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final boolean int96;
    private long[] values;
    private int size;
    private long[] dictionary;

    LongValueDecoder(DataType type, int initialCapacity, boolean int96) {
        super(type);
        this.int96 = int96;
        values = new long[initialCapacity];
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > values.length) {
            values = Arrays.copyOf(values, HeapGuard.grownLength(values.length, needed, Long.BYTES, "INT64 values"));
        }
    }

    private long readPlain(MemorySegment seg, long offset, long limit, long[] dst, int dstOff, int count) {
        if (!int96) return PlainDecoder.readLongs(seg, offset, limit, dst, dstOff, count);
        int[] days = new int[count];
        long[] nanos = new long[count];
        long end = PlainDecoder.readInt96(seg, offset, limit, nanos, days, 0, count);
        for (int i = 0; i < count; i++) {
            // Signed days and wrapping arithmetic on purpose: Spark writes far-future instants with an
            // overflowed (negative) day and time of day, which wrap back to the right value here.
            dst[dstOff + i] = (days[i] - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + nanos[i] / 1000L;
        }
        return end;
    }

    @Override
    void readDictionary(MemorySegment seg, long offset, long limit, int count) {
        dictionary = new long[HeapGuard.checkArray(count, Long.BYTES, "dictionary")];
        readPlain(seg, offset, limit, dictionary, 0, count);
        dictionarySize = count;
    }

    @Override
    void readDictionaryIndices(int[] indices, int count) {
        ensure(count);
        long[] v = values;
        long[] d = dictionary;
        int base = size;
        for (int i = 0; i < count; i++) v[base + i] = d[indices[i]];
        size += count;
    }

    @Override
    void readEncoded(Encoding encoding, MemorySegment seg, long offset, long limit, int count) {
        ensure(count);
        if (int96 && encoding != Encoding.PLAIN) throw unsupported(encoding, "INT96");
        switch (encoding) {
            case PLAIN -> readPlain(seg, offset, limit, values, size, count);
            case DELTA_BINARY_PACKED -> new DeltaBinaryPackedDecoder(seg, offset, limit).readLongs(values, size, count);
            case BYTE_STREAM_SPLIT -> ByteStreamSplitDecoder.decodeLongs(seg, offset, limit, count, values, size);
            default -> throw unsupported(encoding, "INT64");
        }
        size += count;
    }

    @Override
    ValueDecoder emptyCopy() {
        LongValueDecoder copy = new LongValueDecoder(type, 1024, int96);
        copy.dictionary = dictionary;
        copy.dictionarySize = dictionarySize;
        return copy;
    }

    @Override
    Column finish(String name) {
        return new LongColumn(name, type, values, size, null);
    }

    @Override
    int size() { return size; }
}
