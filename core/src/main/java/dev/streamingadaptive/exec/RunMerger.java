package dev.streamingadaptive.exec;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.scan.Frames;
import dev.streamingadaptive.spill.SpillFile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The k-way merge of sorted runs into one sorted stream of batches of at most {@code outputRows}
 * rows. Each run is read back {@code batchRows} rows at a time (its head, reserved in the budget); a loser tree over
 * the heads picks the next row with {@link RowComparator}, ties going to the earlier run, so a merge
 * of consecutive runs of a stable sort stays stable. A run's file is deleted as soon as it is read
 * to the end, and every remaining one on {@link #close()}.
 *
 * <p>An output batch is gathered straight from the head batches it took rows from (one contiguous
 * range of each): one copy of each value.
 */
final class RunMerger implements BatchStream {
    private final Schema schema;
    private final RowComparator comparator;
    private final MemoryManager memory;
    private final int outputRows;
    /** An output batch ends early once the head batches it holds on to (retired) take this many bytes. */
    private final long retiredBytes;
    private final int batchRows;
    private final Cursor[] cursors;
    /** The loser tree: {@code tree[0]} the winning cursor, {@code tree[1..k-1]} the losers of each match. */
    private final int[] tree;
    /** The slices of the output batch being built. */
    private final List<Segment> segments = new ArrayList<>();
    private final int[] segmentOf;
    private final int[] rowOf;
    private boolean started;
    private boolean closed;

    /**
     * @param batchRows    rows of each batch read back from a run (its head)
     * @param outputBytes  about the bytes of an output batch: it also ends once it holds on to that many bytes of head
     *                     batches its runs have moved past
     */
    RunMerger(List<SpillFile> runs, Schema schema, List<SortKey> keys, MemoryManager memory, int batchRows, int outputRows,
              long outputBytes) {
        this.schema = schema;
        this.comparator = new RowComparator(keys, schema);
        this.memory = memory;
        this.outputRows = outputRows;
        this.retiredBytes = outputBytes;
        this.batchRows = batchRows;
        this.cursors = new Cursor[runs.size()];
        for (int i = 0; i < cursors.length; i++) cursors[i] = new Cursor(runs.get(i));
        this.tree = new int[cursors.length];
        this.segmentOf = new int[outputRows];
        this.rowOf = new int[outputRows];
    }

    @Override public Schema schema() { return schema; }

    @Override
    public DataFrame next() {
        if (closed || cursors.length == 0) return null;
        if (!started) start();
        int n = 0;
        // Head batches a cursor has moved past but this output batch still takes rows from.
        try (MemoryManager.Reservation retired = memory.reserve(0)) {
            while (n < outputRows && retired.bytes() < retiredBytes) {
                int w = tree[0];
                Cursor c = cursors[w];
                if (c.frame == null) break; // the winner is exhausted: so is every run
                if (c.segment < 0) {
                    c.segment = segments.size();
                    segments.add(new Segment(c.frame, c.row));
                }
                segmentOf[n] = c.segment;
                rowOf[n] = c.row;
                n++;
                segments.get(c.segment).to = ++c.row;
                if (c.row == c.frame.height()) {
                    retired.resize(retired.bytes() + c.frame.estimatedBytes());
                    c.segment = -1;
                    c.load();
                }
                replay(w);
            }
            for (Cursor c : cursors) c.segment = -1;
            return n == 0 ? null : build(n, retired);
        } finally {
            segments.clear();
        }
    }

    /** Reads every run's first batch and plays the tournament. */
    private void start() {
        started = true;
        for (Cursor c : cursors) c.load();
        // -1 stands for a player that beats everyone: each leaf's replay pushes one out of the tree.
        Arrays.fill(tree, -1);
        for (int i = cursors.length - 1; i >= 0; i--) replay(i);
    }

    /** Cursor {@code s} has a new head: replays its matches up to the root. */
    private void replay(int s) {
        for (int t = (s + cursors.length) >>> 1; t > 0; t >>>= 1) {
            int o = tree[t];
            if (o == -1 || (s != -1 && beats(o, s))) {
                tree[t] = s;
                s = o;
            }
        }
        tree[0] = s;
    }

    /** Whether cursor {@code i}'s head comes before cursor {@code j}'s: by the keys, then the earlier run; exhausted runs last. */
    private boolean beats(int i, int j) {
        Cursor a = cursors[i], b = cursors[j];
        if (a.frame == null) return b.frame == null && i < j;
        if (b.frame == null) return true;
        int r = comparator.compare(a.keys, a.row, b.keys, b.row);
        return r < 0 || (r == 0 && i < j);
    }

    /** The output batch: the rows gathered from the head batches in merge order. */
    private DataFrame build(int n, MemoryManager.Reservation retired) {
        if (segments.size() == 1) {
            Segment only = segments.getFirst();
            return only.frame.slice(only.from, only.to - only.from);
        }
        DataFrame[] frames = new DataFrame[segments.size()];
        long bytes = 0;
        for (int i = 0; i < frames.length; i++) {
            Segment s = segments.get(i);
            frames[i] = s.frame;
            bytes += s.frame.estimatedBytes() * (s.to - s.from) / Math.max(1, s.frame.height());
        }
        retired.resize(retired.bytes() + bytes); // the batch being gathered
        DataFrame out = Take.rows(frames, segmentOf, rowOf, n);
        return out != null ? out : concatenatedAndGathered(n, retired, bytes);
    }

    /** The output batch for columns {@link Take} does not gather across frames: the segments' rows copied, concatenated, gathered. */
    private DataFrame concatenatedAndGathered(int n, MemoryManager.Reservation retired, long bytes) {
        retired.resize(retired.bytes() + 2 * bytes);
        List<DataFrame> parts = new ArrayList<>(segments.size());
        int[] base = new int[segments.size()];
        int at = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            base[i] = at;
            parts.add(s.frame.slice(s.from, s.to - s.from));
            at += s.to - s.from;
        }
        DataFrame all = Frames.concat(parts, schema);
        int[] take = new int[n];
        for (int i = 0; i < n; i++) take[i] = base[segmentOf[i]] + rowOf[i] - segments.get(segmentOf[i]).from;
        return Take.rows(all, take);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        RuntimeException failure = null;
        for (Cursor c : cursors) {
            try {
                c.finish();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    /** The rows one head batch gives to the output batch being built: {@code [from, to)} of {@code frame}. */
    private static final class Segment {
        final DataFrame frame;
        final int from;
        int to;

        Segment(DataFrame frame, int from) {
            this.frame = frame;
            this.from = from;
            this.to = from;
        }
    }

    /** One run being read: its current batch (the head), the key values of it and the next row. */
    private final class Cursor {
        private final SpillFile run;
        private Stream<DataFrame> stream;
        private Iterator<DataFrame> batches;
        private MemoryManager.Reservation held;
        /** The head batch, or null once the run is exhausted. */
        DataFrame frame;
        RowComparator.Keys keys;
        int row;
        /** The index in {@link #segments} of this head's slice of the output batch being built, or -1. */
        int segment = -1;

        Cursor(SpillFile run) {
            this.run = run;
        }

        /** The next non-empty batch as the head; at the end of the run, its file is deleted. */
        void load() {
            if (stream == null) {
                held = memory.reserve(0);
                stream = run.read(batchRows);
                batches = stream.iterator();
            }
            frame = null;
            keys = null;
            row = 0;
            while (batches.hasNext()) {
                DataFrame b = batches.next();
                if (b.height() == 0) continue;
                held.resize(b.estimatedBytes());
                frame = b;
                keys = comparator.keysOf(b);
                return;
            }
            finish();
        }

        /** Closes the run's reader, deletes its file and releases the head. */
        void finish() {
            frame = null;
            keys = null;
            try {
                if (stream != null) stream.close();
            } finally {
                stream = null;
                batches = null;
                if (held != null) held.close();
                run.delete();
            }
        }
    }
}
