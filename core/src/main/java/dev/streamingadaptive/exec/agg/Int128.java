package dev.streamingadaptive.exec.agg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Signed 128-bit integers as (hi, lo) long pairs — exact decimal and unsigned sums without
 * BigInteger per row — and the 16-byte <em>ordered</em> form wide decimals are kept in: big-endian
 * with the sign bit flipped, so unsigned byte order equals numeric order. Public for the executor's sorts, which
 * read wide decimals' bytes as (hi, lo) too; not part of the API.
 */
public final class Int128 {
    private Int128() {}

    static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** 10^38: the first value a DECIMAL(38) cannot hold. */
    static final BigInteger DECIMAL38_LIMIT = BigInteger.TEN.pow(38);

    /** hi of a big-endian two's complement value of {@code len} bytes (sign-extended; only the last 16 bytes count). */
    public static long hiOf(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (len > 16) { off += len - 16; len = 16; }
        if (len <= 8) return b[off] < 0 ? -1L : 0L;
        return readSigned(b, off, len - 8);
    }

    /** lo of a big-endian two's complement value of {@code len} bytes. */
    public static long loOf(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (len > 16) { off += len - 16; len = 16; }
        if (len >= 8) return (long) BE_LONG.get(b, off + len - 8);
        return readSigned(b, off, len);
    }

    /** Reads {@code n} (1..8) big-endian bytes sign-extended. */
    static long readSigned(byte[] b, int off, int n) {
        long v = b[off]; // sign-extends
        for (int i = 1; i < n; i++) v = (v << 8) | (b[off + i] & 0xFF);
        return v;
    }

    /** Writes the ordered 16-byte form of (hi, lo) at {@code off}. */
    static void writeOrdered(byte[] b, int off, long hi, long lo) {
        BE_LONG.set(b, off, hi ^ Long.MIN_VALUE);
        BE_LONG.set(b, off + 8, lo);
    }

    /** hi of an ordered 16-byte value. */
    static long orderedHi(byte[] b, int off) { return (long) BE_LONG.get(b, off) ^ Long.MIN_VALUE; }

    /** lo of an ordered 16-byte value. */
    static long orderedLo(byte[] b, int off) { return (long) BE_LONG.get(b, off + 8); }

    /** Plain 16-byte big-endian two's complement (what a DECIMAL BinaryColumn holds) of an ordered value, in place. */
    static void orderedToPlain(byte[] b, int off) { b[off] ^= (byte) 0x80; }

    static BigInteger toBigInteger(long hi, long lo) {
        byte[] b = new byte[16];
        BE_LONG.set(b, 0, hi);
        BE_LONG.set(b, 8, lo);
        return new BigInteger(b);
    }

    static double toDouble(long hi, long lo) {
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return (double) lo; // fits a long: exact rounding
        if (hi < 0) return -nonNegativeToDouble(~hi + (lo == 0 ? 1 : 0), -lo); // negate, so no cancellation
        return nonNegativeToDouble(hi, lo);
    }

    private static double nonNegativeToDouble(long hi, long lo) {
        double ulo = (double) (lo >>> 1) * 2.0 + (lo & 1);
        return hi * 18446744073709551616.0 + ulo;
    }

    /** Whether |value| >= 10^38 (does not fit DECIMAL(38)). */
    static boolean exceedsDecimal38(long hi, long lo) {
        // |hi| < 5e18 means |value| < 5e18 * 2^64 < 10^38: the exact check is needed only near the limit.
        if (hi > -5_000_000_000_000_000_000L && hi < 5_000_000_000_000_000_000L) return false;
        return toBigInteger(hi, lo).abs().compareTo(DECIMAL38_LIMIT) >= 0;
    }
}
