package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hash aggregation of batches into groups: rows get dense group ids from a {@link GroupTable}
 * (with fast paths for a dictionary-encoded string key, small-range integer keys and a single
 * integer key) and every aggregate keeps its state in arrays indexed by group id. Meant to be used
 * one instance per thread, each fed its share of the batches, then {@link #merge merged}. Every
 * buffer that grows with the groups is reserved in the {@link MemoryManager} first; when the budget
 * refuses, a {@link dev.streamingadaptive.memory.MemoryBudgetExceededException} names the operator
 * and what it needed. For spilling, the groups can be written out as rows of their keys and partial
 * states ({@link #state}, n_unique's values as {@link #valueRows}) and folded back into another
 * aggregation ({@link #mergeState}, {@link #mergeValues}): see {@link SpillingAggregation}. Not
 * thread-safe.
 */
public final class HashAggregation implements AutoCloseable {
    private final List<Field> keyFields;
    private final List<AggSpec> aggs;
    private final String operatorName;
    private final MemoryAccount account;
    /** Null once closed, so the released state can be collected while the instance is still referenced. */
    private GroupTable groups;
    private final Accumulator[] accumulators;
    private boolean closed;
    /** See {@link #intactGroups()}. */
    private int intactGroups = -1;
    /** The order aggregates take a batch in: the idempotent ones first. */
    private final int[] updateOrder;
    /** Whether every aggregate that may allocate while taking rows is idempotent (quantiles are not). */
    private final boolean allocatingIdempotent;
    /** Per aggregate, its first column in {@link #stateSchema()} (computed when first needed). */
    private int[] stateStart;
    private Schema stateSchema;

    /**
     * @param keyFields    the group keys: non-nested scalar types; none for a global aggregation
     * @param aggs         the aggregates, in output order
     * @param memory       where the state is reserved
     * @param operatorName how errors name this operator, for example {@code group-by [symbol]}
     * @throws IllegalArgumentException for a nested key type or duplicate output names
     */
    public HashAggregation(List<Field> keyFields, List<AggSpec> aggs, MemoryManager memory, String operatorName) {
        this(keyFields, aggs, memory, operatorName, MemoryAccount.NO_SPILL_ADVICE);
    }

    /** {@code advice}: what a refusal tells the user to do. */
    HashAggregation(List<Field> keyFields, List<AggSpec> aggs, MemoryManager memory, String operatorName, String advice) {
        this.keyFields = List.copyOf(keyFields);
        this.aggs = List.copyOf(aggs);
        this.operatorName = Objects.requireNonNull(operatorName, "operatorName");
        Objects.requireNonNull(memory, "memory");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Field f : this.keyFields) {
            if (f.type().isNested()) {
                throw new IllegalArgumentException(operatorName + ": key '" + f.name() + "' has nested type " + f.type()
                        + "; group keys must be scalar");
            }
            if (!names.add(f.name())) throw new IllegalArgumentException(operatorName + ": duplicate output name '" + f.name() + "'");
        }
        for (AggSpec a : this.aggs) {
            if (!names.add(a.outputName())) throw new IllegalArgumentException(operatorName + ": duplicate output name '" + a.outputName() + "'");
        }
        this.account = new MemoryAccount(memory, operatorName, this::groupCount, "groups", advice);
        try {
            this.groups = new GroupTable(this.keyFields, account);
            this.accumulators = new Accumulator[this.aggs.size()];
            for (int i = 0; i < accumulators.length; i++) accumulators[i] = Accumulator.create(this.aggs.get(i), account);
            // Min/max/first/last/n_unique first: the only ones that allocate while taking rows, and taking rows twice
            // changes nothing for them, so a refusal among them leaves the table whole (see intactGroups()).
            updateOrder = new int[accumulators.length];
            int next = 0;
            for (int i = 0; i < accumulators.length; i++) if (accumulators[i].idempotent()) updateOrder[next++] = i;
            for (int i = 0; i < accumulators.length; i++) if (!accumulators[i].idempotent()) updateOrder[next++] = i;
            boolean others = true;
            for (Accumulator a : accumulators) if (!a.idempotent() && !a.spillable()) others = false;
            allocatingIdempotent = others;
            ensureGroups();
        } catch (RuntimeException e) {
            account.close();
            throw e;
        }
    }

    /**
     * Adds one batch: every key and input column has the same size; {@code inputs.get(i)} is the
     * input of {@code aggs.get(i)} (null for LEN). {@code batchSequence} orders batches for
     * FIRST/LAST (rows within a batch are in order; batches may arrive in any order).
     *
     * @throws dev.streamingadaptive.memory.MemoryBudgetExceededException when the groups outgrow the budget
     * @throws AggregationOverflowException when an integer sum leaves 64 bits
     */
    public void add(List<Column> keys, List<Column> inputs, long batchSequence) {
        checkOpen();
        int rows = -1;
        for (Column c : keys) if (c != null) { rows = c.size(); break; }
        if (rows < 0) for (Column c : inputs) if (c != null) { rows = c.size(); break; }
        if (rows < 0) {
            throw new IllegalArgumentException(operatorName + ": a batch without keys and with only LEN inputs has no row count; "
                    + "use add(keys, inputs, rows, batchSequence)");
        }
        add(keys, inputs, rows, batchSequence);
    }

    /**
     * {@link #add(List, List, long)} with the row count given, for batches that carry no column
     * to take it from (a global {@code len()} alone).
     *
     * @throws IllegalArgumentException when a column is missing, has another size, or has another
     *         type than its key field or aggregate input type (a decimal of another scale would
     *         otherwise be summed wrongly)
     */
    public void add(List<Column> keys, List<Column> inputs, int rows, long batchSequence) {
        checkOpen();
        if (keys.size() != keyFields.size()) {
            throw new IllegalArgumentException(operatorName + ": " + keys.size() + " key columns given, " + keyFields.size() + " expected");
        }
        if (inputs.size() != aggs.size()) {
            throw new IllegalArgumentException(operatorName + ": " + inputs.size() + " inputs given for " + aggs.size() + " aggregates");
        }
        for (int j = 0; j < keys.size(); j++) {
            check(keys.get(j), keyFields.get(j).type(), rows, "key '" + keyFields.get(j).name() + "'");
        }
        for (int i = 0; i < inputs.size(); i++) {
            AggSpec a = aggs.get(i);
            Column c = inputs.get(i);
            if (a.function() == AggFunction.LEN) continue; // its input, if any, is not read
            if (c == null) throw new IllegalArgumentException(operatorName + ": no input column for '" + a.outputName() + "'");
            check(c, a.function() == AggFunction.COUNT ? c.type() : a.inputType(), rows, "input of '" + a.outputName() + "'");
        }
        if (rows == 0) return;
        int before = groups.groupCount();
        int[] gids;
        try {
            gids = groups.assign(keys, rows);
            ensureGroups();
        } catch (MemoryBudgetExceededException e) {
            // Nothing of this batch reached the aggregates yet: groups [0, before) are whole, the batch can go elsewhere.
            intactGroups = before;
            throw e;
        }
        try {
            for (int i : updateOrder) accumulators[i].update(inputs.get(i), rows, gids, batchSequence);
        } catch (MemoryBudgetExceededException e) {
            if (allocatingIdempotent) intactGroups = before; // only min/max/first/last/n_unique had taken rows: taking them again changes nothing
            throw e;
        }
    }

    /**
     * After {@link #add} (or {@link #mergeState}, {@link #mergeValues}) was refused memory while
     * finding the batch's groups, or while only idempotent aggregates (min, max, first, last,
     * n_unique) had taken part of it: how many groups are whole — giving them the whole batch again
     * elsewhere and merging is exact; the others were being made for the batch. -1 when no refusal
     * left the table so (it is then not usable after a refusal).
     */
    int intactGroups() {
        return intactGroups;
    }

    private void check(Column c, DataType type, int rows, String what) {
        if (c == null) throw new IllegalArgumentException(operatorName + ": no column for " + what);
        if (c.size() != rows) {
            throw new IllegalArgumentException(operatorName + ": " + what + " ('" + c.name() + "') has " + c.size() + " rows, expected " + rows);
        }
        if (!c.type().equals(type)) {
            throw new IllegalArgumentException(operatorName + ": " + what + " ('" + c.name() + "') has type " + c.type()
                    + ", declared " + type + "; cast it first");
        }
    }

    private void ensureGroups() {
        int n = groups.groupCount();
        for (Accumulator a : accumulators) a.ensureGroups(n);
    }

    /**
     * Folds {@code other}'s groups and states into this one; {@code other} (same keys and
     * aggregates) is closed afterwards.
     */
    public void merge(HashAggregation other) {
        checkOpen();
        if (other == this) throw new IllegalArgumentException("cannot merge an aggregation into itself");
        other.checkOpen();
        if (!other.keyFields.equals(keyFields) || !other.aggs.equals(aggs)) {
            throw new IllegalArgumentException(operatorName + ": cannot merge an aggregation of other keys or aggregates");
        }
        try {
            int otherGroups = other.groups.groupCount();
            int[] map = groups.absorb(other.groups);
            ensureGroups();
            for (int i = 0; i < accumulators.length; i++) accumulators[i].merge(other.accumulators[i], map, otherGroups);
        } finally {
            other.close();
        }
    }

    /**
     * One row per group: the key columns (named and typed as the key fields, plain columns) then
     * one column per aggregate (its output name and type). Without keys: exactly one row, also
     * when no row was added. Group order is unspecified. Closes this aggregation.
     */
    public DataFrame finish() {
        checkOpen();
        try {
            int n = groups.groupCount();
            List<Column> out = new ArrayList<>(keyFields.size() + accumulators.length);
            out.addAll(groups.columns());
            for (Accumulator a : accumulators) out.add(a.finish(n));
            return new DataFrame(out, n);
        } finally {
            close();
        }
    }

    // ---- spilling: the groups' keys and states as rows ----

    /**
     * The schema of {@link #state}: the keys as {@code k0..} (their own types), then each
     * aggregate's state columns as {@code s<i>_<j>}; positional names cannot clash with user names.
     */
    Schema stateSchema() {
        if (stateSchema != null) return stateSchema;
        List<Field> f = new ArrayList<>();
        if (stateStart == null) stateStart = new int[accumulators.length];
        for (int j = 0; j < keyFields.size(); j++) f.add(Field.of("k" + j, keyFields.get(j).type()));
        for (int i = 0; i < accumulators.length; i++) {
            List<DataType> types = accumulators[i].stateTypes();
            stateStart[i] = f.size();
            for (int j = 0; j < types.size(); j++) f.add(Field.of("s" + i + "_" + j, types.get(j)));
        }
        stateSchema = new Schema(f);
        return stateSchema;
    }

    /** The aggregates whose value sets spill as rows of their own (n_unique), by index. */
    int[] valueSets() {
        return java.util.stream.IntStream.range(0, accumulators.length)
                .filter(i -> accumulators[i] instanceof DistinctCountAccumulator).toArray();
    }

    /** The schema of {@link #valueRows}: the keys as {@code k0..}, then the value as {@code v}. */
    Schema valueSchema(int agg) {
        List<Field> f = new ArrayList<>();
        for (int j = 0; j < keyFields.size(); j++) f.add(Field.of("k" + j, keyFields.get(j).type()));
        f.add(Field.of("v", aggs.get(agg).inputType()));
        return new Schema(f);
    }

    /** Aggregate {@code agg}'s (group, value id) pairs as {@code group << 32 | value id}. */
    long[] valuePairs(int agg) {
        checkOpen();
        return ((DistinctCountAccumulator) accumulators[agg]).pairsById();
    }

    /** Rows of {@link #valueSchema}: group {@code gids[i]}'s keys with the value of id {@code valueIds[i]}. */
    DataFrame valueRows(int agg, int[] gids, int[] valueIds, int n) {
        checkOpen();
        List<Column> out = new ArrayList<>();
        List<Column> keys = groups.columns(gids, n);
        for (int j = 0; j < keys.size(); j++) out.add(keys.get(j).rename("k" + j));
        out.add(((DistinctCountAccumulator) accumulators[agg]).values("v", valueIds, n));
        return new DataFrame(out, n);
    }

    /** Folds rows of {@link #valueSchema} (written by {@link #valueRows}) into aggregate {@code agg}'s sets. */
    void mergeValues(int agg, DataFrame rows) {
        checkOpen();
        int n = rows.height();
        if (n == 0) return;
        List<Column> cols = rows.columns();
        int k = keyFields.size();
        int before = groups.groupCount();
        try {
            int[] gids = groups.assign(cols.subList(0, k), n);
            ensureGroups();
            accumulators[agg].update(cols.get(k), n, gids, 0);
        } catch (MemoryBudgetExceededException e) {
            intactGroups = before; // a set taking a value twice is unchanged
            throw e;
        }
    }

    /** Prepares (true) or ends (false) exporting the groups in chunks; returns the bytes of scratch kept meanwhile. */
    long exporting(boolean on) {
        checkOpen();
        long bytes = groups.exporting(on);
        for (Accumulator a : accumulators) if (a instanceof DistinctCountAccumulator d) bytes += d.exportingValues(on);
        return bytes;
    }

    /** The key columns of groups {@code gids[0..n)}. */
    List<Column> keyColumns(int[] gids, int n) {
        checkOpen();
        return groups.columns(gids, n);
    }

    /** Keys and states of groups {@code gids[0..n)} as rows of {@link #stateSchema()}. */
    DataFrame state(int[] gids, int n) {
        checkOpen();
        List<Column> out = new ArrayList<>();
        List<Column> keys = groups.columns(gids, n);
        for (int j = 0; j < keys.size(); j++) out.add(keys.get(j).rename("k" + j));
        for (int i = 0; i < accumulators.length; i++) accumulators[i].exportState(gids, n, "s" + i + "_", out);
        return new DataFrame(out, n);
    }

    /** Folds rows of {@link #stateSchema()} (written by {@link #state} of an aggregation like this one) into this one's groups. */
    void mergeState(DataFrame state) {
        checkOpen();
        if (stateStart == null) stateSchema();
        int rows = state.height();
        if (rows == 0) return;
        List<Column> cols = state.columns();
        int k = keyFields.size();
        int before = groups.groupCount();
        int[] gids;
        try {
            gids = groups.assign(cols.subList(0, k), rows);
            ensureGroups();
        } catch (MemoryBudgetExceededException e) {
            intactGroups = before;
            throw e;
        }
        try {
            for (int i : updateOrder) accumulators[i].mergeState(cols, stateStart[i], rows, gids);
        } catch (MemoryBudgetExceededException e) {
            if (allocatingIdempotent) intactGroups = before;
            throw e;
        }
    }

    /** Number of groups so far (1 without keys). */
    public long groupCount() {
        GroupTable g = groups;
        return g == null ? 0 : g.groupCount();
    }

    /** Bytes this aggregation has reserved in its MemoryManager (0 once closed). */
    public long reservedBytes() {
        return account.reservedBytes();
    }

    /** The output schema: key fields then one field per aggregate. */
    public List<Field> outputFields() {
        List<Field> f = new ArrayList<>(keyFields);
        for (AggSpec a : aggs) {
            DataType t = a.outputType();
            f.add(Field.of(a.outputName(), t));
        }
        return f;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(operatorName + " is closed");
    }

    /**
     * Releases every reservation and drops the state (what was released must really become free
     * heap, also while this object is still referenced, for example by a failed query's other
     * workers). Idempotent.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        groups = null;
        java.util.Arrays.fill(accumulators, null);
        account.close();
    }
}
