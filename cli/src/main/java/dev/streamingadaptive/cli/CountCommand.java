package dev.streamingadaptive.cli;

import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.reader.ScanStatistics;
import dev.streamingadaptive.lazy.QueryProfile;
import dev.streamingadaptive.lazy.ScanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

import static dev.streamingadaptive.expr.Expr.len;

/**
 * {@code count FILE|GLOB}: the number of rows — {@code agg(len())} over the dataset, which the engine
 * answers from the footers alone (nothing decoded), or {@code filter(where).agg(len())} with the filter
 * pushed into the scan (pruning, then only the filter's columns decoded, row groups in parallel).
 */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = "Print the number of rows (from the footer metadata; no data is decoded).")
final class CountCommand extends FileCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE|GLOB", description = "Parquet files or glob patterns.")
    List<String> files;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Count only matching rows (SQL style: symbol = 'AAPL' and price >= 100.5).")
    String where;

    @Option(names = "--explain", description = "Print scan statistics on stderr.")
    boolean explain;

    @Override
    protected int run(PrintWriter out) {
        currentFile = String.join(" ", files);
        // Without a filter the engine answers from the footers; files need not share a schema to be
        // counted (their columns are unified by name, as DuckDB's union_by_name).
        LazyFrame lf = dataset(files, ScanOptions.defaults().withFullPageCounts(explain).withSchemaEvolution(where == null));
        try {
            if (where != null) lf = lf.filter(where);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        lf = lf.agg(len());
        PrintWriter err = spec.commandLine().getErr();
        ScanStatistics live = new ScanStatistics();
        QueryProfile p;
        try (ProgressLine progress = ProgressLine.start(live, err)) {
            p = lf.withStatistics(live).profile();
        }
        out.println(p.result().column(0).get(0));
        if (explain) {
            err.println("files read: " + p.filesRead() + "/" + p.filesTotal() + ", " + p.scanStatistics().describe()
                    + (p.filesRead() == 0 && p.filesTotal() > 0 ? " (answered from the footers)" : ""));
            err.flush();
        }
        return 0;
    }
}
