package dev.streamingadaptive.cli;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.format.CsvWriter;
import dev.streamingadaptive.frame.format.JsonLinesWriter;
import dev.streamingadaptive.frame.format.TableFormatter;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.reader.ScanStatistics;
import dev.streamingadaptive.lazy.QueryProfile;
import dev.streamingadaptive.lazy.ScanOptions;
import dev.streamingadaptive.sql.Sql;
import dev.streamingadaptive.sql.SqlException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code query FILE|GLOB}: a LazyFrame pipeline from the command line — filter, group, aggregate,
 * sort and limit — optimized (filters, columns and limits pushed into the scan) and run on all
 * cores.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Filter, group, aggregate, sort and limit a Parquet dataset, or run a SQL query over Parquet files.",
                "Example: query 'trades/*.parquet' --where \"price > 100\" --group-by symbol "
                        + "--agg \"mean(price) as avg_price, sum(size), count(*)\" --sort -avg_price --limit 10",
                "Example: query \"SELECT symbol, avg(price) AS avg_price FROM 'trades/*.parquet' WHERE price > 100 "
                        + "GROUP BY symbol ORDER BY avg_price DESC LIMIT 10\""})
final class QueryCommand extends FileCommand {

    @Parameters(index = "0", paramLabel = "FILE|GLOB|SQL",
            description = "A Parquet file, glob or directory (one dataset); or a SQL query (SELECT … or WITH …) whose tables are "
                    + "quoted paths or globs: FROM 'trades/*.parquet' t JOIN 'symbols.parquet' s ON t.symbol = s.symbol.")
    String source;

    @Option(names = "--where", paramLabel = "EXPR", description = "Row filter, SQL style: symbol = 'AAPL' and price >= 100.5.")
    String where;

    @Option(names = "--group-by", split = ",", paramLabel = "COLUMN", description = "Group keys (needs --agg).")
    List<String> groupBy;

    @Option(names = "--agg", paramLabel = "AGGREGATES",
            description = "Aggregates: sum, mean, min, max, count, n_unique, first, last, std, var, median, quantile(c, q), count(*); "
                    + "each optionally 'as NAME'.")
    String agg;

    @Option(names = "--columns", split = ",", paramLabel = "NAME", description = "Columns to output when not aggregating.")
    List<String> columns;

    @Option(names = "--sort", split = ",", paramLabel = "[-]COLUMN", description = "Sort keys; a leading '-' sorts descending.")
    List<String> sort;

    @Option(names = "--limit", paramLabel = "N", description = "At most N rows.")
    Long limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default), csv or jsonl.")
    CatCommand.Format format;

    @Option(names = "--explain", description = "Print the optimized plan (and, after running, the scan statistics) on stderr.")
    boolean explain;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Stream the result into FILE instead of printing it: Parquet, CSV or NDJSON by its extension "
                    + "(.parquet, .csv, .csv.gz, .ndjson, .jsonl); it appears only when complete.")
    java.nio.file.Path outFile;

    @picocli.CommandLine.Mixin
    OutputOptions output;

    @Override
    protected int run(PrintWriter out) {
        currentFile = source;
        LazyFrame lf;
        try {
            if (groupBy != null && !groupBy.isEmpty() && agg == null) return usageError("--group-by needs --agg");
            if (limit != null && limit < 0) return usageError("--limit must not be negative, got " + limit);
            if (isSql(source)) {
                if (where != null || groupBy != null || agg != null || columns != null || sort != null) {
                    return usageError("a SQL query takes no --where, --group-by, --agg, --columns or --sort: write them in the SQL");
                }
                currentFile = null;
                lf = Sql.query(source).withThreads(reading.threads).withMemoryManager(reading.memoryManager());
                if (limit != null) lf = lf.limit(limit);
            } else {
                lf = pipeline();
            }
        } catch (SqlException e) {
            return usageError(e.getMessage());
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        if (outFile != null) {
            dev.streamingadaptive.frame.format.FileFormat fileFormat = null;
            try {
                if (!output.writesArrow(outFile)) fileFormat = output.formatOf(outFile);
            } catch (IllegalArgumentException e) {
                return usageError(e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            if (explain) {
                err.print(lf.explain());
                err.flush();
            }
            ResultFile.write(lf, outFile, fileFormat, output, err);
            return 0;
        }
        return print(lf, out);
    }

    /** Whether the argument is SQL text rather than a path. */
    static boolean isSql(String arg) {
        return SQL_START.matcher(arg).lookingAt();
    }

    private static final Pattern SQL_START = Pattern.compile("\\s*(select|with|from)\\s", Pattern.CASE_INSENSITIVE);

    /** The pipeline the options describe. */
    private LazyFrame pipeline() {
        LazyFrame lf;
        {
            lf = dataset(List.of(source), ScanOptions.defaults());
            if (where != null) lf = lf.filter(where);
            if (agg != null) {
                List<Expr> aggs = AggregateList.parse(agg);
                lf = groupBy == null || groupBy.isEmpty() ? lf.agg(aggs.toArray(Expr[]::new))
                        : lf.groupBy(groupBy.toArray(String[]::new)).agg(aggs.toArray(Expr[]::new));
            } else if (columns != null && !columns.isEmpty()) {
                lf = lf.select(columns.toArray(String[]::new));
            }
            if (sort != null && !sort.isEmpty()) {
                List<SortKey> keys = new ArrayList<>();
                for (String s : sort) keys.add(s.startsWith("-") ? SortKey.desc(s.substring(1)).nullsLast() : SortKey.asc(s));
                lf = lf.sort(keys.toArray(SortKey[]::new));
            }
            if (limit != null) lf = lf.limit(limit);
        }
        return lf;
    }

    private int print(LazyFrame lf, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        if (explain) {
            err.print(lf.explain());
            err.flush();
        }
        // A table shows at most DEFAULT_TABLE_LIMIT rows unless --limit says otherwise: compute one
        // more to know whether to say that rows were left out.
        boolean display = format == CatCommand.Format.table && limit == null;
        ScanStatistics live = new ScanStatistics();
        QueryProfile profile;
        try (ProgressLine progress = ProgressLine.start(live, err)) {
            profile = (display ? lf.limit(CatCommand.DEFAULT_TABLE_LIMIT + 1) : lf).withStatistics(live).profile();
        }
        DataFrame result = profile.result();
        Appendable sink = checked(out);
        boolean cut = display && result.height() > CatCommand.DEFAULT_TABLE_LIMIT;
        if (cut) result = result.head((int) CatCommand.DEFAULT_TABLE_LIMIT);
        switch (format) {
            case table -> out.println(TableFormatter.format(result.schema(), List.of(result), -1));
            case csv -> {
                CsvWriter.writeHeader(result.schema(), sink);
                CsvWriter.writeRows(result, sink);
            }
            case jsonl -> JsonLinesWriter.write(result, sink);
        }
        out.flush();
        check(out);
        if (cut) {
            err.println("(showing the first " + CatCommand.DEFAULT_TABLE_LIMIT + " rows; use --limit N or --format csv|jsonl for more)");
            err.flush();
        }
        if (explain) {
            err.println(profile.scanStatistics().describe() + ", " + profile.elapsed().toMillis() + " ms");
            err.flush();
        }
        return 0;
    }
}
