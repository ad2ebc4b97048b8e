package dev.streamingadaptive.parquet.meta;

/** Formatting of binary statistics values for {@code toString}. */
final class Bytes {
    private static final int MAX_SHOWN = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Bytes() {}

    /** Hex of at most 32 bytes, e.g. {@code 0x0102…(40 bytes)}; "null" for null. */
    static String hex(byte[] b) {
        if (b == null) return "null";
        StringBuilder sb = new StringBuilder(2 + 2 * Math.min(b.length, MAX_SHOWN) + 16).append("0x");
        int n = Math.min(b.length, MAX_SHOWN);
        for (int i = 0; i < n; i++) sb.append(HEX[(b[i] >> 4) & 0xF]).append(HEX[b[i] & 0xF]);
        if (b.length > MAX_SHOWN) sb.append("…(").append(b.length).append(" bytes)");
        return sb.toString();
    }
}
