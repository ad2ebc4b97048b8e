package dev.streamingadaptive.cli.sample;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An ML training set: 50 standard-normal DOUBLE columns {@code f00..f49} and an INT32 {@code label}
 * (0/1) that depends on the first few features plus noise, so models have something to learn.
 */
public final class FeaturesGenerator implements SampleGenerator {
    public static final int FEATURES = 50;
    private static final Schema SCHEMA;

    static {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < FEATURES; i++) fields.add(new Field(name(i), DataType.FLOAT64, false));
        fields.add(new Field("label", DataType.INT32, false));
        SCHEMA = new Schema(fields);
    }

    private final SplittableRandom random;

    public FeaturesGenerator(long seed) {
        random = new SplittableRandom(seed);
    }

    static String name(int i) {
        return String.format("f%02d", i);
    }

    @Override public Schema schema() { return SCHEMA; }

    @Override
    public DataFrame next(int n) {
        SplittableRandom r = random;
        double[][] f = new double[FEATURES][n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < FEATURES; k++) f[k][i] = r.nextGaussian();
            double score = 1.2 * f[0][i] - 0.8 * f[1][i] + 0.5 * f[2][i] * f[3][i] + 0.5 * r.nextGaussian();
            label[i] = score > 0 ? 1 : 0;
        }
        List<Column> cols = new ArrayList<>(FEATURES + 1);
        for (int k = 0; k < FEATURES; k++) cols.add(new DoubleColumn(name(k), f[k], n, null));
        cols.add(new IntColumn("label", label, n, null));
        return new DataFrame(cols);
    }
}
