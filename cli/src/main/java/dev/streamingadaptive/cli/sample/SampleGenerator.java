package dev.streamingadaptive.cli.sample;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

import java.util.Locale;

/**
 * An endless, deterministic source of sample rows: each {@link #next(int)} call continues where
 * the previous one stopped (timestamps keep increasing, ids keep counting), so splitting the same
 * row count into different batch sizes gives the same data.
 */
public interface SampleGenerator {
    /** Schema of every batch. */
    Schema schema();

    /** The next {@code rows} rows. */
    DataFrame next(int rows);

    /** Names accepted by {@link #create}. */
    String[] NAMES = {"trades", "logs", "features"};

    /** A generator for a dataset name (trades, logs, features) and seed. */
    static SampleGenerator create(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trades" -> new TradesGenerator(seed);
            case "logs" -> new LogsGenerator(seed);
            case "features" -> new FeaturesGenerator(seed);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'; use trades, logs or features");
        };
    }
}
