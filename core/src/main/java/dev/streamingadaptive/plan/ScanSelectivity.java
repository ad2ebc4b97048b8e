package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.BinaryExpr;
import dev.streamingadaptive.expr.BinaryOperator;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.FunctionCall;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.expr.ScalarFunction;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.MetadataParser;
import dev.streamingadaptive.parquet.meta.PageHeader;
import dev.streamingadaptive.parquet.meta.PageType;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.predicate.ColumnBounds;
import dev.streamingadaptive.predicate.RowGroupMetadata;
import dev.streamingadaptive.reader.ParallelStreamReader;
import dev.streamingadaptive.scan.ParquetFile;
import dev.streamingadaptive.scan.RowGroupPruning;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The share of a Parquet scan's rows its filter keeps, estimated for ordering joins ({@link JoinOrder}), from the
 * footers and dictionary page headers of (a sample of) its files; conjuncts are taken as independent:
 * <ul>
 *   <li>a range on a numeric or temporal column ({@code <}, {@code <=}, {@code >}, {@code >=}, {@code BETWEEN} with
 *       literals; the bounds of one column intersected) keeps the part of the column's min..max it covers (values
 *       taken as uniform);</li>
 *   <li>{@code x = literal} or {@code x IN (k literals)} on a dictionary-encoded column keeps {@code k} of its
 *       distinct values, the entries of its largest dictionary;</li>
 *   <li>anything else keeps a fifth (DuckDB's default; {@link JoinBuildSide}'s half per filter made TPC-H Q9's
 *       {@code p_name LIKE '%green%'}, a twentieth of the parts, keep half of them).</li>
 * </ul>
 * With a half for every filter, TPC-H Q5 joined lineitem with an Asian region's suppliers first (a fifth of the lines)
 * and probed a year of orders (a seventh) with them; Q8 read lineitem against two years of American orders before
 * one part type of 150.
 */
final class ScanSelectivity {
    private ScanSelectivity() {}

    /** What a filter the estimate cannot read keeps. */
    static final double UNKNOWN = 0.2;

    /** The estimated share of {@code s}'s rows that its filter keeps (1 without one). */
    static double of(ScanNode s) {
        if (s.predicate() == null) return 1;
        if (!(s.source() instanceof ParquetSource source)) return UNKNOWN;
        Map<String, double[]> ranges = new LinkedHashMap<>();
        Map<String, Integer> equalities = new LinkedHashMap<>();
        boolean other = false;
        for (Expr c : ScanFilter.conjuncts(s.predicate())) other |= !addRange(c, ranges) && !addEquality(c, equalities);
        if (ranges.isEmpty() && equalities.isEmpty()) return UNKNOWN;
        Footers footers = Footers.of(source, ranges.keySet(), equalities.keySet());
        double share = other ? UNKNOWN : 1;
        for (var e : ranges.entrySet()) {
            double[] b = footers.bounds.get(e.getKey()), r = e.getValue();
            if (b == null || !(b[1] > b[0])) {
                share *= UNKNOWN;
                continue;
            }
            double covered = Math.min(r[1], b[1]) - Math.max(r[0], b[0]);
            share *= Math.min(1, covered / (b[1] - b[0]));
        }
        for (var e : equalities.entrySet()) {
            Long distinct = footers.distinct.get(e.getKey());
            share *= distinct == null || distinct <= 0 ? UNKNOWN : Math.min(1, e.getValue() / (double) distinct);
        }
        // A floor: a filter that keeps nothing in the estimate would order joins by nothing.
        return Math.max(1e-4, share);
    }

    /** Counts conjunct {@code c}'s literals when it is {@code column = literal} or {@code column IN (literals)}. */
    private static boolean addEquality(Expr c, Map<String, Integer> equalities) {
        String column = null;
        int values = 0;
        if (c instanceof BinaryExpr(BinaryOperator op, Expr l, Expr r) && op == BinaryOperator.EQ) {
            if (l instanceof ColumnRef(String name) && r instanceof Literal) column = name;
            if (r instanceof ColumnRef(String name) && l instanceof Literal) column = name;
            values = 1;
        } else if (c instanceof FunctionCall(ScalarFunction f, List<Expr> args) && f == ScalarFunction.IS_IN
                && args.get(0) instanceof ColumnRef(String name)) {
            for (Expr a : args.subList(1, args.size())) if (!(a instanceof Literal)) return false;
            column = name;
            values = args.size() - 1;
        }
        if (column == null) return false;
        equalities.merge(column, values, Math::min); // two on one column keep at most the fewer values
        return true;
    }

