package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.KeyHash;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.predicate.Rows;
import dev.streamingadaptive.spill.SpillDirectory;
import dev.streamingadaptive.spill.SpillFile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one side of a join into {@link #FANOUT} spill files by a hash of its keys: a row goes to
 * the file numbered by 4 bits of its key hash, the bits chosen by {@code level}, so a partition
 * still too large is split again by the next 4 bits. Rows with a null key never match: they go to
 * a file of their own ({@link #nullKeyFile()}), output without joining, or nowhere when the join
 * never outputs them. The writers hold the rows given until they write a row
 * group; each partition's held rows are written once they pass {@code flushBytes}, so all of them
 * together stay within {@code FANOUT * flushBytes}, which is reserved in the memory budget.
 */
final class JoinPartitioner implements AutoCloseable {
    /** Partitions per split: 16 files per side at a time, so a split's write buffers stay small. */
    static final int FANOUT = 16;
    static final int BITS = 4;
    /** Splits of a partition at most (the hash has 64 bits; 4 levels are 65,536 partitions). */
    static final int MAX_LEVEL = 3;

    private final List<String> on;
    private final List<DataType> keyTypes;
    private final KeyHash hash;
    private final int shift;
    private final boolean dropNullKeys;
    private final long flushBytes;
    /** The partitions' writers, then (when null keys are kept) the null keys' writer at index FANOUT. */
    private final SpillFile.Writer[] writers;
    private final long[] pending;
    private final long[] rows;
    private SpillFile nullKeyFile;
    private final MemoryManager.Reservation held;
    private long[] hashes = new long[0];
    private boolean finished;

    /**
     * @param what         names the files (for messages and the folder listing)
     * @param dropNullKeys whether rows with a null key are left out (the join never outputs them)
     */
    JoinPartitioner(SpillDirectory dir, String what, Schema schema, List<String> on, List<DataType> keyTypes, int level,
                    boolean dropNullKeys, long flushBytes, MemoryManager memory) {
        if (level > MAX_LEVEL) throw new IllegalArgumentException("partition level " + level + " > " + MAX_LEVEL);
        this.on = on;
        this.keyTypes = keyTypes;
        this.hash = new KeyHash(keyTypes);
        this.shift = 64 - BITS * (level + 1);
        this.dropNullKeys = dropNullKeys;
        this.flushBytes = flushBytes;
        int files = dropNullKeys ? FANOUT : FANOUT + 1;
        this.writers = new SpillFile.Writer[files];
        this.pending = new long[files];
        this.rows = new long[files];
        this.held = memory.reserve(0);
        try {
            for (int p = 0; p < files; p++) {
                writers[p] = SpillFile.writer(dir, what + "-l" + level + (p == FANOUT ? "-null-keys" : "-p" + p), schema);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The partition of a key hash at this level; for a null key FANOUT, or -1 when dropped. */
    private int partition(long h) {
        if (h == KeyHash.NULL_KEY) return dropNullKeys ? -1 : FANOUT;
        return (int) (h >>> shift) & (FANOUT - 1);
    }

    /** Writes each row of {@code batch} to its partition's file. */
    void add(DataFrame batch) {
        int n = batch.height();
        if (n == 0) return;
        if (hashes.length < n) hashes = new long[n];
        hash.hash(Join.keys(batch, on, keyTypes), n, hashes);
        int[] count = new int[writers.length + 1];
        int[] part = new int[n];
        for (int i = 0; i < n; i++) {
            int p = partition(hashes[i]);
            part[i] = p;
            count[p + 1]++;
        }
        for (int p = 0; p < writers.length; p++) {
            int c = count[p + 1];
            if (c == 0) continue;
            if (c == n) {
                write(p, batch);
                return;
            }
            int[] take = new int[c];
            int at = 0;
            for (int i = 0; i < n && at < c; i++) if (part[i] == p) take[at++] = i;
            List<Column> cols = new ArrayList<>(batch.width());
            for (Column col : batch.columns()) cols.add(Rows.take(col, take));
            write(p, new DataFrame(cols, c));
        }
    }

    private void write(int p, DataFrame rowsOfP) {
        writers[p].write(rowsOfP);
        rows[p] += rowsOfP.height();
        pending[p] += rowsOfP.estimatedBytes();
        if (pending[p] >= flushBytes) {
            writers[p].flush();
            pending[p] = 0;
        }
        long total = 0;
        for (long b : pending) total += b;
        held.resize(total);
    }

    /** After {@link #finish()}: the rows with a null key, or null when they were dropped. */
    SpillFile nullKeyFile() { return nullKeyFile; }

    /** Completes the files, one per partition (empty ones included); the null keys' file is {@link #nullKeyFile()}. */
    SpillFile[] finish() {
        SpillFile[] out = new SpillFile[writers.length];
        try {
            for (int p = 0; p < writers.length; p++) {
                out[p] = writers[p].finish();
                pending[p] = 0;
            }
            finished = true;
            if (out.length > FANOUT) nullKeyFile = out[FANOUT];
            return java.util.Arrays.copyOf(out, FANOUT);
        } catch (RuntimeException e) {
            for (SpillFile f : out) if (f != null) f.delete();
            throw e;
        } finally {
            held.close();
        }
    }

    /** Discards the files unless {@link #finish()} completed them. */
    @Override
    public void close() {
        held.close();
        if (finished) return;
        for (SpillFile.Writer w : writers) if (w != null) w.close();
    }
}
