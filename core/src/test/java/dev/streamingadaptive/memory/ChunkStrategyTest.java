package dev.streamingadaptive.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch-size arithmetic of the adaptive and fixed strategies. */
class ChunkStrategyTest {
    private static final long MB = 1L << 20;

    @Test
    void rowsAreAvailableTimesRatioOverBytesPerRow() {
        AdaptiveChunkStrategy s = new AdaptiveChunkStrategy(1, 10_000_000, 0.5);
        s.estimateRowBytes(100);
        assertEquals(100.0, s.bytesPerRow());
        assertEquals(50_000, s.calculateChunkSize(10_000_000, Long.MAX_VALUE));
        assertEquals(5_000, s.calculateChunkSize(1_000_000, Long.MAX_VALUE), "a tenth of the memory, a tenth of the rows");
        AdaptiveChunkStrategy full = new AdaptiveChunkStrategy(1, 10_000_000, 1.0);
        full.estimateRowBytes(100);
        assertEquals(100_000, full.calculateChunkSize(10_000_000, Long.MAX_VALUE));
    }

    @Test
    void clampedToMinMaxAndRemainingRows() {
        AdaptiveChunkStrategy s = new AdaptiveChunkStrategy(1_000, 100_000, 0.8);
        s.estimateRowBytes(10);
        assertEquals(100_000, s.calculateChunkSize(1L << 40, Long.MAX_VALUE), "max");
        assertEquals(1_000, s.calculateChunkSize(100, Long.MAX_VALUE), "min");
        assertEquals(1_000, s.calculateChunkSize(0, Long.MAX_VALUE), "min even with nothing available");
        assertEquals(1_000, s.calculateChunkSize(-5, Long.MAX_VALUE), "negative availability is nothing");
        assertEquals(42, s.calculateChunkSize(1L << 40, 42), "never more than remain");
        assertEquals(7, s.calculateChunkSize(100, 7), "fewer than min when fewer remain");
        assertEquals(0, s.calculateChunkSize(1L << 30, 0), "nothing remains");
        assertEquals(Integer.MAX_VALUE, new AdaptiveChunkStrategy(1, Integer.MAX_VALUE, 1.0).calculateChunkSize(Long.MAX_VALUE, Long.MAX_VALUE),
                "huge figures do not overflow");
    }

    @Test
    void smallerBudgetNeverGivesMoreRows() {
        AdaptiveChunkStrategy s = new AdaptiveChunkStrategy(1, Integer.MAX_VALUE, 0.8);
        s.estimateRowBytes(37);
        int previous = Integer.MAX_VALUE;
        for (long budget = 1L << 34; budget > 0; budget >>= 1) {
            int rows = s.calculateChunkSize(budget, Long.MAX_VALUE);
            assertTrue(rows <= previous, budget + ": " + rows + " > " + previous);
            assertTrue(rows == 1 || rows * 37.0 <= budget * 0.8, "fits the budget share: " + rows + " rows at " + budget);
            previous = rows;
        }
    }

