package dev.streamingadaptive.reader.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pooled buffers go to requests they fit: never to a larger request, nor to a much smaller one. */
class ScratchBuffersTest {

    @Test
    void aBufferGoesBackToRequestsItFits() {
        ScratchBuffers pool = new ScratchBuffers();
        byte[] page = pool.bytes(1_000_000, "page");
        assertTrue(page.length >= 1_000_000 && page.length <= 1_000_000 + 1_000_000 / 16, "headroom: " + page.length);
        pool.give(page);
        // The same column's next page, a little larger: the headroom takes it.
        assertSame(page, pool.bytes(1_001_000, "page"));
        pool.give(page);
        // A small page does not hold the large buffer (a reader reports its buffer as retained heap).
        byte[] small = pool.bytes(10_000, "page");
        assertNotSame(page, small);
        assertTrue(small.length < 20_000, "small: " + small.length);
        // A larger page than the buffer gets a new one; the old stays pooled for a page it fits.
        byte[] large = pool.bytes(2_000_000, "page");
        assertNotSame(page, large);
        assertSame(page, pool.bytes(900_000, "page"));
    }

    @Test
    void levelBuffersFollowTheSameRule() {
        ScratchBuffers pool = new ScratchBuffers();
        int[] levels = pool.ints(4096, "levels");
        pool.give(levels);
        assertNotSame(levels, pool.ints(100, "levels"));
        assertSame(levels, pool.ints(4000, "levels"));
    }
}
