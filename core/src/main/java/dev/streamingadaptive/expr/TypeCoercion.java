package dev.streamingadaptive.expr;

import dev.streamingadaptive.frame.DataType;

/** The type promotions expressions use, for operators that compare values of two inputs (join keys). */
public final class TypeCoercion {
    private TypeCoercion() {}

    /**
     * The smallest type values of both types compare in (int32 with int64 is int64, an integer with a
     * decimal a decimal, strings with enums strings, dates with timestamps timestamps), or null when
     * there is none (a string with a number).
     */
    public static DataType common(DataType a, DataType b) {
        return Types.common(a, b);
    }
}
