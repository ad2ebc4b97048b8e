package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.reader.ScanStatistics;

import java.time.Duration;

/**
 * A query's result with what it cost: the optimized plan that ran, the figures of its scans added
 * up (row groups read and pruned, pages, rows decoded) and the wall time.
 */
public record QueryProfile(DataFrame result, String plan, ScanStatistics scanStatistics, Duration elapsed) {
}
