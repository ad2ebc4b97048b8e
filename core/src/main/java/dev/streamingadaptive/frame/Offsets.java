package dev.streamingadaptive.frame;

/** Helpers for the {@code size + 1} offset arrays of variable-length columns. */
final class Offsets {
    private Offsets() {}

    /** Offsets of rows [offset, offset + length), rebased to start at 0. */
    static int[] rebase(int[] offsets, int offset, int length) {
        int base = offsets[offset];
        int[] o = new int[length + 1];
        for (int i = 0; i <= length; i++) o[i] = offsets[offset + i] - base;
        return o;
    }
}
