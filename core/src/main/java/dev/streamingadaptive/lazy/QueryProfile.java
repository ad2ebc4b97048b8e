package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.reader.ScanStatistics;

import java.time.Duration;

/**
 * A query's result with what it cost: the optimized plan that ran, the figures of its scans added
 * up (row groups read and pruned, pages, rows decoded; files read of the files named, after
 * partition pruning) and the wall time.
 */
public record QueryProfile(DataFrame result, String plan, ScanStatistics scanStatistics, int filesRead, int filesTotal,
                           Duration elapsed) {
}
