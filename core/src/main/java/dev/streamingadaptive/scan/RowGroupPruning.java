package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.Encoding;
import dev.streamingadaptive.parquet.meta.PageEncodingStats;
import dev.streamingadaptive.parquet.meta.PageType;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.BloomFilterPruning;
import dev.streamingadaptive.predicate.OrPredicate;
import dev.streamingadaptive.predicate.PageIndexPruner;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.predicate.RowGroupMetadata;
import dev.streamingadaptive.predicate.RowPredicate;
import dev.streamingadaptive.predicate.RowRanges;

import java.util.List;
import java.util.Set;

/**
 * Decides whether a row group can be skipped, cheapest evidence first: footer statistics, then
 * bloom filters, then dictionaries (which cost decoding one page per column), then the page
 * index, which may also narrow a row group that is read to the row ranges that can match.
 */
public final class RowGroupPruning {
    private RowGroupPruning() {}

    /** Why a row group is read or skipped. */
    public enum Verdict { READ, STATISTICS, BLOOM_FILTER, DICTIONARY, PAGE_INDEX }

    /**
     * The verdict, and for a row group that is read, the rows its page index leaves (null: all).
     */
    public record Decision(Verdict verdict, RowRanges rows) {}

    static Decision check(ParquetFile file, int group, PredicatePushdown predicate, RowPredicate rowPredicate, boolean verify) {
        RowGroup rg = file.metadata().rowGroups().get(group);
        RowGroupMetadata meta = file.rowGroupMetadata(group);
        if (predicate.shouldSkipRowGroup(meta)) return new Decision(Verdict.STATISTICS, null);
        if (rowPredicate == null) return new Decision(Verdict.READ, null);
        if (BloomFilterPruning.excludes(rowPredicate, meta)) return new Decision(Verdict.BLOOM_FILTER, null);
        if (dictionaryExcludes(rowPredicate, file, group, meta, verify)) return new Decision(Verdict.DICTIONARY, null);
        RowRanges rows = PageIndexPruner.matchingRows(rowPredicate, meta);
        if (rows.isEmpty()) return new Decision(Verdict.PAGE_INDEX, null);
        return new Decision(Verdict.READ, rows.rowCount() >= rg.numRows() ? null : rows);
    }

    /**
     * True when the dictionaries prove no row can match: a single-column predicate is evaluated on
     * every distinct value of a fully dictionary-encoded chunk (and on null when the chunk may
     * hold nulls); AND needs one side excluded, OR both.
     */
    static boolean dictionaryExcludes(RowPredicate p, ParquetFile file, int group, RowGroupMetadata meta, boolean verify) {
        Set<String> cols = p.columns();
        // A predicate on one column is judged whole (x >= 'a' AND x < 'b' may exclude where neither half does).
        if (cols.size() != 1) {
            if (p instanceof AndPredicate a) {
                return dictionaryExcludes(a.left(), file, group, meta, verify) || dictionaryExcludes(a.right(), file, group, meta, verify);
            }
            if (p instanceof OrPredicate o) {
                return dictionaryExcludes(o.left(), file, group, meta, verify) && dictionaryExcludes(o.right(), file, group, meta, verify);
            }
            return false;
        }
        String name = cols.iterator().next();
        SchemaNode leaf = meta.leaf(name);
        if (leaf == null || leaf.repLevel() != 0 || leaf.path().size() != 1) return false;
        ColumnMetaData md = meta.rowGroup().columns().get(leaf.leafIndex()).metaData();
        if (md == null || !onlyDictionaryPages(md)) return false;
        Column dict;
        try (var chunk = file.chunkReader(group, leaf, verify)) {
            dict = chunk.dictionaryValues();
        }
        if (dict == null || dict.size() == 0) return false;
        Column values = dict.rename(name);
        for (byte r : p.evaluateAll(new DataFrame(List.of(values), values.size()))) if (r == RowPredicate.TRUE) return false;
        Long nulls = md.statistics() == null ? null : md.statistics().nullCount();
        if (nulls == null || nulls > 0) {
            Column nullRow = new DictionaryColumn(name, values, new int[] {0}, 1, new boolean[] {true});
            if (p.evaluate(new DataFrame(List.of(nullRow), 1), 0) == Boolean.TRUE) return false;
        }
        return true;
    }

    /** Whether every data page of the chunk is dictionary-encoded (so the dictionary holds every value). */
    public static boolean onlyDictionaryPages(ColumnMetaData md) {
        if (md.encodingStats() != null && !md.encodingStats().isEmpty()) {
            boolean anyData = false;
            for (PageEncodingStats s : md.encodingStats()) {
                if (s.pageType() != PageType.DATA_PAGE && s.pageType() != PageType.DATA_PAGE_V2) continue;
                if (s.count() <= 0) continue;
                anyData = true;
                if (s.encoding() != Encoding.PLAIN_DICTIONARY && s.encoding() != Encoding.RLE_DICTIONARY) return false;
            }
            return anyData;
        }
        // Without encoding stats: a dictionary encoding and nothing that could be a plain fallback
        // (RLE and BIT_PACKED are level encodings here; booleans are never dictionary-encoded).
        boolean dictionary = false;
        for (Encoding e : md.encodings()) {
            if (e == Encoding.PLAIN_DICTIONARY || e == Encoding.RLE_DICTIONARY) dictionary = true;
            else if (e != Encoding.RLE && e != Encoding.BIT_PACKED) return false;
        }
        return dictionary;
    }

    /** The data pages of these fields' flat columns in a row group (walks page headers). */
    static long dataPages(ParquetFile file, int group, List<FieldPlan> fields, boolean verify) {
        long pages = 0;
        for (FieldPlan f : fields) {
            if (f instanceof FieldPlan.Primitive p && p.node().repLevel() == 0) {
                try (var chunk = file.chunkReader(group, p.node(), verify)) {
                    pages += chunk.countDataPages();
                }
            }
        }
        return pages;
    }
}
