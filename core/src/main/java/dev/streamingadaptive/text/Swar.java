package dev.streamingadaptive.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Eight bytes at a time ("SIMD within a register"): finding and counting one byte value in text. */
final class Swar {
    private Swar() {}

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    /** {@code c} in every byte. */
    static long broadcast(byte c) {
        return (c & 0xFFL) * 0x0101010101010101L;
    }

    /** The eight bytes at {@code i}, the first in the lowest byte. */
    static long word(byte[] b, int i) {
        return (long) LONG.get(b, i);
    }

    /** 0x80 in exactly the bytes of {@code w} equal to the broadcast byte (no false positives). */
    static long matches(long w, long pattern) {
        long x = w ^ pattern;
        long y = (x & LOW7) + LOW7;
        return ~(y | x | LOW7);
    }

    /** How many bytes of {@code [from, to)} are {@code c}. */
    static long count(byte[] b, int from, int to, byte c) {
        long pattern = broadcast(c), n = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) n += Long.bitCount(matches(word(b, i), pattern));
        for (; i < to; i++) if (b[i] == c) n++;
        return n;
    }
}
