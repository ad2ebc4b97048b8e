package dev.streamingadaptive.cli.sample;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.DataType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Small helpers shared by the generators. */
final class Columns {
    private Columns() {}

    /** A STRING column holding {@code values} in order (used as a dictionary). */
    static BinaryColumn strings(String name, String[] values) {
        int[] off = new int[values.length + 1];
        byte[][] bytes = new byte[values.length][];
        int total = 0;
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
            total += bytes[i].length;
            off[i + 1] = total;
        }
        byte[] data = new byte[total];
        for (int i = 0; i < values.length; i++) System.arraycopy(bytes[i], 0, data, off[i], bytes[i].length);
        return new BinaryColumn(name, DataType.STRING, off, data, values.length, null);
    }

    /** Cumulative distribution for weights. */
    static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (double w : weights) sum += w;
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i] / sum;
            c[i] = acc;
        }
        c[c.length - 1] = 1.0;
        return c;
    }

    /** Zipf-like weights 1/(k+1)^s. */
    static double[] zipf(int n, double s) {
        double[] w = new double[n];
        for (int k = 0; k < n; k++) w[k] = 1.0 / Math.pow(k + 1, s);
        return w;
    }

    /** Index drawn from a cumulative distribution. */
    static int pick(double[] cumulative, SplittableRandom r) {
        double u = r.nextDouble();
        int i = Arrays.binarySearch(cumulative, u);
        if (i < 0) i = -i - 1;
        return Math.min(i, cumulative.length - 1);
    }

    /** Microseconds since the epoch of a local date-time given as an ISO string. */
    static long epochMicros(String localDateTime) {
        java.time.LocalDateTime t = java.time.LocalDateTime.parse(localDateTime);
        return t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }
}
