package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.util.List;
import java.util.Map;

/**
 * What a dataset scan does, decided before any page is read: the files left after partition
 * pruning, the unified schema, and how the predicate splits into what each file's reader prunes
 * with and what is checked once partition columns exist.
 *
 * @param files           the files to read, in order
 * @param fileFields      the unified columns of the files
 * @param partitionTypes  the hive partition keys and their types
 * @param outputSchema    what batches hold: selected file columns, partition keys, file path
 * @param shapedSchema    every column a shaped batch can hold (for binding the post-filter)
 * @param filePredicate   conjuncts on file columns only, pushed into each file's reader (row-level, unbound)
 * @param postPredicate   conjuncts mixing partition keys or the file path with file columns, checked on shaped batches (bound)
 * @param opaquePredicate a predicate that does not name its columns, pushed into each file's reader as it is
 */
public record DatasetPlan(List<PlannedFile> files, List<Field> fileFields, Map<String, DataType> partitionTypes, Schema outputSchema,
                          Schema shapedSchema, ScanPredicate filePredicate, ScanPredicate postPredicate, ScanPredicate opaquePredicate) {

    /** Rows in the planned files before any predicate. */
    public long totalRows() {
        long rows = 0;
        for (PlannedFile f : files) for (long r : f.rowGroupRows()) rows += r;
        return rows;
    }

    /** The decoded size of the selected columns of every planned file. */
    public long estimatedBytes() {
        long bytes = 0;
        for (PlannedFile f : files) bytes += f.estimatedBytes();
        return bytes;
    }
}
