package dev.streamingadaptive.scan;

import dev.streamingadaptive.parquet.schema.FieldPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields a scan of one file decodes, and in what order: a row-level predicate's columns
 * first (they decide which rows the others are needed for), then the remaining output columns.
 * Columns the predicate reads but the output does not select are decoded and dropped.
 *
 * @param lateMaterialisation whether the filter columns are decoded and evaluated before the others
 */
record DecodeOrder(List<FieldPlan> outputFields, boolean lateMaterialisation, List<FieldPlan> filterFields,
                   List<FieldPlan> otherFields, List<FieldPlan> scanFields) {

    static DecodeOrder of(ParquetFile file, List<FieldPlan> output, ScanPredicate predicate) {
        if (predicate == null || !predicate.isRowLevel()) return new DecodeOrder(output, false, List.of(), output, output);
        Map<String, FieldPlan> byName = new LinkedHashMap<>();
        for (FieldPlan f : file.allFields()) byName.putIfAbsent(f.name(), f);
        List<FieldPlan> filter = new ArrayList<>();
        for (String c : predicate.columns()) {
            FieldPlan f = byName.get(c);
            if (f == null) throw UnknownColumn.of(c, "the predicate " + predicate + " of " + file.fileName(), byName.keySet());
            filter.add(f);
        }
        List<FieldPlan> other = new ArrayList<>();
        for (FieldPlan f : output) if (!filter.contains(f)) other.add(f);
        List<FieldPlan> scan = new ArrayList<>(filter);
        scan.addAll(other);
        return new DecodeOrder(output, true, List.copyOf(filter), List.copyOf(other), List.copyOf(scan));
    }

    /** The cursors (one per {@link #scanFields}, in that order) of these fields, in their order. */
    <T> List<T> pick(List<T> cursors, List<FieldPlan> fields) {
        List<T> out = new ArrayList<>(fields.size());
        for (FieldPlan f : fields) out.add(cursors.get(scanFields.indexOf(f)));
        return out;
    }
}
