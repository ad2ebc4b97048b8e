package dev.streamingadaptive.scan;

import java.util.Collection;

/** The one message for a column name a scan does not have (projection or predicate, one file or many). */
public final class UnknownColumn {
    private UnknownColumn() {}

    /**
     * {@code no column named 'x' in <where>; columns are [a, b]}.
     *
     * @param where the file name, {@code "the dataset"}, or {@code "the predicate ... of <file>"}
     */
    public static IllegalArgumentException of(String column, String where, Collection<String> columns) {
        return new IllegalArgumentException("no column named '" + column + "' in " + where + "; columns are " + columns);
    }
}
