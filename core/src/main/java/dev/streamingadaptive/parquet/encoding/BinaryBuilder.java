package dev.streamingadaptive.parquet.encoding;

import dev.streamingadaptive.parquet.ParquetFormatException;


import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A growable list of byte strings: {@code offsets[i]..offsets[i+1]} delimit value {@code i} in
 * {@code data}. The arrays are live and replaced on growth; re-read them after appending.
 * Total data is limited to {@link #MAX_DATA} bytes; beyond that a {@link ParquetFormatException} is
 * thrown instead of an {@link OutOfMemoryError}.
 */
public final class BinaryBuilder {
    /** The largest total data length supported. */
    public static final int MAX_DATA = Integer.MAX_VALUE - 8;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 9;

    private int[] offsets;
    private byte[] data;
    private int count;

    public BinaryBuilder() { this(16, 256); }

    public BinaryBuilder(int values, int bytes) {
        if (values < 0 || bytes < 0) throw new IllegalArgumentException("negative capacity");
        offsets = new int[Math.max(values, 1) + 1];
        data = new byte[bytes];
    }

    /** Number of values. */
    public int count() { return count; }

    /** Length of value {@code i}. */
    public int length(int i) {
        checkIndex(i);
        return offsets[i + 1] - offsets[i];
    }

    /** Start of value {@code i} in {@link #data()}. */
    public int offset(int i) {
        checkIndex(i);
        return offsets[i];
    }

    /** Total bytes of all values. */
    public long dataLength() { return offsets[count]; }

    /** The live offsets array; the first {@code count() + 1} entries are valid. */
    public int[] offsets() { return offsets; }

    /** The live data array; the first {@code dataLength()} bytes are valid. */
    public byte[] data() { return data; }

    /** Removes all values, keeping the capacity. */
    public void reset() { count = 0; }

    /** A copy of value {@code i}. */
    public byte[] get(int i) {
        checkIndex(i);
        return Arrays.copyOfRange(data, offsets[i], offsets[i + 1]);
    }

    /** Ensures room for {@code values} more values and {@code bytes} more bytes without growing. */
    public void ensureCapacity(int values, long bytes) {
        if (values < 0 || bytes < 0) throw new IllegalArgumentException("negative capacity request");
        ensureValues(values);
        ensureBytes(bytes);
    }

    /** Appends {@code len} bytes at {@code off} of {@code seg}. */
    public void append(MemorySegment seg, long off, int len) {
        int at = appendUninitialized(len);
        MemorySegment.copy(seg, Bits.BYTE, off, data, at, len);
    }

    /** Appends {@code len} bytes of {@code src} starting at {@code off}. */
    public void append(byte[] src, int off, int len) {
        if (off < 0 || len < 0 || off > src.length - len) throw new IndexOutOfBoundsException();
        int at = appendUninitialized(len);
        System.arraycopy(src, off, data, at, len);
    }

    /** Appends a copy of value {@code index} of {@code other} (which may be this builder). */
    public void appendFrom(BinaryBuilder other, int index) {
        other.checkIndex(index);
        int len = other.offsets[index + 1] - other.offsets[index];
        int at = appendUninitialized(len);
        // read other's arrays after a possible growth of this (other may be this)
        System.arraycopy(other.data, other.offsets[index], data, at, len);
    }

    /** Appends {@code count} values of {@code width} bytes each, stored back to back at {@code off}. */
    void appendFixed(MemorySegment seg, long off, int width, int count) {
        long total = (long) width * count;
        ensureValues(count);
        ensureBytes(total);
        int at = offsets[this.count];
        MemorySegment.copy(seg, Bits.BYTE, off, data, at, (int) total);
        int[] o = offsets;
        int c = this.count;
        for (int i = 1; i <= count; i++) o[c + i] = at + i * width;
        this.count = c + count;
    }

    /**
     * Adds a value of {@code len} bytes whose content the caller writes into {@code data()} at the
     * returned position (re-read {@code data()} after this call).
     */
    int appendUninitialized(int len) {
        if (len < 0) throw new IllegalArgumentException("negative length " + len);
        ensureValues(1);
        ensureBytes(len);
        int at = offsets[count];
        offsets[count + 1] = at + len;
        count++;
        return at;
    }

    private void ensureValues(int more) {
        long need = (long) count + more + 1;
        if (need <= offsets.length) return;
        if (need > MAX_VALUES) {
            throw new ParquetFormatException("binary column chunk with more than " + MAX_VALUES + " values not supported");
        }
        long cap = Math.max(need, Math.min((long) MAX_VALUES, offsets.length + (offsets.length >> 1) + 16L));
        offsets = Arrays.copyOf(offsets, HeapGuard.checkArray(cap, Integer.BYTES, "binary value offsets"));
    }

    private void ensureBytes(long more) {
        long need = (long) offsets[count] + more;
        if (need <= data.length) return;
        if (need > MAX_DATA) {
            throw new ParquetFormatException("binary column chunk larger than 2 GiB of values not supported ("
                    + need + " bytes needed)");
        }
        long cap = Math.max(need, Math.min((long) MAX_DATA, data.length + (data.length >> 1) + 64L));
        if (cap > need && cap > HeapGuard.headroom()) cap = need; // grow exactly when memory is tight
        data = Arrays.copyOf(data, HeapGuard.checkArray(cap, 1, "binary values"));
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("index " + i + " of " + count);
    }
}
