package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * What the reader of one file decodes and filters: the output columns it has (and those the
     * post-filter needs), the predicate pushed into it (bound to its column types), and the filter
     * checked on shaped batches.
     */
    public record FileRead(List<String> columns, ScanPredicate pushed, ScanPredicate post) {}

    /** How a file of this schema is read. */
    public FileRead fileRead(Schema fileSchema) {
        Set<String> need = new LinkedHashSet<>();
        for (Field o : outputSchema.fields()) if (fileSchema.indexOf(o.name()) >= 0) need.add(o.name());
        ScanPredicate post = postPredicate;
        ScanPredicate pushed = opaquePredicate != null ? opaquePredicate : filePredicate;
        if (filePredicate != null && !fileSchema.names().containsAll(filePredicate.columns())) {
            // A column of the predicate is missing here (schema evolution): check it after nulls are added.
            ScanPredicate shaped = filePredicate.bind(shapedSchema);
            post = post == null ? shaped : ScanPredicate.allOf(List.of(shaped, post));
            pushed = null;
        }
        if (post != null) for (String c : post.columns()) if (fileSchema.indexOf(c) >= 0) need.add(c);
        if (pushed != null) pushed = pushed.bind(fileSchema);   // literals converted to this file's column types
        return new FileRead(List.copyOf(need), pushed, post);
    }

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
