package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.memory.MemoryManager;

import java.util.List;
import java.util.Locale;

/**
 * The build side of a hash join: the build rows' keys given dense ids by a {@link GroupTable}
 * (composite ids for several key columns), and the build rows of each id in ascending order
 * (a counting sort: {@code start[id] .. start[id + 1]} in {@code rows}). Rows with a null in any
 * key column are left out, so they never match. Probing looks keys up without adding any, so
 * once built the table is read by every worker at once. What it holds — the collected build
 * side included — is reserved in the {@link MemoryManager} through a {@link MemoryAccount}; a
 * refusal is a {@code MemoryBudgetExceededException} naming the join.
 */
public final class JoinTable implements AutoCloseable {
    private final MemoryAccount account;
    private final GroupTable keys;
    private final int buildRows;
    private int[] start;
    private int[] rows;

    private JoinTable(MemoryAccount account, GroupTable keys, int buildRows) {
        this.account = account;
        this.keys = keys;
        this.buildRows = buildRows;
    }

    /** The largest array a table allocates: larger ones are refused (the collector needs them in one piece). */
    public static long maxArrayBytes() {
        return MemoryAccount.maxArrayBytes();
    }

    /**
     * The table over the build side's key columns ({@code keyFields}, all of the same types as the
     * probe side's keys will be). {@code heldBytes}: the collected build side, reserved first;
     * {@code advice}: what to do when the table does not fit.
     */
    public static JoinTable build(List<Field> keyFields, List<Column> buildKeys, int buildRows, long heldBytes,
                                  MemoryManager memory, String operator, String advice) {
        int[] keyCount = {0};
        MemoryAccount account = new MemoryAccount(memory,
                operator + " (build side: right, " + String.format(Locale.ROOT, "%,d", buildRows) + " rows)",
                () -> keyCount[0], "distinct keys", advice);
        try {
            account.allocate(heldBytes);
            GroupTable table = new GroupTable(keyFields, account);
            JoinTable t = new JoinTable(account, table, buildRows);
            if (keyFields.isEmpty()) { // a cross join: only the build side is held
                t.start = new int[1];
                t.rows = new int[0];
                return t;
            }
            account.allocate(MemoryAccount.bytes(buildRows, 4) * 2); // ids while building, then the row list
            int[] ids = buildRows == 0 ? new int[0] : table.assign(buildKeys, buildRows).clone();
            keyCount[0] = table.groupCount();
            table.seal();
            for (Column c : buildKeys) {
                if (c.nullCount() == 0) continue;
                for (int i = 0; i < buildRows; i++) if (c.isNull(i)) ids[i] = -1;
            }
            int groups = table.groupCount();
            account.allocate(MemoryAccount.bytes(groups + 1L, 4));
            int[] start = new int[groups + 1];
            for (int id : ids) if (id >= 0) start[id + 1]++;
            for (int g = 0; g < groups; g++) start[g + 1] += start[g];
            int[] next = start.clone();
            int[] rows = new int[start[groups]];
            for (int i = 0; i < buildRows; i++) if (ids[i] >= 0) rows[next[ids[i]]++] = i;
            account.free(MemoryAccount.bytes(buildRows, 4));
            t.start = start;
            t.rows = rows;
            return t;
        } catch (RuntimeException | Error e) {
            account.close();
            throw e;
        }
    }

    /** Rows of the build side. */
    public int buildRows() { return buildRows; }

    /** Reserves {@code bytes} more for the join's own use (per-worker state sized by the build side), before it is allocated. */
    public void reserve(long bytes) {
        account.allocate(bytes);
    }

    /** Bytes reserved for the table and the build side. */
    public long reservedBytes() { return account.reservedBytes(); }

    /** For each probe row, the id of its key in the table, or -1 (no match, or a null key). Thread-safe. */
    public int[] find(List<Column> probeKeys, int n) {
        int[] out = new int[n];
        if (n > 0) {
            if (buildRows == 0) java.util.Arrays.fill(out, -1);
            else keys.find(probeKeys, n, out);
        }
        return out;
    }

    /** First position in {@link #rows(int)} order of id {@code id}'s build rows. */
    public int start(int id) { return start[id]; }

    /** The number of distinct keys (ids 0 to keys() - 1). */
    public int keys() { return start.length - 1; }

    /** One past the last position of id {@code id}'s build rows. */
    public int end(int id) { return start[id + 1]; }

    /** The build row at a position (ids' rows are contiguous, ascending). */
    public int row(int position) { return rows[position]; }

    @Override
    public void close() {
        account.close();
    }
}
