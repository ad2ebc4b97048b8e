package dev.streamingadaptive.cli;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.CsvWriter;
import dev.streamingadaptive.frame.format.JsonLinesWriter;
import dev.streamingadaptive.frame.format.TableFormatter;
import dev.streamingadaptive.predicate.RowPredicate;
import dev.streamingadaptive.predicate.WhereParser;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;
import dev.streamingadaptive.reader.ParallelStreamReader;
import dev.streamingadaptive.reader.ParquetFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code cat FILE|GLOB}: prints rows, streaming batches sized by the memory budget
 * ({@code --memory-limit}, else what the machine allows) through {@link AdaptiveStreamingReader},
 * and stopping as soon as {@code --limit} rows are out.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Print rows as a table, CSV or JSON Lines.",
                "Streams batches sized to the memory budget (--memory-limit) and stops once --limit rows are printed."})
final class CatCommand extends FileCommand {
    /** Rows the table format shows when no --limit is given. */
    static final long DEFAULT_TABLE_LIMIT = 20;

    enum Format { table, csv, jsonl }

    @Parameters(arity = "1..*", paramLabel = "FILE|GLOB", description = "Parquet files or glob patterns (read in order).")
    List<String> files;

    @Option(names = "--columns", split = ",", paramLabel = "NAME", description = "Columns to print, in this order (default all).")
    List<String> columns;

    @Option(names = "--limit", paramLabel = "N",
            description = "Print at most N rows (default: all for csv/jsonl, " + DEFAULT_TABLE_LIMIT + " for table).")
    Long limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), csv or jsonl (one JSON object per row, see DESIGN.md).")
    Format format;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Row filter, SQL style: symbol = 'AAPL' and price >= 100.5 or cond is null.")
    String where;

    @Override
    protected int run(PrintWriter out) {
        RowPredicate predicate;
        try {
            predicate = where == null ? null : WhereParser.parse(where);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        if (limit != null && limit < 0) return usageError("--limit must not be negative, got " + limit);
        long remaining = limit != null ? limit : format == Format.table ? DEFAULT_TABLE_LIMIT : Long.MAX_VALUE;
        Appendable sink = checked(out);

        if (isDataset(files)) return catDataset(out, sink, predicate, remaining);
        List<DataFrame> tableParts = new ArrayList<>();
        Schema tableSchema = null;
        boolean headerWritten = false;
        long available = 0;   // rows in the files read so far (table footer)
        boolean more = false; // rows left unread when the limit stopped us

        outer:
        for (String arg : files) {
            currentFile = arg;
            for (Path p : ParquetFiles.expand(arg)) {
                if (remaining == 0 && (format != Format.csv || headerWritten)) { more = true; break outer; }
                at(p);
                try (AdaptiveStreamingReader r = openStreaming(p)) {
                    List<String> shown = columns != null && !columns.isEmpty() ? columns : r.schema().names();
                    // The reader decodes the filter's columns too and returns only the selected ones.
                    if (columns != null && !columns.isEmpty()) r.withColumns(columns.toArray(String[]::new));
                    if (predicate != null) r.withPredicate(predicate);
                    Schema schema = r.schema();
                    if (format == Format.csv && !headerWritten) {
                        CsvWriter.writeHeader(schema, sink);
                        headerWritten = true;
                    }
                    if (format == Format.table && tableSchema == null) tableSchema = schema;
                    // With a filter the matching rows are unknown until read.
                    long fileRows = predicate == null ? r.reader().totalRows() : Long.MAX_VALUE;
                    if (predicate == null) available += fileRows;
                    if (remaining == 0) {
                        if (fileRows > 0) { more = true; break outer; }
                        continue;
                    }
                    long read = 0;
                    r.withRowLimit(remaining);
                    try (Stream<DataFrame> batches = r.stream()) {
                        for (DataFrame df : (Iterable<DataFrame>) batches::iterator) {
                            read += df.height();
                            remaining -= df.height();
                            switch (format) {
                                case jsonl -> JsonLinesWriter.write(df, sink);
                                case csv -> CsvWriter.writeRows(df, sink);
                                case table -> tableParts.add(df);
                            }
                        }
                    }
                    if (remaining == 0 && read < fileRows) { more = true; break outer; }
                }
            }
        }
        return finish(out, tableSchema == null ? new Schema(List.of()) : tableSchema, tableParts, more,
                predicate == null ? " of " + available : "");
    }

    /** Prints the table (in table format) and the "showing the first N rows" hint when the limit cut rows off. */
    private int finish(PrintWriter out, Schema schema, List<DataFrame> tableParts, boolean more, String ofTotal) {
        if (format == Format.table) {
            out.println(TableFormatter.format(schema, tableParts, -1));
            if (more) {
                long shown = 0;
                for (DataFrame d : tableParts) shown += d.height();
                PrintWriter err = spec.commandLine().getErr();
                err.println("(showing the first " + shown + " rows" + ofTotal + "; use --limit N or --format csv|jsonl for more)");
                err.flush();
            }
        }
        out.flush();
        check(out);
        return 0;
    }

    /**
     * Several files, a glob or a directory: one dataset (hive partition keys as columns, schemas
     * checked to match), row groups decoded in parallel and printed in file order.
     */
    private int catDataset(PrintWriter out, Appendable sink, RowPredicate predicate, long remaining) {
        currentFile = String.join(" ", files);
        List<DataFrame> tableParts = new ArrayList<>();
        boolean more = false;
        Schema schema;
        try (ParallelStreamReader r = openDataset(files)) {
            if (columns != null && !columns.isEmpty()) r.withColumns(columns.toArray(String[]::new));
            if (predicate != null) r.withPredicate(predicate);
            schema = r.schema();
            if (format == Format.csv) CsvWriter.writeHeader(schema, sink);
            try (Stream<DataFrame> batches = r.stream()) {
                for (DataFrame df : (Iterable<DataFrame>) batches::iterator) {
                    if (remaining == 0) { more = true; break; }
                    if (df.height() > remaining) {
                        df = df.head((int) remaining);
                        more = true;
                    }
                    remaining -= df.height();
                    switch (format) {
                        case jsonl -> JsonLinesWriter.write(df, sink);
                        case csv -> CsvWriter.writeRows(df, sink);
                        case table -> tableParts.add(df);
                    }
                    if (more) break;
                }
            }
        }
        return finish(out, schema, tableParts, more, "");
    }
}
