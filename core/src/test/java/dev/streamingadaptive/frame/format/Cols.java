package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.DataType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Small builders for hand-made test columns. */
final class Cols {
    private Cols() {}

    static boolean[] nulls(int size, int... nullAt) {
        boolean[] n = new boolean[size];
        for (int i : nullAt) n[i] = true;
        return n;
    }

    static BinaryColumn binary(String name, DataType type, byte[]... values) {
        int[] off = new int[values.length + 1];
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean[] nulls = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) nulls[i] = true;
            else data.writeBytes(values[i]);
            off[i + 1] = data.size();
        }
        return new BinaryColumn(name, type, off, data.toByteArray(), values.length, nulls);
    }

    static BinaryColumn strings(String name, String... values) {
        byte[][] b = new byte[values.length][];
        for (int i = 0; i < values.length; i++) b[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        return binary(name, DataType.STRING, b);
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }
}
