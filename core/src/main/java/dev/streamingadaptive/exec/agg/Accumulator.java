package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

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
