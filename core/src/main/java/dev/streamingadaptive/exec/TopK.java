package dev.streamingadaptive.exec;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.scan.Frames;

import java.util.ArrayList;
import java.util.List;

/**
 * The first {@code k} rows of a stable sort without holding the input: batches are gathered in input
 * order until they hold at least max(k, {@value #CHUNK_ROWS}) rows, sorted together with the best
 * rows so far, and cut to the best {@code k}. Ties keep input order (the best rows come first in
 * each round and the sort is stable). Holds at most k rows plus about a chunk, reserved in the
 * MemoryManager; the full sort would hold the whole input.
 */
final class TopK {
    /** Rows gathered before a round of sorting: fewer rounds, each sorting a bounded piece. */
    static final int CHUNK_ROWS = 1 << 17;

    private TopK() {}

    static DataFrame of(BatchStream input, List<SortKey> keys, long k, MemoryManager memory) {
        int limit = (int) Math.min(k, Integer.MAX_VALUE - 1);
        DataFrame best = null;
        List<DataFrame> pending = new ArrayList<>();
        long pendingRows = 0;
        try (input; MemoryManager.Reservation held = memory.reserve(0)) {
            DataFrame b;
            while ((b = input.next()) != null) {
                if (b.height() == 0) continue;
                pending.add(b);
                pendingRows += b.height();
                held.resize(bytes(best) + bytes(pending));
                if (pendingRows >= Math.max(limit, CHUNK_ROWS)) {
                    best = round(best, pending, keys, limit, input);
                    pending.clear();
                    pendingRows = 0;
                    held.resize(bytes(best));
                }
            }
            if (!pending.isEmpty() || best == null) best = round(best, pending, keys, limit, input);
            return best;
        }
    }

    private static DataFrame round(DataFrame best, List<DataFrame> pending, List<SortKey> keys, int limit, BatchStream input) {
        List<DataFrame> parts = new ArrayList<>(pending.size() + 1);
        if (best != null) parts.add(best);
        parts.addAll(pending);
        DataFrame all = Frames.concat(parts, input.schema());
        DataFrame sorted = SortKernel.sort(all, keys);
        return sorted.height() > limit ? sorted.head(limit) : sorted;
    }

    private static long bytes(DataFrame f) {
        return f == null ? 0 : f.estimatedBytes();
    }

    private static long bytes(List<DataFrame> frames) {
        long b = 0;
        for (DataFrame f : frames) b += f.estimatedBytes();
        return b;
    }
}
