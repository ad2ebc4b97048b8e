package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.DataFrame;

/** Renders a DataFrame as a Polars-style text table. (Placeholder: full renderer in progress.) */
public final class TableFormatter {
    private TableFormatter() {}

    /** Renders at most {@code maxRows} rows. */
    public static String format(DataFrame df, int maxRows) {
        return "shape: (" + df.height() + ", " + df.width() + ")";
    }
}
