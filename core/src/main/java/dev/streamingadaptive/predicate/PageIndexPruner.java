package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnIndex;
import dev.streamingadaptive.parquet.meta.MetadataParser;
import dev.streamingadaptive.parquet.meta.OffsetIndex;
import dev.streamingadaptive.parquet.meta.PageLocation;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.parquet.schema.TypeMapper;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Page-level pruning (the Parquet page index): from each predicate column's {@code ColumnIndex}
 * (per-page min/max, null pages, null counts) and {@code OffsetIndex} (each page's first row),
 * computes the rows of a row group that may match, so a reader can skip the other pages.
 *
 * <p>The answer is conservative: a row outside the returned {@link RowRanges} can never make the
 * predicate TRUE, but rows inside may still fail it (the predicate is evaluated on them as usual).
 * AND intersects, OR unites, NOT is pushed down to the leaves (De Morgan, {@code NOT x < c} as
 * {@code x >= c}, {@code NOT x IN (..)} as a conjunction of {@code !=}, flipped null tests): in
 * three-valued logic NOT p is TRUE exactly where p is FALSE, and a comparison is FALSE only on a
 * non-null value, where values are totally ordered (NaN highest), so the rewrite is exact.
 * Everything this class cannot reason about (columns without a page index, nested columns, types
 * whose order is not modelled, literals of another kind, malformed indexes, indexes that contradict
 * themselves or the schema such as null pages in a required column or negative null counts)
 * yields all rows; it never throws.
 *
 * <p>Value order follows {@link ComparisonPredicate#shouldSkipRowGroup}: signed integers
 * (INT8–INT64), FLOAT/DOUBLE (NaN sorts above every number and writers leave it out of max, so
 * only operators NaN cannot satisfy prune), strings (and BINARY with a {@code byte[]} literal) as
 * unsigned bytes, booleans false &lt; true. Other types (decimals, temporal, unsigned, FLOAT16...)
 * are pruned by null pages / null counts only.
 */
public final class PageIndexPruner {
    private static final System.Logger LOG = System.getLogger(PageIndexPruner.class.getName());
    /** The first malformed index is a warning; later ones only debug noise. */
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private PageIndexPruner() {}

    /**
     * The rows of {@code rg} for which {@code predicate} may be TRUE, judged from the page indexes;
     * {@code RowRanges.all(rg.numRows())} when nothing can be pruned (or {@code rg.file()} is null).
     */
    public static RowRanges matchingRows(RowPredicate predicate, RowGroupMetadata rg) {
        RowRanges all = RowRanges.all(rg.numRows());
        if (predicate == null || all.isEmpty() || rg.file() == null) return all;
        try {
            return new Evaluation(rg, all).rows(predicate, false);
        } catch (RuntimeException e) {
            // Safety net: pruning is an optimisation and must never fail a read.
            malformed(rg, String.valueOf(predicate.columns()), e);
            return all;
        }
    }

    /**
     * The validated offset index (page locations) of the leaf column at {@code dottedPath} (a flat
     * column's name), or null when the chunk has none, {@code rg.file()} is null, or the index is
     * malformed: unreadable, no pages, first page not at row 0, first rows decreasing or past the
     * row group, or page byte ranges outside the file.
     */
    public static OffsetIndex offsetIndex(RowGroupMetadata rg, String dottedPath) {
        try {
            SchemaNode leaf = rg.leaf(dottedPath);
            if (leaf == null || leaf.leafIndex() >= rg.rowGroup().columns().size()) return null;
            return readOffsetIndex(rg, rg.rowGroup().columns().get(leaf.leafIndex()), dottedPath);
        } catch (RuntimeException e) {
            malformed(rg, dottedPath, e);
            return null;
        }
    }

    private static OffsetIndex readOffsetIndex(RowGroupMetadata rg, ColumnChunk chunk, String column) {
        MemorySegment file = rg.file();
        if (file == null || chunk.encrypted() || chunk.filePath() != null
                || chunk.offsetIndexOffset() == null || chunk.offsetIndexLength() == null) return null;
        OffsetIndex oi;
        try {
            oi = MetadataParser.parseOffsetIndex(file, chunk.offsetIndexOffset(), chunk.offsetIndexLength());
        } catch (RuntimeException e) {
            malformed(rg, column, e);
            return null;
        }
        String problem = check(oi, rg.numRows(), file.byteSize());
        if (problem != null) {
            malformed(rg, column, new IllegalArgumentException("offset index: " + problem));
            return null;
        }
        return oi;
    }

    private static String check(OffsetIndex oi, long numRows, long fileSize) {
        List<PageLocation> pages = oi.pageLocations();
        if (pages.isEmpty()) return "no pages";
        long previous = 0;
        for (int i = 0; i < pages.size(); i++) {
            PageLocation p = pages.get(i);
            if (i == 0 && p.firstRowIndex() != 0) return "first page starts at row " + p.firstRowIndex();
            if (p.firstRowIndex() < previous || p.firstRowIndex() > numRows) {
                return "page " + i + " starts at row " + p.firstRowIndex() + " (previous " + previous + ", rows " + numRows + ")";
            }
            if (p.offset() < 0 || p.compressedPageSize() <= 0 || p.compressedPageSize() > fileSize - p.offset()) {
                return "page " + i + " at [" + p.offset() + ", +" + p.compressedPageSize() + ") lies outside the " + fileSize + "-byte file";
            }
            previous = p.firstRowIndex();
        }
        return null;
    }

    private static void malformed(RowGroupMetadata rg, String column, Throwable e) {
        boolean first = WARNED.compareAndSet(false, true);
        LOG.log(first ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                () -> "ignoring the page index of column " + column + " in row group " + rg.index()
                        + (rg.fileName() == null ? "" : " of " + rg.fileName()) + ": " + e.getMessage()
                        + (first ? " (further page index problems are logged at DEBUG)" : ""));
    }

    // ================================================================== evaluation

    /** How page bounds are decoded and compared. */
    private enum Order { INTEGER, FLOAT32, FLOAT64, STRING, BINARY, BOOLEAN, NONE }

    /** One column's page index, decoded. Bounds are null where unusable (null page, NaN, bad length). */
    private record Pages(Order order, long[] firstRow, boolean[] nullPage, long[] nullCount, Object[] min, Object[] max) {
        int count() { return nullPage.length; }

        long rows(int page) { return firstRow[page + 1] - firstRow[page]; }

        /** Every row of the page is null: no comparison can be TRUE there. */
        boolean allNull(int page) {
            return nullPage[page] || (nullCount[page] >= 0 && nullCount[page] >= rows(page));
        }

        boolean floating() { return order == Order.FLOAT32 || order == Order.FLOAT64; }
    }

    /** Per-call state: the parsed page indexes of the columns seen so far. */
    private static final class Evaluation {
        private static final Pages NO_INDEX = new Pages(Order.NONE, new long[0], new boolean[0], new long[0], new Object[0], new Object[0]);

        private final RowGroupMetadata rg;
        private final RowRanges all;
        private final Map<String, Pages> pages = new HashMap<>();

        Evaluation(RowGroupMetadata rg, RowRanges all) {
            this.rg = rg;
            this.all = all;
        }

        /** Rows where {@code p} (or, when {@code negated}, NOT p) may be TRUE. */
        RowRanges rows(RowPredicate p, boolean negated) {
            return switch (p) {
                case AndPredicate a -> negated ? either(a.left(), a.right(), true) : both(a.left(), a.right(), false);
                case OrPredicate o -> negated ? both(o.left(), o.right(), true) : either(o.left(), o.right(), false);
                case NotPredicate n -> rows(n.inner(), !negated);
                case ComparisonPredicate c -> comparison(c.column(), negated ? negate(c.op()) : c.op(), List.of(c.value()), false);
                // NOT (x IN (a, b)) is x != a AND x != b.
                case ColumnFilterPredicate f -> negated
                        ? comparison(f.column(), ComparisonPredicate.Op.NE, f.values(), true)
                        : comparison(f.column(), ComparisonPredicate.Op.EQ, f.values(), false);
                case NullPredicate n -> nulls(n.column(), n.isNull() != negated);
                default -> all;
            };
        }

        private RowRanges both(RowPredicate l, RowPredicate r, boolean negated) {
            RowRanges left = rows(l, negated);
            return left.isEmpty() ? left : left.intersect(rows(r, negated));
        }

        private RowRanges either(RowPredicate l, RowPredicate r, boolean negated) {
            RowRanges left = rows(l, negated);
            return left.equals(all) ? left : left.union(rows(r, negated));
        }

        private static ComparisonPredicate.Op negate(ComparisonPredicate.Op op) {
            // Values are totally ordered (NaN highest), so NOT (x < c) is x >= c for every non-null x.
            return switch (op) {
                case EQ -> ComparisonPredicate.Op.NE;
                case NE -> ComparisonPredicate.Op.EQ;
                case LT -> ComparisonPredicate.Op.GE;
                case LE -> ComparisonPredicate.Op.GT;
                case GT -> ComparisonPredicate.Op.LE;
                case GE -> ComparisonPredicate.Op.LT;
            };
        }

        /** Pages where {@code column op v} may hold for any (or, with {@code every}, every) v. */
        private RowRanges comparison(String column, ComparisonPredicate.Op op, List<Object> literals, boolean every) {
            Pages pg = pages(column);
            if (pg == NO_INDEX) return all;
            RowRanges.Builder b = new RowRanges.Builder(pg.count());
            for (int i = 0; i < pg.count(); i++) {
                boolean keep = every;
                for (Object v : literals) {
                    boolean may = mayMatch(pg, i, op, v);
                    if (may != every) {
                        keep = may;
                        break;
                    }
                }
                if (keep) b.addInOrder(pg.firstRow()[i], pg.firstRow()[i + 1]);
            }
            return b.build();
        }

        private RowRanges nulls(String column, boolean isNull) {
            Pages pg = pages(column);
            if (pg == NO_INDEX) return all;
            RowRanges.Builder b = new RowRanges.Builder(pg.count());
            for (int i = 0; i < pg.count(); i++) {
                boolean keep = isNull ? pg.nullPage()[i] || pg.nullCount()[i] != 0 : !pg.allNull(i);
                if (keep) b.addInOrder(pg.firstRow()[i], pg.firstRow()[i + 1]);
            }
            return b.build();
        }

        private Pages pages(String column) {
            return pages.computeIfAbsent(column, this::load);
        }

        private Pages load(String column) {
            SchemaNode leaf = null;
            for (SchemaNode l : rg.schema().leaves()) {
                if (l.path().size() == 1 && l.name().equals(column)) leaf = l;
            }
            // Rows and values coincide only in flat columns.
            if (leaf == null || leaf.repLevel() > 0 || leaf.leafIndex() >= rg.rowGroup().columns().size()) return NO_INDEX;
            ColumnChunk chunk = rg.rowGroup().columns().get(leaf.leafIndex());
            if (chunk.columnIndexOffset() == null || chunk.columnIndexLength() == null
                    || chunk.metaData() == null || chunk.metaData().type() != leaf.element().type()) return NO_INDEX;
            OffsetIndex oi = readOffsetIndex(rg, chunk, column);
            if (oi == null) return NO_INDEX;
            ColumnIndex ci;
            try {
                ci = MetadataParser.parseColumnIndex(rg.file(), chunk.columnIndexOffset(), chunk.columnIndexLength());
            } catch (RuntimeException e) {
                malformed(rg, column, e);
                return NO_INDEX;
            }
            int n = oi.pageLocations().size();
            if (ci.nullPages().size() != n || ci.minValues().size() != n || ci.maxValues().size() != n
                    || (ci.nullCounts() != null && ci.nullCounts().size() != n)) {
                malformed(rg, column, new IllegalArgumentException("column index lists " + ci.nullPages().size() + "/"
                        + ci.minValues().size() + "/" + ci.maxValues().size() + " entries for " + n + " pages"));
                return NO_INDEX;
            }
            long[] firstRow = new long[n + 1];
            for (int i = 0; i < n; i++) firstRow[i] = oi.pageLocations().get(i).firstRowIndex();
            firstRow[n] = rg.numRows();
            boolean[] nullPage = new boolean[n];
            long[] nullCount = new long[n];
            Object[] min = new Object[n];
            Object[] max = new Object[n];
            Order order = order(leaf);
            // A required column has no nulls; a chunk whose statistics count none has no null page.
            Long chunkNulls = chunk.metaData().statistics() == null ? null : chunk.metaData().statistics().nullCount();
            boolean noNulls = leaf.defLevel() == 0 || Long.valueOf(0).equals(chunkNulls);
            for (int i = 0; i < n; i++) {
                nullPage[i] = Boolean.TRUE.equals(ci.nullPages().get(i));
                Long nc = ci.nullCounts() == null ? null : ci.nullCounts().get(i);
                nullCount[i] = nc == null ? -1 : nc;  // -1: unknown (absence is not zero)
                long rows = firstRow[i + 1] - firstRow[i];
                // parquet-mr writes null_pages = true with null_counts = -1 when it kept no statistics
                // (datapage_v1-*-checksum.parquet): such an index says nothing, so none of it is trusted.
                String problem = nc != null && nc < 0 ? "negative null count " + nc
                        : nc != null && nc > rows ? "null count " + nc + " exceeds the " + rows + " rows"
                        : nullPage[i] && noNulls ? "null page in a column without nulls"
                        : nullPage[i] && nc != null && nc != rows ? "null page with " + nc + " nulls in " + rows + " rows"
                        : noNulls && nc != null && nc > 0 ? nc + " nulls in a column without nulls"
                        : null;
                if (problem != null) {
                    malformed(rg, column, new IllegalArgumentException("column index page " + i + ": " + problem));
                    return NO_INDEX;
                }
                if (!nullPage[i]) {
                    min[i] = decode(order, ci.minValues().get(i));
                    max[i] = decode(order, ci.maxValues().get(i));
                }
            }
            return new Pages(order, firstRow, nullPage, nullCount, min, max);
        }
    }

    private static Order order(SchemaNode leaf) {
        PhysicalType physical = leaf.element().type();
        DataType type = TypeMapper.map(leaf.element());
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64 ->
                    physical == PhysicalType.INT32 || physical == PhysicalType.INT64 ? Order.INTEGER : Order.NONE;
            case FLOAT32 -> physical == PhysicalType.FLOAT ? Order.FLOAT32 : Order.NONE;
            case FLOAT64 -> physical == PhysicalType.DOUBLE ? Order.FLOAT64 : Order.NONE;
            case STRING -> physical == PhysicalType.BYTE_ARRAY ? Order.STRING : Order.NONE;
            case BINARY -> physical == PhysicalType.BYTE_ARRAY ? Order.BINARY : Order.NONE;
            case BOOLEAN -> physical == PhysicalType.BOOLEAN ? Order.BOOLEAN : Order.NONE;
            default -> Order.NONE;
        };
    }

    /** A page bound as Long, Double, byte[] or Boolean; null when it cannot serve as a bound. */
    private static Object decode(Order order, byte[] b) {
        if (b == null) return null;
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return switch (order) {
            case INTEGER -> b.length == 4 ? (Object) (long) buf.getInt() : b.length == 8 ? (Object) buf.getLong() : null;
            case FLOAT32 -> {
                if (b.length != 4) yield null;
                float f = buf.getFloat();
                yield Float.isNaN(f) ? null : (Object) (double) f;
            }
            case FLOAT64 -> {
                if (b.length != 8) yield null;
                double d = buf.getDouble();
                yield Double.isNaN(d) ? null : (Object) d;
            }
            case STRING, BINARY -> b;
            case BOOLEAN -> b.length == 1 && (b[0] == 0 || b[0] == 1) ? (Object) (b[0] == 1) : null;
            case NONE -> null;
        };
    }

    /** Whether {@code x op literal} may be TRUE for some row of page {@code i}. */
    private static boolean mayMatch(Pages pg, int i, ComparisonPredicate.Op op, Object literal) {
        if (pg.rows(i) == 0 || pg.allNull(i)) return false;
        Object lo = pg.min()[i];
        Object hi = pg.max()[i];
        if (lo == null || hi == null) return true;
        boolean nanLiteral = literal instanceof Double d && d.isNaN() || literal instanceof Float f && f.isNaN();
        // NaN rows are not covered by the max bound of floating columns: only ops NaN cannot satisfy may prune.
        if (pg.floating() && (nanLiteral || op == ComparisonPredicate.Op.GT || op == ComparisonPredicate.Op.GE
                || op == ComparisonPredicate.Op.NE)) return true;
        Integer minCmp = compare(pg.order(), lo, literal);
        Integer maxCmp = compare(pg.order(), hi, literal);
        if (minCmp == null || maxCmp == null) return true;
        return switch (op) {
            case EQ -> minCmp <= 0 && maxCmp >= 0;
            // min == max == literal pins every non-null value of the page to the literal.
            case NE -> minCmp != 0 || maxCmp != 0;
            case LT -> minCmp < 0;
            case LE -> minCmp <= 0;
            case GT -> maxCmp > 0;
            case GE -> maxCmp >= 0;
        };
    }

    /**
     * Sign of bound versus literal, or null when they do not compare. Numbers are compared in every
     * way a reader may (our row filter's {@link Values#compare}, exact decimal arithmetic, and for
     * FLOAT columns the literal rounded to float, which is what DuckDB does): if the ways disagree
     * the answer is null, so a page is never pruned on a rounding artefact.
     */
    private static Integer compare(Order order, Object bound, Object literal) {
        return switch (order) {
            case INTEGER, FLOAT64, FLOAT32 -> {
                if (!(literal instanceof Number n) || !(bound instanceof Number b)) yield null;
                Integer rowFilter;
                try {
                    rowFilter = Values.compare(b, n);
                } catch (RuntimeException e) {
                    yield null;
                }
                Integer exact = exactCompare(b, n);
                if (rowFilter == null || exact == null || Integer.signum(rowFilter) != exact) yield null;
                if (order == Order.FLOAT32 && compareFloats((float) b.doubleValue(), (float) n.doubleValue()) != exact) yield null;
                yield exact;
            }
            case STRING -> literal instanceof String s && bound instanceof byte[] b
                    ? Integer.signum(Arrays.compareUnsigned(b, s.getBytes(StandardCharsets.UTF_8))) : null;
            case BINARY -> literal instanceof byte[] l && bound instanceof byte[] b
                    ? Integer.signum(Arrays.compareUnsigned(b, l)) : null;
            case BOOLEAN -> literal instanceof Boolean l && bound instanceof Boolean b ? Integer.signum(Boolean.compare(b, l)) : null;
            case NONE -> null;
        };
    }

    /** Exact order of two numbers: -inf &lt; finite (as decimals, -0 = 0) &lt; +inf &lt; NaN; null for unknown Number types. */
    private static Integer exactCompare(Number a, Number b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra < 0 || rb < 0) return null;
        if (ra != rb) return Integer.compare(ra, rb);
        if (ra != 1) return 0;
        return Integer.signum(decimal(a).compareTo(decimal(b)));
    }

    /** 0 = -inf, 1 = finite, 2 = +inf, 3 = NaN, -1 = unknown Number type. */
    private static int rank(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isNaN(d) ? 3 : d == Double.POSITIVE_INFINITY ? 2 : d == Double.NEGATIVE_INFINITY ? 0 : 1;
        }
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal ? 1 : -1;
    }

    private static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> new BigDecimal(d);
            case Float f -> new BigDecimal(f.doubleValue());
            default -> BigDecimal.valueOf(n.longValue());
        };
    }

    /** Float order with NaN highest and -0 = 0, as DuckDB compares. */
    private static int compareFloats(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) return Boolean.compare(Float.isNaN(a), Float.isNaN(b));
        return a == b ? 0 : a < b ? -1 : 1;
    }
}
