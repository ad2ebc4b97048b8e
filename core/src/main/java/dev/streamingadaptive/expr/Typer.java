package dev.streamingadaptive.expr;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Schema;

/** Types expressions against a schema (DuckDB's promotion rules); see {@link Expr#typeIn}. */
final class Typer {
    private Typer() {}

    static DataType typeOf(Expr e, Schema schema) {
        throw new UnsupportedOperationException("typing is not implemented yet: " + e);
    }
}