    @Test
    void validatesItsParameters() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveChunkStrategy(0, 10, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveChunkStrategy(10, 9, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveChunkStrategy(1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveChunkStrategy(1, 10, 1.01));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveChunkStrategy(1, 10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FixedChunkStrategy(0));
        var d = AdaptiveChunkStrategy.defaults();
        d.estimateRowBytes(1);
        assertEquals(1_000_000, d.calculateChunkSize(1L << 40, Long.MAX_VALUE));
        assertEquals(1_000, d.calculateChunkSize(1, Long.MAX_VALUE));
    }

    @Test
    void observeGrowsAtOnceAndShrinksGradually() {
        AdaptiveChunkStrategy s = new AdaptiveChunkStrategy(1, Integer.MAX_VALUE, 1.0);
        s.estimateRowBytes(100);
        s.observe(1_000, 400_000); // 400 B/row: bigger than estimated, taken at once
        assertEquals(400.0, s.bytesPerRow(), 1e-9);
        assertEquals(2_500, s.calculateChunkSize(1_000_000, Long.MAX_VALUE));
        s.observe(1_000, 100_000); // 100 B/row: smaller, moves part of the way
        double after = s.bytesPerRow();
        assertTrue(after < 400 && after > 100, "gradual shrink, got " + after);
        assertEquals(0.7 * 400 + 0.3 * 100, after, 1e-9);
        for (int i = 0; i < 50; i++) s.observe(1_000, 100_000);
        assertEquals(100.0, s.bytesPerRow(), 0.01, "converges to the measured cost");
        double before = s.bytesPerRow();
        s.observe(0, 1_000);
        s.observe(10, -1);
        assertEquals(before, s.bytesPerRow(), "empty or nonsensical observations are ignored");
        s.estimateRowBytes(0);
        assertEquals(before, s.bytesPerRow(), "a zero estimate is ignored");
    }

    @Test
    void adjustBacksOffAndRecoversSlowly() {
        AdaptiveChunkStrategy s = new AdaptiveChunkStrategy(1, Integer.MAX_VALUE, 1.0);
        s.estimateRowBytes(100);
        int full = s.calculateChunkSize(100 * MB, Long.MAX_VALUE);
        assertEquals(1.0, s.scale());
        s.onPressure();
        assertEquals(0.5, s.scale());
        assertEquals(full / 2, s.calculateChunkSize(100 * MB, Long.MAX_VALUE), 1);
        s.onPressure();
        assertEquals(0.25, s.scale());
        s.adjust(0.8);
        assertEquals(0.2, s.scale(), 1e-12);
        s.adjust(10); // at most +25% per step
        assertEquals(0.25, s.scale(), 1e-12);
        s.adjust(1.0);
        assertEquals(0.25, s.scale(), 1e-12, "no change on neutral feedback");
        for (int i = 0; i < 20; i++) s.adjust(2);
        assertEquals(1.0, s.scale(), "recovers, but never above the full share");
        assertEquals(full, s.calculateChunkSize(100 * MB, Long.MAX_VALUE));
        for (int i = 0; i < 50; i++) s.onPressure();
        assertEquals(1.0 / 64, s.scale(), "backs off to a floor, not to zero");
        s.adjust(Double.NaN);
        s.adjust(0);
        s.adjust(-1);
        s.adjust(Double.POSITIVE_INFINITY);
        assertEquals(1.0 / 64, s.scale(), "nonsensical feedback is ignored");
    }

    @Test
    void rowsFittingUsesTheEstimate() {
        AdaptiveChunkStrategy s = new AdaptiveChunkStrategy(1_000, 2_000, 0.5);
        s.estimateRowBytes(64);
        assertEquals(16, s.rowsFitting(1024));
        assertEquals(0, s.rowsFitting(63), "not even one row");
        assertEquals(0, s.rowsFitting(-1));
        assertEquals(1, s.rowsFitting(64));
        s.observe(10, 10_000);
        assertEquals(1, s.rowsFitting(1_999));
        assertEquals(0, s.rowsFitting(999));
    }

    @Test
    void fixedStrategyIgnoresMemory() {
        FixedChunkStrategy f = new FixedChunkStrategy(500);
        assertEquals(500, f.calculateChunkSize(0, 10_000));
        assertEquals(500, f.calculateChunkSize(Long.MAX_VALUE, 10_000));
        assertEquals(123, f.calculateChunkSize(1, 123));
        assertEquals(0, f.calculateChunkSize(1L << 30, 0));
        f.adjust(0.01);
        f.observe(1, 1L << 40);
        f.estimateRowBytes(1L << 30);
        assertEquals(500, f.calculateChunkSize(1, 1L << 40), "feedback changes nothing");
        assertTrue(f.toString().contains("500"));
    }
}
