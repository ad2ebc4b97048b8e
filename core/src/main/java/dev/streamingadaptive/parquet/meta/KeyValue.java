package dev.streamingadaptive.parquet.meta;

import java.util.Objects;

/**
 * A key/value metadata entry (file or column chunk level).
 *
 * @param key   the key (never null)
 * @param value the value, or null when the writer stored a key without a value
 */
public record KeyValue(String key, String value) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
    }
}
