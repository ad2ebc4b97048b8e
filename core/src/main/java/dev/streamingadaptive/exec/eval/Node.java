package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;

import java.util.function.UnaryOperator;

/** A compiled expression node: evaluates to one column of a batch's height, in canonical storage for constants and computed values. */
abstract class Node {
    final DataType type;

    Node(DataType type) {
        this.type = type;
    }

    abstract Column eval(DataFrame batch);

    /** A constant: its single value as a one-row column; evaluates to copies. */
    static final class Const extends Node {
        final Column one;

        Const(Column one) {
            super(one.type());
            this.one = one;
        }

        boolean isNull() {
            return one.isNull(0);
        }

        @Override Column eval(DataFrame batch) {
            return Vectors.broadcast(one, batch.height());
        }
    }

    /** A column of the batch, by position in the compiled schema. */
    static final class ColumnAt extends Node {
        final int index;

        ColumnAt(int index, DataType type) {
            super(type);
            this.index = index;
        }

        @Override Column eval(DataFrame batch) {
            return batch.column(index);
        }
    }

    /**
     * A row-wise function of one varying input (other operands are constants folded into
     * {@code kernel}): a dictionary-encoded input is computed once per distinct value and spread by
     * index; the last dictionary's result is cached, as consecutive batches of a row group share it.
     */
    static final class Unary extends Node {
        private final Node input;
        private final UnaryOperator<Column> kernel;
        private volatile Object[] cache; // {dictionary, result}

        Unary(DataType type, Node input, UnaryOperator<Column> kernel) {
            super(type);
            this.input = input;
            this.kernel = kernel;
        }

        @Override Column eval(DataFrame batch) {
            return apply(input.eval(batch));
        }

        Column apply(Column in) {
            if (in instanceof DictionaryColumn dc) {
                Column dict = dc.dictionary();
                Object[] c = cache;
                Column perEntry;
                if (c != null && c[0] == dict) {
                    perEntry = (Column) c[1];
                } else {
                    perEntry = kernel.apply(dict);
                    cache = new Object[] {dict, perEntry};
                }
                return Vectors.gather(perEntry, dc);
            }
            return kernel.apply(in);
        }
    }

    /** A node computed by a function of the batch (kernels over several varying inputs). */
    static final class Computed extends Node {
        private final java.util.function.Function<DataFrame, Column> f;

        Computed(DataType type, java.util.function.Function<DataFrame, Column> f) {
            super(type);
            this.f = f;
        }

        @Override Column eval(DataFrame batch) {
            return f.apply(batch);
        }
    }
}
