package dev.streamingadaptive.parquet.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable little-endian byte buffer. Not thread-safe. */
final class ByteSink {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX = Integer.MAX_VALUE - 16;

    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int size() { return size; }

    byte[] array() { return buf; }

    void reset() { size = 0; }

    /** Drops the buffer when it grew far beyond {@code keep} bytes, so one huge page does not pin memory. */
    void resetAndTrim(int keep) {
        size = 0;
        if (buf.length > keep * 4L && buf.length > 1 << 20) buf = new byte[Math.max(16, keep)];
    }

    void ensure(int more) {
        long needed = (long) size + more;
        if (needed > buf.length) {
            if (needed > MAX) throw new IllegalStateException("encoded data exceeds 2 GiB in one buffer");
            buf = Arrays.copyOf(buf, (int) Math.min(MAX, Math.max(needed, buf.length * 2L)));
        }
    }

    /** Makes room for {@code n} bytes, counts them as written and returns where they start (the caller fills them). */
    int claim(int n) {
        ensure(n);
        int at = size;
        size += n;
        return at;
    }

    void put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    void put(ByteSink other) { put(other.buf, 0, other.size); }

    void putIntLE(int v) {
        ensure(4);
        INT_LE.set(buf, size, v);
        size += 4;
    }

    void putLongLE(long v) {
        ensure(8);
        LONG_LE.set(buf, size, v);
        size += 8;
    }

    /** Overwrites 4 bytes at {@code pos}. */
    void setIntLE(int pos, int v) { INT_LE.set(buf, pos, v); }

    void putUnsignedVarInt(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    byte[] toByteArray() { return Arrays.copyOf(buf, size); }
}
