package dev.streamingadaptive.memory;

/**
 * Sizes batches from the memory available: rows = clamp(available × targetMemoryRatio × scale /
 * bytesPerRow, min, max). Bytes per row start from the file's metadata and follow what decoded
 * batches really cost (a moving average that reacts fast to growth); {@code scale} backs off
 * under pressure (halves) or poor performance and recovers slowly when things go well.
 */
public final class AdaptiveChunkStrategy implements ChunkStrategy {
    private static final double MIN_SCALE = 1.0 / 64;

    private final int minChunkSize;
    private final int maxChunkSize;
    private final double targetMemoryRatio;
    private volatile double bytesPerRow = 64;
    private volatile double scale = 1.0;

    /**
     * @param minChunkSize      fewest rows per batch (unless fewer remain)
     * @param maxChunkSize      most rows per batch
     * @param targetMemoryRatio share of the available memory one batch may use, in (0, 1]
     */
    public AdaptiveChunkStrategy(int minChunkSize, int maxChunkSize, double targetMemoryRatio) {
        if (minChunkSize < 1 || maxChunkSize < minChunkSize) {
            throw new IllegalArgumentException("need 1 <= minChunkSize <= maxChunkSize, got " + minChunkSize + ", " + maxChunkSize);
        }
        if (!(targetMemoryRatio > 0 && targetMemoryRatio <= 1)) {
            throw new IllegalArgumentException("targetMemoryRatio must be in (0, 1], got " + targetMemoryRatio);
        }
        this.minChunkSize = minChunkSize;
        this.maxChunkSize = maxChunkSize;
        this.targetMemoryRatio = targetMemoryRatio;
    }

    /** 1,000 to 1,000,000 rows, 80% of the available memory. */
    public static AdaptiveChunkStrategy defaults() {
        return new AdaptiveChunkStrategy(1_000, 1_000_000, 0.8);
    }

    @Override
    public int calculateChunkSize(long availableMemory, long totalRows) {
        if (totalRows <= 0) return 0;
        double budget = Math.max(0, availableMemory) * targetMemoryRatio * scale;
        long rows = (long) (budget / Math.max(1.0, bytesPerRow));
        rows = Math.max(minChunkSize, Math.min(maxChunkSize, rows));
        return (int) Math.max(1, Math.min(rows, totalRows));
    }

    /** The most rows whose estimated size fits in {@code bytes} (0 when not even one row fits). */
    public long rowsFitting(long bytes) {
        return (long) (Math.max(0, bytes) / Math.max(1.0, bytesPerRow));
    }

    @Override
    public void adjust(double performance) {
        if (!(performance > 0) || Double.isInfinite(performance)) return;
        double next = performance < 1 ? scale * performance : Math.min(1.0, scale * Math.min(performance, 1.25));
        scale = Math.max(MIN_SCALE, next);
    }

    /** Memory pressure: halve the batch budget. */
    public void onPressure() {
        adjust(0.5);
    }

    @Override
    public void observe(long rows, long bytes) {
        if (rows <= 0 || bytes < 0) return;
        double measured = (double) bytes / rows;
        // Grow at once (underestimating risks the budget), shrink gradually.
        bytesPerRow = measured > bytesPerRow ? measured : 0.7 * bytesPerRow + 0.3 * measured;
    }

    @Override
    public void estimateRowBytes(long estimate) {
        if (estimate > 0) bytesPerRow = estimate;
    }

    /** Current estimate of decoded bytes per row. */
    public double bytesPerRow() {
        return bytesPerRow;
    }

    /** Current share of the budget in use after back-offs (1 = full). */
    public double scale() {
        return scale;
    }

    @Override
    public String toString() {
        return "AdaptiveChunkStrategy[" + minChunkSize + ".." + maxChunkSize + " rows, ratio " + targetMemoryRatio
                + ", " + Math.round(bytesPerRow) + " B/row, scale " + scale + "]";
    }
}
