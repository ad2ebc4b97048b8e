package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a batch decoded from one file into a batch of the dataset: types unified, null columns
 * for columns the file lacks, partition and file-path columns added, the post-filter applied, the
 * output columns in output order.
 */
final class BatchShaper {
    private final DatasetPlan plan;
    private final String filePathColumn;

    BatchShaper(DatasetPlan plan, String filePathColumn) {
        this.plan = plan;
        this.filePathColumn = filePathColumn;
    }

    /** @param post the filter checked on the shaped batch (null: none) */
    DataFrame shape(DataFrame batch, PlannedFile file, ScanPredicate post) {
        int rows = batch.height();
        Set<String> wanted = new HashSet<>(plan.outputSchema().names());
        if (post != null) wanted.addAll(post.columns());
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Field f : plan.fileFields()) {
            if (!wanted.contains(f.name())) continue;
            int i = batch.schema().indexOf(f.name());
            byName.put(f.name(), DatasetSchema.conform(i < 0 ? null : batch.column(i), f.name(), f.type(), rows));
        }
        for (var kv : plan.partitionTypes().entrySet()) {
            if (!wanted.contains(kv.getKey())) continue;
            byName.put(kv.getKey(), HivePartitions.constant(kv.getKey(), kv.getValue(), file.partitions().get(kv.getKey()), rows));
        }
        if (filePathColumn != null) {
            byName.put(filePathColumn, HivePartitions.constant(filePathColumn, DataType.STRING, file.path().toString(), rows));
        }
        DataFrame all = new DataFrame(new ArrayList<>(byName.values()), rows);
        if (post != null) all = post.filter(all);
        List<Column> out = new ArrayList<>();
        for (Field f : plan.outputSchema().fields()) out.add(all.column(f.name()));
        return new DataFrame(out, all.height());
    }
}