    /** Intersects {@code ranges} with conjunct {@code c} when it is a range of a column; false when it is not one. */
    private static boolean addRange(Expr c, Map<String, double[]> ranges) {
        String column;
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        if (c instanceof FunctionCall(ScalarFunction f, List<Expr> args) && f == ScalarFunction.IS_BETWEEN
                && args.get(0) instanceof ColumnRef(String name) && args.get(1) instanceof Literal low && args.get(2) instanceof Literal high) {
            column = name;
            lo = number(low.value());
            hi = number(high.value());
        } else if (c instanceof BinaryExpr(BinaryOperator op, Expr l, Expr r)) {
            BinaryOperator o = op;
            Literal value;
            if (l instanceof ColumnRef(String name) && r instanceof Literal v) {
                column = name;
                value = v;
            } else if (r instanceof ColumnRef(String name) && l instanceof Literal v) {
                column = name;
                value = v;
                o = op.flip();
            } else {
                return false;
            }
            double v = number(value.value());
            switch (o) {
                case LT, LE -> hi = v;
                case GT, GE -> lo = v;
                default -> { return false; }
            }
        } else {
            return false;
        }
        if (Double.isNaN(lo) || Double.isNaN(hi)) return false;
        double[] range = ranges.computeIfAbsent(column, k -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
        range[0] = Math.max(range[0], lo);
        range[1] = Math.min(range[1], hi);
        return true;
    }

    /** What the footers say of some columns: {min, max} on a number line, and the most dictionary entries of a chunk. */
    private record Footers(Map<String, double[]> bounds, Map<String, Long> distinct) {

        /** Files and row groups read for them: a sample, the share is an estimate. */
        private static final int MAX_FILES = 8, MAX_DICTIONARIES = 4;

        static Footers of(ParquetSource source, Set<String> ranged, Set<String> equated) {
            Footers out = new Footers(new LinkedHashMap<>(), new LinkedHashMap<>());
            List<Path> files;
            try (ParallelStreamReader r = source.open()) {
                files = r.filesToRead();
            } catch (RuntimeException e) {
                return out;
            }
            Map<String, ColumnBounds> merged = new LinkedHashMap<>();
            for (String c : ranged) merged.put(c, ColumnBounds.EMPTY);
            int dictionaries = 0;
            for (Path path : files.subList(0, Math.min(files.size(), MAX_FILES))) {
                try (ParquetFile file = ParquetFile.open(path)) {
                    for (int g = 0; g < file.numRowGroups(); g++) {
                        var rg = file.rowGroupMetadata(g);
                        for (var e : merged.entrySet()) {
                            if (e.getValue() == null) continue;
                            ColumnBounds b = ColumnBounds.exact(rg, e.getKey());
                            e.setValue(b == null ? null : e.getValue().merge(b));
                        }
                        if (dictionaries++ < MAX_DICTIONARIES) {
                            for (String c : equated) {
                                long n = dictionaryEntries(rg, c);
                                if (n > out.distinct.getOrDefault(c, 0L)) out.distinct.put(c, n);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    return out; // an estimate never fails a query: the scan reports (or skips) the file when it runs
                }
            }
            for (var e : merged.entrySet()) {
                ColumnBounds b = e.getValue();
                if (b == null || b.min() == null) continue;
                double min = number(b.min()), max = number(b.max());
                if (!Double.isNaN(min) && !Double.isNaN(max)) out.bounds.put(e.getKey(), new double[] {min, max});
            }
            return out;
        }

        /** The entries of a wholly dictionary-encoded chunk's dictionary (its distinct values), or -1. */
        private static long dictionaryEntries(RowGroupMetadata rg, String column) {
            SchemaNode leaf = rg.leaf(column);
            if (leaf == null || leaf.repLevel() != 0 || leaf.path().size() != 1) return -1;
            ColumnMetaData md = rg.rowGroup().columns().get(leaf.leafIndex()).metaData();
            if (md == null || !RowGroupPruning.onlyDictionaryPages(md)) return -1;
            long start = md.chunkStartOffset(), end = Math.min(rg.file().byteSize(), start + Math.max(0, md.totalCompressedSize()));
            if (start < 4 || start >= end) return -1;
            PageHeader h;
            try {
                h = MetadataParser.parsePageHeader(rg.file(), start, end);
            } catch (RuntimeException e) {
                return -1;
            }
            return h.type() == PageType.DICTIONARY_PAGE && h.dictionaryPageHeader() != null ? h.dictionaryPageHeader().numValues() : -1;
        }
    }

    /** A value on a number line (days for dates, seconds for timestamps); NaN for values without one. */
    private static double number(Object v) {
        return switch (v) {
            case BigDecimal d -> d.doubleValue();
            case Number n -> n.doubleValue();
            case LocalDate d -> d.toEpochDay();
            case LocalDateTime t -> t.toEpochSecond(ZoneOffset.UTC);
            case Instant i -> i.getEpochSecond();
            case null, default -> Double.NaN;
        };
    }
}
