package dev.streamingadaptive.bench.jmh;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate.Op;
import dev.streamingadaptive.predicate.OrPredicate;
import dev.streamingadaptive.predicate.RowPredicate;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * AND and OR of two comparisons over one TPC-H row group (122,880 rows; each side TRUE for about half
 * the rows, with nulls, so results mix TRUE, FALSE and UNKNOWN). {@code and}/{@code or} are the
 * predicates as a scan evaluates them (the comparisons included); {@code comparisonsOnly} is the two
 * comparisons alone, and {@code andShifted} the three-valued AND in the form the engine had before
 * (shifts on byte codes), which C2 on this machine vectorised into code about 100x slower than the
 * masks-only form. Score: rows/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class PredicateLogicBenchmark {
    static final int N = 122_880;

    DataFrame frame;
    RowPredicate left;
    RowPredicate right;
    RowPredicate and;
    RowPredicate or;
    byte[] a;
    byte[] b;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams bp) {
        SplittableRandom r = new SplittableRandom(11);
        long[] x = new long[N];
        long[] y = new long[N];
        boolean[] xNull = new boolean[N];
        boolean[] yNull = new boolean[N];
        for (int i = 0; i < N; i++) {
            x[i] = r.nextLong(100);
            y[i] = r.nextLong(100);
            xNull[i] = r.nextInt(10) == 0;
            yNull[i] = r.nextInt(10) == 0;
        }
        frame = new DataFrame(List.of(new LongColumn("x", x, N, xNull), new LongColumn("y", y, N, yNull)));
        left = new ComparisonPredicate("x", Op.LT, 50L);
        right = new ComparisonPredicate("y", Op.GE, 50L);
        and = new AndPredicate(left, right);
        or = new OrPredicate(left, right);
        a = left.evaluateAll(frame);
        b = right.evaluateAll(frame);
        byte[] fast = and.evaluateAll(frame);
        byte[] shifted = andShiftedOf(a.clone(), b);
        Sizes.check(java.util.Arrays.equals(fast, shifted), "AND forms agree");
        Sizes.record(bp, N, 2L * N, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] and() {
        return and.evaluateAll(frame);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] or() {
        return or.evaluateAll(frame);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] comparisonsOnly() {
        left.evaluateAll(frame);
        return right.evaluateAll(frame);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] andShifted() {
        return andShiftedOf(a.clone(), b);
    }

    /** The AND loop the engine had until 2026-12-07 (codes: FALSE 0, TRUE 1, UNKNOWN 2). */
    private static byte[] andShiftedOf(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            int x = a[i], y = b[i];
            int bothSet = ((x | x >> 1) & (y | y >> 1)) & 1;
            a[i] = (byte) (-bothSet & (RowPredicate.UNKNOWN >> (x & y & 1)));
        }
        return a;
    }
}
