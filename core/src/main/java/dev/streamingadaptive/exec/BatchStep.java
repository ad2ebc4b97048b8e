package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.eval.CompiledExpression;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.exec.eval.Filter;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A stateless, row-wise operator compiled for one input schema: filter, select or withColumns.
 * Instances are immutable and shared by the worker threads of a pipeline.
 */
interface BatchStep {
    DataFrame apply(DataFrame batch);

    /** Keeps the rows where {@code predicate} is true. */
    static BatchStep filter(Expr predicate, Schema input) {
        CompiledExpression p = ExpressionCompiler.compile(predicate, input);
        return batch -> Filter.apply(batch, p);
    }

    /** Exactly the columns {@code exprs} compute. */
    static BatchStep select(List<Expr> exprs, Schema input) {
        List<CompiledExpression> compiled = compileAll(exprs, input);
        return batch -> {
            List<Column> out = new ArrayList<>(compiled.size());
            for (CompiledExpression c : compiled) out.add(c.evaluate(batch));
            return new DataFrame(out, batch.height());
        };
    }

    /** The input's columns with the computed ones replacing same-named columns or appended. */
    static BatchStep withColumns(List<Expr> exprs, Schema input, Schema output) {
        List<CompiledExpression> compiled = compileAll(exprs, input);
        return batch -> {
            List<Column> out = new ArrayList<>(batch.columns());
            for (CompiledExpression c : compiled) {
                Column v = c.evaluate(batch);
                int at = input.indexOf(c.name());
                if (at >= 0) out.set(at, v);
                else out.add(v);
            }
            return new DataFrame(out, batch.height());
        };
    }

    private static List<CompiledExpression> compileAll(List<Expr> exprs, Schema input) {
        List<CompiledExpression> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) out.add(ExpressionCompiler.compile(e, input));
        return out;
    }
}
