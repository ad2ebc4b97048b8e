package dev.streamingadaptive.expr;

import dev.streamingadaptive.types.Types;

import dev.streamingadaptive.frame.DataType;

/** The aggregate functions of {@link AggregateExpr}, with SQL (DuckDB) semantics for nulls. */
public enum Aggregation {
    SUM, MEAN, MIN, MAX, COUNT, LEN, N_UNIQUE, FIRST, LAST, STD, VAR, MEDIAN, QUANTILE;

    /** Lower-case name used by {@code explain} and as the CLI spelling. */
    public String sqlName() {
        return this == N_UNIQUE ? "n_unique" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The type of this aggregate over values of {@code input} (null: an untyped null, read as
     * INTEGER). SUM: integers (and booleans, counting trues) INT64, UINT64 DECIMAL(38,0), floats
     * FLOAT64, DECIMAL(p,s) DECIMAL(38,s); MEAN, STD, VAR, MEDIAN, QUANTILE: numbers FLOAT64;
     * MIN, MAX: the input type (orderable scalars only); FIRST, LAST: the input type (scalars); COUNT, LEN,
     * N_UNIQUE: INT64.
     *
     * @throws ExprTypeException naming the function and the type when it does not apply
     */
    public DataType resultType(DataType input) {
        DataType t = input == null ? DataType.INT32 : input;
        DataType out = switch (this) {
            case COUNT, LEN -> DataType.INT64;
            case N_UNIQUE -> t.isNested() ? null : DataType.INT64;
            case FIRST, LAST -> t.isNested() ? null : t;
            case MIN, MAX -> Types.isOrderable(t) ? t : null;
            case SUM -> {
                if (t.kind() == DataType.Kind.UINT64) yield new DataType.Decimal(38, 0);
                if (Types.isInteger(t) || t.kind() == DataType.Kind.BOOLEAN) yield DataType.INT64;
                if (Types.isFloat(t)) yield DataType.FLOAT64;
                if (t instanceof DataType.Decimal d) yield new DataType.Decimal(38, d.scale());
                yield null;
            }
            case MEAN, STD, VAR, MEDIAN, QUANTILE -> Types.isNumeric(t) ? DataType.FLOAT64 : null;
        };
        if (out == null) {
            throw new ExprTypeException("cannot compute " + sqlName() + " of " + Types.name(t) + " values");
        }
        return out;
    }
}
