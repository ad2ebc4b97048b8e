package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.parquet.ParquetFormatException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link ScanRequest} into a {@link DatasetPlan} from the footers and folder names alone:
 * reads every footer, unifies the schemas, types the partition keys, resolves the projection,
 * splits the predicate and drops the files a predicate on partition keys rules out.
 */
public final class DatasetPlanner {
    private DatasetPlanner() {}

    /**
     * The plan of {@code request}; unreadable files are recorded in {@code context} when the request skips them.
     *
     * @throws DatasetSchema.Mismatch when files differ in schema and schema evolution is off
     * @throws IllegalArgumentException for an unknown column, or when no file is readable
     */
    public static DatasetPlan plan(ScanRequest request, ScanContext context) {
        return plan(request, context, true);
    }

    /**
     * The output schema of {@code request}'s plan alone: the footers are read but no decoded size is estimated
     * (the estimate reads the dictionary pages of every row group's string columns: 40% of a {@code head(10)} query
     * over a 40-row-group file was spent estimating at {@code LazyFrame.scanParquet}, which only needs the schema).
     * Files skipped as unreadable here are not recorded.
     *
     * @throws DatasetSchema.Mismatch when files differ in schema and schema evolution is off
     */
    public static Schema outputSchema(ScanRequest request) {
        return plan(request, ScanContext.defaults(), false).outputSchema();
    }

    private static DatasetPlan plan(ScanRequest request, ScanContext context, boolean estimate) {
        List<PlannedFile> entries = new ArrayList<>();
        List<Path> readable = new ArrayList<>();
        List<Schema> schemas = new ArrayList<>();
        List<Path> files = request.files();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try (ParquetFile r = ParquetFile.open(f)) {
                ScanRequest.RowGroupRange range = request.rowGroupsOf(f, r.numRowGroups());
                long[] rows = new long[range.end() - range.first()];
                long fileRows = r.totalRows(), readRows = 0;
                for (int g = 0; g < rows.length; g++) readRows += rows[g] = r.rowGroupRows(range.first() + g);
                Map<String, String> parts = request.hivePartitioning() ? HivePartitions.of(request.root(), f) : Map.of();
                Schema full = ParquetFile.schemaOf(r.allFields());
                // The estimate reads every row group's dictionary pages of string columns: once, for the columns read.
                long bytes;
                if (!estimate) {
                    bytes = 0;
                } else if (request.columns() == null) {
                    bytes = r.fileBytes(r.allFields());
                } else {
                    List<String> here = new ArrayList<>();
                    for (String c : request.columns()) if (full.indexOf(c) >= 0) here.add(c);
                    bytes = here.isEmpty() ? 0 : r.fileBytes(r.project(here));
                }
                // A split reads part of the file: its share of the file's decoded size, by rows.
                if (readRows < fileRows && fileRows > 0) bytes = (long) ((double) bytes * readRows / fileRows);
                entries.add(new PlannedFile(i, f, parts, full, range.first(), rows, bytes));
                readable.add(f);
                schemas.add(full);
            } catch (ParquetFormatException | UncheckedIOException e) {
                if (!request.skipUnreadable()) throw e;
                context.skip(f, e.getMessage());
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("none of the " + files.size() + " files is readable: " + context.skipped());
        }
        List<Field> fileFields = DatasetSchema.unify(readable, schemas, request.schemaEvolution());
        Set<String> fileNames = new LinkedHashSet<>();
        for (Field f : fileFields) fileNames.add(f.name());

        Map<String, DataType> partitionTypes = partitionTypes(request, entries, fileNames);
        String filePathColumn = request.filePathColumn();
        List<Field> available = new ArrayList<>(fileFields);
        for (var kv : partitionTypes.entrySet()) available.add(new Field(kv.getKey(), kv.getValue(), true));
        if (filePathColumn != null) available.add(new Field(filePathColumn, DataType.STRING, false));
        List<String> availableNames = available.stream().map(Field::name).toList();
        List<Field> output;
        if (request.columns() == null) {
            output = available;
        } else {
            output = new ArrayList<>();
            for (String c : request.columns()) {
                Field f = null;
                for (Field a : available) if (a.name().equals(c)) f = a;
                if (f == null) throw UnknownColumn.of(c, "the dataset", availableNames);
                output.add(f);
            }
        }

        // Split the predicate: conjuncts on partition keys only choose files; conjuncts on file
        // columns only go to each file's reader; the rest is checked once partition columns exist.
        ScanPredicate predicate = request.predicate();
        List<ScanPredicate> fileOnly = new ArrayList<>();
        List<ScanPredicate> post = new ArrayList<>();
        List<ScanPredicate> partitionOnly = new ArrayList<>();
        ScanPredicate opaque = null;
        if (predicate != null && predicate.isRowLevel()) {
            for (ScanPredicate c : predicate.conjuncts()) {
                Set<String> cols = c.columns();
                if (!cols.isEmpty() && partitionTypes.keySet().containsAll(cols)) partitionOnly.add(c);
                else if (fileNames.containsAll(cols)) fileOnly.add(c);
                else {
                    for (String col : cols) {
                        if (!fileNames.contains(col) && !partitionTypes.containsKey(col) && !col.equals(filePathColumn)) {
                            throw UnknownColumn.of(col, "the predicate " + predicate, availableNames);
                        }
                    }
                    post.add(c);
                }
            }
        } else {
            opaque = predicate;
        }

        // Bind what is evaluated on partition values or on shaped frames here; each file's reader
        // binds the rest to that file's own column types.
        Schema partitionSchema = new Schema(available.subList(fileFields.size(), fileFields.size() + partitionTypes.size()));
        partitionOnly.replaceAll(c -> c.bind(partitionSchema));
        ScanPredicate postPredicate = post.isEmpty() ? null : ScanPredicate.allOf(post).bind(new Schema(available));
        List<PlannedFile> kept = new ArrayList<>();
        for (PlannedFile e : entries) {
            if (!partitionOnly.isEmpty()) {
                DataFrame values = partitionFrame(e, partitionTypes);
                boolean match = true;
                for (ScanPredicate c : partitionOnly) match &= c.matchesRow(values, 0);
                if (!match) continue;
            }
            kept.add(e);
        }
        return new DatasetPlan(kept, fileFields, partitionTypes, new Schema(output), new Schema(available),
                fileOnly.isEmpty() ? null : ScanPredicate.allOf(fileOnly), postPredicate, opaque);
    }

