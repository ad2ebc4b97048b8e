package dev.streamingadaptive.cli;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.CsvWriter;
import dev.streamingadaptive.frame.format.JsonLinesWriter;
import dev.streamingadaptive.frame.format.TableFormatter;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.lazy.ScanOptions;
import dev.streamingadaptive.reader.ScanStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.len;

/**
 * {@code cat FILE|GLOB}: prints rows of a query — {@code filter(where).select(columns).limit(n)} over
 * the dataset — streaming batches sized by the memory budget ({@code --memory-limit}, else what the
 * machine allows); the limit stops the scan as soon as {@code --limit} rows are out.
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
        if (limit != null && limit < 0) return usageError("--limit must not be negative, got " + limit);
        long rowLimit = limit != null ? limit : format == Format.table ? DEFAULT_TABLE_LIMIT : Long.MAX_VALUE;
        Appendable sink = checked(out);

        // One file, several, a glob or a directory: one query over one dataset scan (hive partition keys as
        // columns, schemas checked to match): the filter and the limit pushed into the scan, batches printed
        // in file order, the scan stopping at the limit.
        currentFile = String.join(" ", files);
        LazyFrame lf = dataset(files, ScanOptions.defaults());
        try {
            if (where != null) lf = lf.filter(where);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        // A column the files do not have is an error about the files (exit 1), as before cat ran on the engine.
        if (columns != null && !columns.isEmpty()) lf = lf.select(columns.toArray(String[]::new));
        if (rowLimit != Long.MAX_VALUE) lf = lf.limit(rowLimit);
        Schema schema = lf.schema();
        List<DataFrame> tableParts = new ArrayList<>();
        long shown = 0;
        ScanStatistics live = new ScanStatistics();
        try (Stream<DataFrame> batches = lf.withStatistics(live).stream();
             ProgressLine progress = ProgressLine.start(live, spec.commandLine().getErr())) {
            // After the stream has opened (mapped) its first file: a file cut from now on is reported as cut.
            if (format == Format.csv) CsvWriter.writeHeader(schema, sink);
            for (DataFrame df : (Iterable<DataFrame>) batches::iterator) {
                // Rows are printed from here on: the progress line would be drawn across them.
                if (format != Format.table) progress.close();
                shown += df.height();
                switch (format) {
                    case jsonl -> JsonLinesWriter.write(df, sink);
                    case csv -> CsvWriter.writeRows(df, sink);
                    case table -> tableParts.add(df);
                }
            }
        }
        if (format == Format.table) {
            out.println(TableFormatter.format(schema, tableParts, -1));
            // Without a filter the footers know whether the limit left rows out; with one, reaching it may have.
            if (shown == rowLimit && (where != null || textInput() || shown < totalRows())) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("(showing the first " + shown + " rows" + (where != null || textInput() ? "" : " of " + totalRows())
                        + "; use --limit N or --format csv|jsonl for more)");
                err.flush();
            }
        }
        out.flush();
        check(out);
        return 0;
    }

    /** Whether the files are CSV or JSON lines (whose row count means reading them all). */
    private boolean textInput() {
        return dev.streamingadaptive.frame.format.FileFormat.ofInput(files.get(0)) != dev.streamingadaptive.frame.format.FileFormat.PARQUET;
    }

    /** Rows of the whole dataset, from the footers. */
    private long totalRows() {
        return ((Number) dataset(files, ScanOptions.defaults()).agg(len()).collect().column(0).get(0)).longValue();
    }
}
