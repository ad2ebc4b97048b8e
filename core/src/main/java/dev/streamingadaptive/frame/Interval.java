package dev.streamingadaptive.frame;

/** A Parquet INTERVAL: months, days and milliseconds, each an unsigned 32-bit count. */
public record Interval(long months, long days, long millis) {
}
