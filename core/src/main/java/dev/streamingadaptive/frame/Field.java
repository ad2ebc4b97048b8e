package dev.streamingadaptive.frame;

import java.util.Objects;

/** A named, typed slot of a schema or struct. */
public record Field(String name, DataType type, boolean nullable) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A nullable field. */
    public static Field of(String name, DataType type) {
        return new Field(name, type, true);
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }
}
