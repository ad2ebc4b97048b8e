package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

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
    /** INT96 values are converted this many at a time. */
    private static final int INT96_CHUNK = 1024;

    private final boolean int96;
    private long[] values;
    private int size;
    private long[] dictionary;
    private DeltaBinaryPackedDecoder delta;
    private int[] days;
    private long[] nanos;

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
        if (days == null) {
            days = new int[INT96_CHUNK];
            nanos = new long[INT96_CHUNK];
        }
        long p = offset;
        for (int done = 0; done < count; ) {
            int k = Math.min(INT96_CHUNK, count - done);
            p = PlainDecoder.readInt96(seg, p, limit, nanos, days, 0, k);
            for (int i = 0; i < k; i++) {
                // Signed days and wrapping arithmetic on purpose: Spark writes far-future instants with an
                // overflowed (negative) day and time of day, which wrap back to the right value here.
                dst[dstOff + done + i] = (days[i] - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + nanos[i] / 1000L;
            }
            done += k;
        }
        return p;
    }

    @Override
    void readDictionary(MemorySegment seg, long offset, long limit, int count) {
        dictionary = new long[HeapGuard.checkArray(count, Long.BYTES, "dictionary")];
        readPlain(seg, offset, limit, dictionary, 0, count);
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
        long[] v = values;
        long[] d = dictionary;
        int base = size;
        for (int i = 0; i < count; i++) v[base + i] = d[indices[i]];
        size += count;
    }

    @Override
    void startEncoded() {
        if (int96 && encoding != Encoding.PLAIN) throw unsupported(encoding, "INT96");
        switch (encoding) {
            case PLAIN, BYTE_STREAM_SPLIT -> { }
            case DELTA_BINARY_PACKED -> delta = new DeltaBinaryPackedDecoder(seg, start, limit);
            default -> throw unsupported(encoding, "INT64");
        }
    }

    @Override
    void readEncoded(int from, int count) {
        ensure(count);
        switch (encoding) {
            case PLAIN -> pos = readPlain(seg, pos, limit, values, size, count);
            case DELTA_BINARY_PACKED -> delta.readLongs(values, size, count);
            case BYTE_STREAM_SPLIT -> ByteStreamSplitDecoder.decodeLongs(seg, start, limit, pageValues, from, count, values, size);
            default -> throw unsupported(encoding, "INT64");
        }
        size += count;
    }

    @Override
    void skipEncoded(int from, int count) {
        switch (encoding) {
            case PLAIN -> skipFixed(int96 ? 12 : Long.BYTES, count);
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
        values = new long[Math.max(16, capacity)];
        size = 0;
    }

    @Override
    boolean newBatchInto(Object target, int offset, int count) {
        if (!(target instanceof long[] t) || offset < 0 || offset + (long) count > t.length) return false;
        values = t;
        size = offset;
        return true;
    }

    @Override
    long retainedBytes() {
        return (dictionary == null ? 0 : (long) dictionary.length * Long.BYTES) + scratchBytes();
    }

    @Override
    Column finish(String name) {
        return new LongColumn(name, type, values, size, null);
    }

    @Override
    int size() { return size; }
}
