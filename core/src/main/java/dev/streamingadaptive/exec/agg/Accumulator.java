package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

import java.util.List;

/**
 * The per-group state of one aggregate, in arrays indexed by group id that grow (through the
 * {@link MemoryAccount}) as groups appear. One subclass per function family.
 */
abstract class Accumulator {
    final AggSpec spec;
    final MemoryAccount account;

    Accumulator(AggSpec spec, MemoryAccount account) {
        this.spec = spec;
        this.account = account;
    }

    /** Makes room for groups [0, groups); new groups start empty. */
    abstract void ensureGroups(int groups);

    /**
     * Folds rows [0, rows) of {@code input} (null for LEN) into groups {@code gids[i]}, or all into
     * group 0 when {@code gids} is null. {@code batchSequence} orders batches for FIRST/LAST.
     */
    abstract void update(Column input, int rows, int[] gids, long batchSequence);

    /** Folds other's groups g into this accumulator's groups {@code groupMap[g]}. */
    abstract void merge(Accumulator other, int[] groupMap, int otherGroups);

    /** The result column of groups [0, groups). */
    abstract Column finish(int groups);

    /**
     * Whether folding the same rows in twice gives the same state (min, max, first, last): such an
     * aggregate may be refused memory halfway through a batch and then get the whole batch again
     * elsewhere. The others never allocate while updating.
     */
    boolean idempotent() { return false; }

    // ---- spilling: the state of a group as a fixed number of columns ----

    /**
     * Whether the state of a group is a fixed number of values that can be spilled; false for the
     * value sets of n_unique and quantiles, which grow with the rows.
     */
    boolean spillable() { return true; }

    /** The types of the state columns ({@link #exportState}'s columns, in order). */
    abstract List<DataType> stateTypes();

    /** Adds the state of groups {@code gids[0..n)} to {@code out}, one column per {@link #stateTypes()} entry, named {@code prefix + j}. */
    abstract void exportState(int[] gids, int n, String prefix, List<Column> out);

    /**
     * Folds state rows [0, rows) — columns {@code state[at..at + stateTypes().size())} as written by
     * {@link #exportState} — into groups {@code gids[i]} (which {@link #ensureGroups} made room for).
     */
    abstract void mergeState(List<Column> state, int at, int rows, int[] gids);

    String name() { return spec.outputName(); }

    DataType outputType() { return spec.outputType(); }

    /** The accumulator for {@code spec}. */
    static Accumulator create(AggSpec spec, MemoryAccount account) {
        DataType in = spec.inputType();
        return switch (spec.function()) {
            case COUNT, LEN -> new CountAccumulator(spec, account);
            case SUM -> switch (in.kind()) {
                case UINT64, DECIMAL -> new WideSumAccumulator(spec, account, false);
                case FLOAT16, FLOAT32, FLOAT64 -> new DoubleSumAccumulator(spec, account, false);
                default -> new IntegerSumAccumulator(spec, account);
            };
            case MEAN -> TypeSupport.family(in) == TypeSupport.Family.DOUBLE
                    ? new DoubleSumAccumulator(spec, account, true)
                    : new WideSumAccumulator(spec, account, true);
            case MIN, MAX -> switch (TypeSupport.family(in)) {
                case LONG -> new LongMinMaxAccumulator(spec, account);
                case DOUBLE -> new DoubleMinMaxAccumulator(spec, account);
                case BYTES -> new BytesMinMaxAccumulator(spec, account);
            };
            case FIRST, LAST -> new FirstLastAccumulator(spec, account);
            case N_UNIQUE -> new DistinctCountAccumulator(spec, account);
            case STD, VAR -> new VarianceAccumulator(spec, account);
            case MEDIAN, QUANTILE -> new QuantileAccumulator(spec, account);
        };
    }
}
