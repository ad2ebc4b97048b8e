package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.JoinTable;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.plan.JoinNode;
import dev.streamingadaptive.plan.JoinNode.Kind;
import dev.streamingadaptive.predicate.Rows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The join of one partition of a grace hash join: the partition's build rows in memory (one
 * chunk), or — when they do not fit even after splitting, e.g. one key with too many rows — in
 * several chunks joined one after the other with a pass over the probe rows each (a block nested
 * loop over hash tables). Output comes in batches of at most {@link #OUTPUT_ROWS} rows, so a key
 * with many matches never makes one huge batch.
 *
 * <p>With one chunk, unmatched probe rows (LEFT, FULL) and SEMI/ANTI rows are decided as each probe
 * batch is joined. With several, which probe rows matched any chunk is kept in a bit set, and a
 * last pass over the probe rows outputs them (LEFT, FULL: the unmatched with nulls; SEMI: the
 * matched; ANTI: the unmatched). RIGHT and FULL output each chunk's unmatched build rows after its
 * probe pass, RIGHT_ANTI too, RIGHT_SEMI its matched ones (the probe pass only marks them).
 */
final class PartitionJoin implements BatchStream {
    /** Rows of one output batch at most (a probe batch's matches are cut into batches of this size). */
    static final int OUTPUT_ROWS = 1 << 16;

    /** The build rows of the partition, a chunk at a time. */
    interface Chunks extends AutoCloseable {
        /** The next chunk, or null after the last. */
        DataFrame next();

        @Override
        void close();
    }

    private enum Phase { NEXT_CHUNK, PROBE, UNMATCHED_BUILD, FINAL_PASS, DONE }

    private final JoinNode j;
    private final String operator;
    private final String advice;
    private final MemoryManager memory;
    private final Chunks chunks;
    private final boolean single;
    private final Supplier<Stream<DataFrame>> probeFile;
    private final Runnable done;
    private final Kind how;
    private final boolean markBuild;
    private final List<Field> keyFields = new ArrayList<>();
    /** Probe rows that matched some chunk (several chunks, and a join that outputs by it). */
    private final long[] probeMatched;
    private final MemoryManager.Reservation probeMatchedBytes;

    private Phase phase = Phase.NEXT_CHUNK;
    private JoinTable table;
    private DataFrame build; // the chunk, with an all-null row appended at index table.buildRows() where needed
    /** Which build rows (RIGHT, FULL) or key ids (RIGHT_SEMI, RIGHT_ANTI) of the chunk some probe row matched. */
    private boolean[] buildMatched;
    private Stream<DataFrame> probeStream;
    private Iterator<DataFrame> probe;
    private long probeBase;
    private Cursor cursor;

    /**
     * @param single    whether {@code chunks} holds one chunk (the partition's whole build side)
     * @param probeFile opens the partition's probe rows from the start (read once per chunk, plus once more when several)
     * @param probeRows rows in the probe file
     * @param done      deletes the probe file, run on close
     */
    PartitionJoin(JoinNode j, String operator, String advice, MemoryManager memory, Chunks chunks, boolean single,
                  Supplier<Stream<DataFrame>> probeFile, long probeRows, Runnable done) {
        this.done = done;
        this.j = j;
        this.operator = operator;
        this.advice = advice;
        this.memory = memory;
        this.chunks = chunks;
        this.single = single;
        this.probeFile = probeFile;
        this.how = j.how();
        this.markBuild = how.marksBuild();
        for (int i = 0; i < j.keyTypes().size(); i++) keyFields.add(Field.of("key" + i, j.keyTypes().get(i)));
        boolean byProbe = how == Kind.LEFT || how == Kind.FULL || how == Kind.SEMI || how == Kind.ANTI;
        if (!single && byProbe) {
            long words = (probeRows + 63) / 64;
            this.probeMatchedBytes = memory.reserve(words * 8 + 16);
            this.probeMatched = new long[Math.toIntExact(words)];
        } else {
            this.probeMatchedBytes = null;
            this.probeMatched = null;
        }
    }

    @Override public dev.streamingadaptive.frame.Schema schema() { return j.schema(); }

    /** The next output batch, or null when the partition is done. */
    @Override
    public DataFrame next() {
        while (true) {
            if (cursor != null) {
                DataFrame out = cursor.next();
                if (out != null) return out;
                cursor = null;
            }
            switch (phase) {
                case NEXT_CHUNK -> {
                    DataFrame chunk = chunks.next();
                    if (chunk == null) {
                        if (probeMatched != null) {
                            openProbe();
                            phase = Phase.FINAL_PASS;
                        } else {
                            phase = Phase.DONE;
                        }
                        continue;
                    }
                    if (single && chunk.height() == 0 && (how == Kind.INNER || how == Kind.SEMI || how == Kind.RIGHT
                            || how.outputsRightOnly())) {
                        phase = Phase.DONE; // no build rows: no probe row can be output
                        continue;
                    }
                    buildTable(chunk);
                    openProbe();
                    phase = Phase.PROBE;
                }
                case PROBE -> {
                    DataFrame batch = probe.hasNext() ? probe.next() : null;
                    if (batch == null) {
                        closeProbe();
                        phase = Phase.UNMATCHED_BUILD;
                        continue;
                    }
                    cursor = new Cursor(batch, probeBase);
                    probeBase += batch.height();
                }
                case UNMATCHED_BUILD -> {
                    DataFrame out = markBuild ? decidedByBuild() : null;
                    closeTable();
                    phase = Phase.NEXT_CHUNK;
                    if (out != null) return out;
                }
                case FINAL_PASS -> {
                    DataFrame batch = probe.hasNext() ? probe.next() : null;
                    if (batch == null) {
                        closeProbe();
                        phase = Phase.DONE;
                        continue;
                    }
                    DataFrame out = decidedByProbe(batch, probeBase);
                    probeBase += batch.height();
                    if (out != null) return out;
                }
                case DONE -> {
                    return null;
                }
            }
        }
    }

    private void buildTable(DataFrame chunk) {
        int n = chunk.height();
        table = JoinTable.build(keyFields, Join.keys(chunk, j.rightOn(), j.keyTypes()), n, chunk.estimatedBytes(), memory,
                operator, advice);
        // Unmatched probe rows output inline (LEFT, FULL with one chunk) take their right values from an all-null row at index n.
        build = single && (how == Kind.LEFT || how == Kind.FULL) ? Join.withNullRow(chunk) : chunk;
        if (markBuild) {
            // RIGHT_SEMI and RIGHT_ANTI mark keys (spread to the n rows at the end), RIGHT and FULL rows.
            boolean byKey = how.outputsRightOnly();
            int marks = byKey ? table.keys() : n;
            table.reserve(marks + 16L + (byKey ? n : 0));
            buildMatched = new boolean[marks];
        }
    }

    private void closeTable() {
        if (table != null) table.close();
        table = null;
        build = null;
        buildMatched = null;
    }

    private void openProbe() {
        probeStream = probeFile.get();
        probe = probeStream.iterator();
        probeBase = 0;
    }

    private void closeProbe() {
        if (probeStream != null) probeStream.close();
        probeStream = null;
        probe = null;
    }

    /**
     * After the chunk's probe pass: RIGHT, FULL and RIGHT_ANTI output the chunk's build rows no probe row matched (RIGHT
     * and FULL with nulls for the left columns), RIGHT_SEMI those some probe row matched.
     */
    private DataFrame decidedByBuild() {
        boolean[] matched = how.outputsRightOnly() ? Join.rowsOfKeys(table, buildMatched) : buildMatched;
        return buildRowsFlagged(j, build, matched, how == Kind.RIGHT_SEMI);
    }

    /**
     * The rows of {@code build} whose flag is {@code keep} (rows past the flags, as an appended all-null row, are not),
     * as output rows (nulls for the left columns, where there are any); null when there are none.
     */
    static DataFrame buildRowsFlagged(JoinNode j, DataFrame build, boolean[] flags, boolean keep) {
        int n = flags.length, count = 0;
        for (boolean f : flags) if (f == keep) count++;
        if (count == 0) return null;
        int[] rows = new int[count];
        int at = 0;
        for (int i = 0; i < n; i++) if (flags[i] == keep) rows[at++] = i;
        List<Column> taken = new ArrayList<>(build.width());
        for (Column c : build.columns()) taken.add(Rows.take(c, rows));
        return withNullLeft(j, new DataFrame(taken, count));
    }

    /** RIGHT, FULL, RIGHT_SEMI, RIGHT_ANTI: build rows as output rows (nulls for the left columns, where there are any). */
    static DataFrame withNullLeft(JoinNode j, DataFrame buildRows) {
        int n = buildRows.height();
        List<Column> cols = new ArrayList<>(j.outputs().size());
        for (JoinNode.Output o : j.outputs()) {
            cols.add(o.fromLeft() ? new NullColumn(o.name(), j.left().schema().field(o.input()).type(), n)
                    : buildRows.column(o.input()).rename(o.name()));
        }
        return new DataFrame(cols, n);
    }

    /** LEFT, FULL, ANTI: probe rows that match nothing, as output rows (for LEFT and FULL with nulls for the right columns). */
    static DataFrame withNullRight(JoinNode j, DataFrame probeRows) {
        if (j.how() == Kind.ANTI) return probeRows;
        int n = probeRows.height();
        List<Column> cols = new ArrayList<>(j.outputs().size());
        for (JoinNode.Output o : j.outputs()) {
            cols.add(o.fromLeft() ? probeRows.column(o.input()).rename(o.name())
                    : new NullColumn(o.name(), j.right().schema().field(o.input()).type(), n));
        }
        return new DataFrame(cols, n);
    }

    /** The last pass over the probe rows, after several chunks: what LEFT, FULL, SEMI and ANTI output by the bit set. */
    private DataFrame decidedByProbe(DataFrame batch, long base) {
        int rows = batch.height();
        boolean keepMatched = how == Kind.SEMI;
        int count = 0;
        boolean[] keep = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            long r = base + i;
            boolean matched = (probeMatched[(int) (r >>> 6)] & (1L << r)) != 0;
            keep[i] = matched == keepMatched;
            if (keep[i]) count++;
        }
        if (count == 0) return null;
        DataFrame kept = Rows.keep(batch, keep);
        return how == Kind.SEMI ? kept : withNullRight(j, kept);
    }

    /** One probe batch joined against the chunk's table, handed out in batches of at most {@link #OUTPUT_ROWS} rows. */
    private final class Cursor {
        private final DataFrame batch;
        private final long base;
        private final int[] ids;
        private int row;
        /** Position in the current row's matches, or -1 before its first. */
        private int pos = -1;

        Cursor(DataFrame batch, long base) {
            this.batch = batch;
            this.base = base;
            this.ids = table.find(Join.keys(batch, j.leftOn(), j.keyTypes()), batch.height());
        }

        DataFrame next() {
            int rows = batch.height();
            if (row >= rows) return null;
            if (how.outputsRightOnly()) {
                row = rows;
                for (int id : ids) if (id >= 0) buildMatched[id] = true;
                return null;
            }
            if (how == Kind.SEMI || how == Kind.ANTI) {
                row = rows;
                if (!single) {
                    markMatched();
                    return null;
                }
                boolean[] keep = new boolean[rows];
                boolean any = false;
                for (int i = 0; i < rows; i++) any |= keep[i] = (ids[i] >= 0) == (how == Kind.SEMI);
                return any ? Rows.keep(batch, keep) : null;
            }
            if (row == 0 && pos < 0 && !single && probeMatched != null) markMatched();
            boolean keepUnmatched = single && (how == Kind.LEFT || how == Kind.FULL);
            int[] li = new int[OUTPUT_ROWS], ri = new int[OUTPUT_ROWS];
            int at = 0, nullRow = table.buildRows();
            while (row < rows && at < OUTPUT_ROWS) {
                int id = ids[row];
                if (id < 0) {
                    if (keepUnmatched) {
                        li[at] = row;
                        ri[at++] = nullRow;
                    }
                    row++;
                    continue;
                }
                if (pos < 0) pos = table.start(id);
                int end = table.end(id);
                while (pos < end && at < OUTPUT_ROWS) {
                    int r = table.row(pos++);
                    li[at] = row;
                    ri[at++] = r;
                    if (buildMatched != null) buildMatched[r] = true;
                }
                if (pos >= end) {
                    row++;
                    pos = -1;
                }
            }
            if (at == 0) return null;
            if (at < OUTPUT_ROWS) {
                li = java.util.Arrays.copyOf(li, at);
                ri = java.util.Arrays.copyOf(ri, at);
            }
            List<Column> cols = new ArrayList<>(j.outputs().size());
            for (JoinNode.Output o : j.outputs()) {
                Column c = o.fromLeft() ? Rows.take(batch.column(o.input()), li) : Rows.take(build.column(o.input()), ri);
                cols.add(c.name().equals(o.name()) ? c : c.rename(o.name()));
            }
            return new DataFrame(cols, at);
        }

        private void markMatched() {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < 0) continue;
                long r = base + i;
                probeMatched[(int) (r >>> 6)] |= 1L << r;
            }
        }
    }

    @Override
    public void close() {
        cursor = null;
        closeProbe();
        closeTable();
        try {
            chunks.close();
        } finally {
            if (probeMatchedBytes != null) probeMatchedBytes.close();
            done.run();
        }
    }
}
