package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.Statistics;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.parquet.schema.TypeMapper;

/**
 * The exact smallest and largest non-null value of a flat column in one row group, from its
 * statistics: what {@code min()}/{@code max()} over the column may take without reading data.
 * Values are what {@link dev.streamingadaptive.frame.Column#get} returns (byte[] for strings and
 * other byte-ordered columns).
 *
 * <p>Pruning may use truncated bounds; an answer may not, so this is stricter than {@link MinMax}:
 * both bounds present and not marked inexact; for byte-ordered columns (strings, binary, UUID) both
 * explicitly marked exact, since writers truncate long strings without always saying so; never for
 * floating-point columns (NaN sorts above every number but is left out of the bounds, and -0.0 and
 * 0.0 compare equal) or 64-bit unsigned ones.
 *
 * @param min null only for {@link #EMPTY}
 * @param max null only for {@link #EMPTY}
 */
public record ColumnBounds(Object min, Object max) {
    /** No non-null value: adds nothing to a min or max. */
    public static final ColumnBounds EMPTY = new ColumnBounds(null, null);

    /** The bounds of {@code column} in this row group, or null when its statistics cannot answer. */
    public static ColumnBounds exact(RowGroupMetadata rg, String column) {
        if (rg.numRows() == 0) return EMPTY;
        SchemaNode leaf = rg.leaf(column);
        if (leaf == null || leaf.path().size() != 1 || leaf.repLevel() > 0) return null;
        DataType type = TypeMapper.map(leaf.element());
        if (!answerable(type)) return null;
        MinMax m = MinMax.of(rg, column);
        if (m == null) return null;
        if (m.allNull()) return EMPTY;
        if (m.min() == null || m.max() == null || !m.exact()) return null;
        if (m.min() instanceof byte[] && type.kind() != DataType.Kind.DECIMAL) {
            ColumnChunk chunk = rg.column(column);
            Statistics s = chunk.metaData().statistics();
            if (!Boolean.TRUE.equals(s.isMinValueExact()) || !Boolean.TRUE.equals(s.isMaxValueExact())) return null;
        }
        return new ColumnBounds(m.min(), m.max());
    }

    private static boolean answerable(DataType type) {
        return switch (type.kind()) {
            case FLOAT16, FLOAT32, FLOAT64, UINT64, INTERVAL -> false;
            default -> true;
        };
    }

    /** The bounds of both row groups together. */
    public ColumnBounds merge(ColumnBounds other) {
        if (this == EMPTY || min == null) return other;
        if (other == EMPTY || other.min == null) return this;
        return new ColumnBounds(MinMax.compareValues(other.min, min) < 0 ? other.min : min,
                MinMax.compareValues(other.max, max) > 0 ? other.max : max);
    }
}
