package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.parquet.encoding.HeapGuard;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.schema.FieldPlan;

/**
 * The whole-file column of a flat fixed-width field, filled row group by row group (in any order,
 * from several threads: each writes its own row range). Reading a file this way touches the
 * result's memory once, instead of decoding into per-row-group arrays and then concatenating.
 */
public final class FlatColumnSink {
    private final FieldPlan.Primitive plan;
    private final int rows;
    private final Object values;
    private final boolean[] nulls;
    private volatile boolean anyNull;

    private FlatColumnSink(FieldPlan.Primitive plan, int rows, Object values, boolean[] nulls) {
        this.plan = plan;
        this.rows = rows;
        this.values = values;
        this.nulls = nulls;
    }

    /** A sink for this field, or null when the field is not a flat fixed-width primitive. */
    public static FlatColumnSink forField(FieldPlan field, long totalRows) {
        if (!(field instanceof FieldPlan.Primitive p) || p.node().repLevel() != 0 || totalRows > HeapGuard.MAX_ARRAY) return null;
        PhysicalType physical = p.node().element().type();
        if (p.type().kind() == DataType.Kind.FLOAT16) return null;
        int n = (int) totalRows;
        Object values = switch (physical) {
            case INT32 -> new int[HeapGuard.checkArray(n, Integer.BYTES, "column " + p.name())];
            case INT64, INT96 -> new long[HeapGuard.checkArray(n, Long.BYTES, "column " + p.name())];
            case FLOAT -> new float[HeapGuard.checkArray(n, Float.BYTES, "column " + p.name())];
            case DOUBLE -> new double[HeapGuard.checkArray(n, Double.BYTES, "column " + p.name())];
            case BOOLEAN -> new boolean[HeapGuard.checkArray(n, 1, "column " + p.name())];
            default -> null;
        };
        if (values == null) return null;
        boolean[] nulls = p.node().defLevel() > 0 ? new boolean[HeapGuard.checkArray(n, 1, "null flags of " + p.name())] : null;
        return new FlatColumnSink(p, n, values, nulls);
    }

    /** The plan of the field this sink fills. */
    public FieldPlan.Primitive plan() { return plan; }

    /** The whole-file array, for {@link ColumnChunkReader#readInto} to decode into. */
    public Object target() { return values; }

    /**
     * Places one decoded row group at rows [start, start + rows of the row group): copied from its
     * own array, or, when it was decoded into {@link #target()} (dense from {@code start} on), its
     * values spread over the rows' null gaps in place.
     */
    public void accept(LeafData leaf, int start, int rowGroupRows) {
        if (leaf.levelCount() != rowGroupRows) {
            throw new ParquetFormatException("column has " + leaf.levelCount() + " values but the row group has " + rowGroupRows + " rows");
        }
        Column dense = leaf.values();
        int[] def = leaf.defLevels();
        int max = plan.node().defLevel();
        if (raw(dense) == values) {
            int k = dense.size() - start;
            if (k == rowGroupRows) return; // no nulls: already in place
            if (def == null || k > rowGroupRows) throw new ParquetFormatException("column decoded " + k + " values for " + rowGroupRows + " rows");
            anyNull = true;
            spreadInPlace(def, max, start, rowGroupRows, k);
            return;
        }
        if (def == null || dense.size() == rowGroupRows) {
            if (dense.size() != rowGroupRows) throw new ParquetFormatException("column decoded " + dense.size() + " values for " + rowGroupRows + " rows");
            System.arraycopy(raw(dense), 0, values, start, rowGroupRows);
            return;
        }
        anyNull = true;
        int k = Gather.spreadInto(dense, def, max, rowGroupRows, values, nulls, start);
        if (k != dense.size()) throw new ParquetFormatException("column decoded " + dense.size() + " values where its levels need " + k);
    }

    /**
     * Moves the {@code k} dense values at {@code [start, start + k)} to the rows whose level is the
     * maximum, last first (a value only ever moves to a later row, so none is overwritten before it
     * moves), zeroing and flagging the null rows.
     */
    private void spreadInPlace(int[] def, int max, int start, int n, int k) {
        int present = 0;
        for (int i = 0; i < n; i++) present += def[i] == max ? 1 : 0;
        if (present != k) throw new ParquetFormatException("column decoded " + k + " values where its levels need " + present);
        int j = start + k;
        switch (values) {
            case int[] v -> { for (int i = n - 1; i >= 0; i--) { if (def[i] == max) v[start + i] = v[--j]; else { v[start + i] = 0; nulls[start + i] = true; } } }
            case long[] v -> { for (int i = n - 1; i >= 0; i--) { if (def[i] == max) v[start + i] = v[--j]; else { v[start + i] = 0; nulls[start + i] = true; } } }
            case float[] v -> { for (int i = n - 1; i >= 0; i--) { if (def[i] == max) v[start + i] = v[--j]; else { v[start + i] = 0; nulls[start + i] = true; } } }
            case double[] v -> { for (int i = n - 1; i >= 0; i--) { if (def[i] == max) v[start + i] = v[--j]; else { v[start + i] = 0; nulls[start + i] = true; } } }
            default -> throw new IllegalStateException("no in-place spread for " + values.getClass().getSimpleName());
        }
    }

    private static Object raw(Column dense) {
        return switch (dense) {
            case IntColumn c -> c.rawValues();
            case LongColumn c -> c.rawValues();
            case FloatColumn c -> c.rawValues();
            case DoubleColumn c -> c.rawValues();
            case BooleanColumn c -> c.rawValues();
            default -> throw new IllegalStateException("unexpected dense column " + dense.getClass().getSimpleName());
        };
    }

    /** The filled column (call once every row group was accepted). */
    public Column finish() {
        boolean[] n = anyNull ? nulls : null;
        String name = plan.name();
        DataType type = plan.type();
        return switch (values) {
            case int[] v -> new IntColumn(name, type, v, rows, n);
            case long[] v -> new LongColumn(name, type, v, rows, n);
            case float[] v -> new FloatColumn(name, type, v, rows, n);
            case double[] v -> new DoubleColumn(name, type, v, rows, n);
            case boolean[] v -> new BooleanColumn(name, v, rows, n);
            default -> throw new IllegalStateException();
        };
    }
}
