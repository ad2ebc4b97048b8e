package dev.streamingadaptive.reader;

import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.predicate.RowPredicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Which fields a scan decodes, and in what order: the predicate's columns first (they decide
 * which rows the others are needed for), then the remaining output columns. Columns the
 * predicate reads but the output does not select are decoded and dropped.
 *
 * @param rowPredicate the predicate when it is a {@link RowPredicate} over top-level columns (late
 *                     materialisation applies), else null
 */
record ScanPlan(List<FieldPlan> outputFields, RowPredicate rowPredicate, List<FieldPlan> filterFields,
                List<FieldPlan> otherFields, List<FieldPlan> scanFields) {

    static ScanPlan of(MmapParquetReader reader, PredicatePushdown predicate) {
        List<FieldPlan> output = reader.selectedFields();
        if (!(predicate instanceof RowPredicate rp)) return new ScanPlan(output, null, List.of(), output, output);
        Map<String, FieldPlan> byName = new LinkedHashMap<>();
        for (FieldPlan f : reader.allFields()) byName.putIfAbsent(f.name(), f);
        List<FieldPlan> filter = new ArrayList<>();
        for (String c : rp.columns()) {
            FieldPlan f = byName.get(c);
            if (f == null) {
                throw new IllegalArgumentException("unknown column '" + c + "' in the predicate " + rp + "; columns are " + byName.keySet());
            }
            filter.add(f);
        }
        List<FieldPlan> other = new ArrayList<>();
        for (FieldPlan f : output) if (!filter.contains(f)) other.add(f);
        List<FieldPlan> scan = new ArrayList<>(filter);
        scan.addAll(other);
        return new ScanPlan(output, rp, List.copyOf(filter), List.copyOf(other), List.copyOf(scan));
    }

    /** The cursors (one per {@link #scanFields}, in that order) of these fields, in their order. */
    <T> List<T> pick(List<T> cursors, List<FieldPlan> fields) {
        List<T> out = new ArrayList<>(fields.size());
        for (FieldPlan f : fields) out.add(cursors.get(scanFields.indexOf(f)));
        return out;
    }
}
