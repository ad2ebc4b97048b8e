package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
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
 * and what it needed. Not thread-safe.
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

    /**
     * @param keyFields    the group keys: non-nested scalar types; none for a global aggregation
     * @param aggs         the aggregates, in output order
     * @param memory       where the state is reserved
     * @param operatorName how errors name this operator, for example {@code group-by [symbol]}
     * @throws IllegalArgumentException for a nested key type or duplicate output names
     */
    public HashAggregation(List<Field> keyFields, List<AggSpec> aggs, MemoryManager memory, String operatorName) {
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
        this.account = new MemoryAccount(memory, operatorName, this::groupCount);
        try {
            this.groups = new GroupTable(this.keyFields, account);
            this.accumulators = new Accumulator[this.aggs.size()];
            for (int i = 0; i < accumulators.length; i++) accumulators[i] = Accumulator.create(this.aggs.get(i), account);
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
        int[] gids = groups.assign(keys, rows);
        ensureGroups();
        for (int i = 0; i < accumulators.length; i++) accumulators[i].update(inputs.get(i), rows, gids, batchSequence);
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
