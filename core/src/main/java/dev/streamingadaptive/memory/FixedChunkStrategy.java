package dev.streamingadaptive.memory;

/** Always the same number of rows per batch (for users who need exact batch sizes). */
public final class FixedChunkStrategy implements ChunkStrategy {
    private final int rows;

    /** Batches of exactly {@code rows} rows (the last one may be shorter). */
    public FixedChunkStrategy(int rows) {
        if (rows < 1) throw new IllegalArgumentException("rows per batch must be at least 1, got " + rows);
        this.rows = rows;
    }

    @Override
    public int calculateChunkSize(long availableMemory, long totalRows) {
        return (int) Math.max(Math.min(rows, totalRows), totalRows > 0 ? 1 : 0);
    }

    @Override
    public void adjust(double performance) { }

    @Override
    public String toString() {
        return "FixedChunkStrategy[" + rows + " rows]";
    }
}