    /** The partition keys (a file column of the same name wins), given or inferred, each file's value checked against its type. */
    private static Map<String, DataType> partitionTypes(ScanRequest request, List<PlannedFile> entries, Set<String> fileNames) {
        Map<String, DataType> partitionTypes = new LinkedHashMap<>();
        Map<String, List<String>> partitionValues = new LinkedHashMap<>();
        for (PlannedFile e : entries) {
            for (var kv : e.partitions().entrySet()) {
                if (fileNames.contains(kv.getKey())) continue;   // a file column wins over a folder name
                partitionValues.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue());
            }
        }
        for (var kv : partitionValues.entrySet()) {
            DataType given = request.partitionTypes().get(kv.getKey());
            partitionTypes.put(kv.getKey(), given != null ? given : HivePartitions.inferType(kv.getValue()));
        }
        // Check every folder value against its type now, naming the file, rather than mid-scan.
        for (PlannedFile e : entries) {
            for (var kv : partitionTypes.entrySet()) {
                try {
                    HivePartitions.constant(kv.getKey(), kv.getValue(), e.partitions().get(kv.getKey()), 0);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(e.path() + ": " + bad.getMessage(), bad);
                }
            }
        }
        return partitionTypes;
    }

    private static DataFrame partitionFrame(PlannedFile e, Map<String, DataType> types) {
        List<Column> cols = new ArrayList<>();
        for (var kv : types.entrySet()) cols.add(HivePartitions.constant(kv.getKey(), kv.getValue(), e.partitions().get(kv.getKey()), 1));
        return new DataFrame(cols, 1);
    }
}
