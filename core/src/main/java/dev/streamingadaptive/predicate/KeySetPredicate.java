package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Rows whose integer or date {@code column} is one of a set of keys given as a bitmap over their range: how a join's
 * build keys too many for an IN list, but close enough together for a bitmap, filter its probe side's scan (TPC-H's
 * 1.4M order keys of Q3 at SF 10, out of a range of 60M: a 7.5 MB bitmap). Nulls never match. It prunes nothing
 * itself: the keys' range, given beside it, prunes row groups and pages.
 */
public final class KeySetPredicate extends RowPredicate {
    private final String column;
    private final LongKeySet keys;
    private final int count;

    private KeySetPredicate(String column, LongKeySet keys, int count) {
        this.column = Objects.requireNonNull(column, "column");
        this.keys = keys;
        this.count = count;
    }

    /**
     * Rows whose {@code column} (signed integers or dates as epoch days) is {@code min + i} for a bit {@code i} set in
     * {@code bits} (bit {@code i % 64} of word {@code i / 64}); the array is used as it is, not copied.
     */
    public static KeySetPredicate ofBitmap(String column, long min, long[] bits) {
        int count = 0;
        long last = Long.MIN_VALUE;
        for (int w = 0; w < bits.length; w++) {
            if (bits[w] == 0) continue;
            count += Long.bitCount(bits[w]);
            last = min + 64L * w + 63 - Long.numberOfLeadingZeros(bits[w]);
        }
        if (count == 0) throw new IllegalArgumentException("key set for " + column + " is empty");
        return new KeySetPredicate(column, new LongKeySet(min, last, bits), count);
    }

    /** The column tested. */
    public String column() { return column; }

    /** Whether {@code type} is a column type this predicate tests (signed integers and dates). */
    public static boolean supports(DataType type) {
        return ColumnFilterPredicate.testsBySet(type);
    }

    @Override
    public RowPredicate bind(Schema schema) {
        Field f = Binder.field(schema, column);
        if (!supports(f.type())) {
            throw new PredicateBindingException("a key set tests integer and date columns, not " + column + " (" + f.type() + ")");
        }
        return this;
    }

    /** Never: the keys' range, given beside this test, prunes (see the class comment). */
    @Override
    public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
        return false;
    }

    @Override
    public Boolean evaluate(DataFrame df, int row) {
        Object v = df.column(column).get(row);
        if (v == null) return null;
        long k = v instanceof LocalDate d ? d.toEpochDay() : ((Number) v).longValue();
        return keys.contains(k);
    }

    @Override
    protected byte[] evaluateBatch(DataFrame df) {
        Column c = df.column(column);
        if (c instanceof LongColumn l) return keys.test(l);
        if (c instanceof IntColumn i) return keys.test(i);
        return super.evaluateBatch(df);
    }

    @Override
    protected void collectColumns(java.util.Set<String> out) {
        out.add(column);
    }

    @Override
    public String toString() {
        return column + " IN <" + count + " keys>";
    }
}
