package dev.streamingadaptive.parquet.write;

import java.util.Arrays;

/**
 * Orders PLAIN-encoded statistics values of one leaf the way readers compare them: signed or
 * unsigned little-endian integers, IEEE floats, unsigned lexicographic bytes. Used to fold page
 * statistics into chunk statistics and to find the column index's boundary order.
 */
final class StatOrder {
    private StatOrder() {}

    static int compare(LeafSpec spec, byte[] a, byte[] b) {
        return switch (spec.physical()) {
            case BOOLEAN -> Integer.compare(a[0], b[0]);
            case INT32 -> spec.unsigned() ? Integer.compareUnsigned(le32(a), le32(b)) : Integer.compare(le32(a), le32(b));
            case INT64 -> spec.unsigned() ? Long.compareUnsigned(le64(a), le64(b)) : Long.compare(le64(a), le64(b));
            // numeric order, so -0.0 (a written zero minimum) equals +0.0; NaN never reaches here
            case FLOAT -> {
                float x = Float.intBitsToFloat(le32(a)), y = Float.intBitsToFloat(le32(b));
                yield x < y ? -1 : x > y ? 1 : 0;
            }
            case DOUBLE -> {
                double x = Double.longBitsToDouble(le64(a)), y = Double.longBitsToDouble(le64(b));
                yield x < y ? -1 : x > y ? 1 : 0;
            }
            default -> Arrays.compareUnsigned(a, b);
        };
    }

    private static int le32(byte[] b) {
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    private static long le64(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}
