package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.LongColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rough ns per row of hot kernels on 10M rows in 64K-row batches; run with -Dexpr.bench=true. */
@EnabledIfSystemProperty(named = "expr.bench", matches = "true")
class EvalSpeedTest {
    @Test
    void speed() {
        int batch = 65_536, batches = 153; // ~10M rows
        Random r = new Random(1);
        long[] x = new long[batch];
        double[] a = new double[batch], b = new double[batch];
        int[] idx = new int[batch];
        for (int i = 0; i < batch; i++) {
            x[i] = r.nextInt(10);
            a[i] = r.nextDouble();
            b[i] = r.nextDouble();
            idx[i] = r.nextInt(4);
        }
        byte[] dict = "AAPLMSFTXGOOG".getBytes(StandardCharsets.UTF_8);
        Column sym = new DictionaryColumn("sym", new BinaryColumn("sym", DataType.STRING, new int[] {0, 4, 8, 9, 13}, dict, 4, null), idx, batch, null);
        DataFrame df = new DataFrame(List.of(new LongColumn("x", x, batch, null), new DoubleColumn("a", a, batch, null),
                new DoubleColumn("b", b, batch, null), sym));
        for (Expr e : List.of(col("x").gt(lit(5)), col("a").mul(col("b")), col("sym").eq(lit("X")), col("x").add(lit(1)),
                col("x").gt(5).and(col("a").lt(0.5)), col("x").isIn(1, 3, 7))) {
            CompiledExpression ce = ExpressionCompiler.compile(e, df.schema());
            for (int w = 0; w < 30; w++) ce.evaluate(df);
            long t0 = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < batches; i++) sink += ce.evaluate(df).size();
            double ns = (System.nanoTime() - t0) / (double) sink;
            assertEquals((long) batch * batches, sink);
            System.out.printf("SPEED %-40s %.2f ns/row%n", e, ns);
        }
    }
}
