package dev.streamingadaptive.cli;

import dev.streamingadaptive.frame.format.FileFormat;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.lazy.ScanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code convert IN OUT}: streams a Parquet, CSV or NDJSON dataset into a Parquet, CSV or NDJSON file (the format
 * by OUT's name), optionally filtered and projected, with bounded memory. The output appears only
 * when complete.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a Parquet, CSV or NDJSON file, glob or directory into one Parquet, CSV, NDJSON or Arrow IPC file (format by OUT's",
                "extension: .parquet, .csv, .csv.gz, .ndjson, .jsonl, .ndjson.gz, .arrow/.feather (Arrow IPC file), .arrows (Arrow IPC stream)).",
                "Streams with bounded memory; OUT appears only when complete.",
                "Example: convert 'trades/*.parquet' trades.parquet --codec zstd --where \"symbol = 'AAPL'\""})
final class ConvertCommand extends FileCommand {
    @Parameters(index = "0", paramLabel = "IN", description = "A Parquet, CSV or NDJSON file, glob or directory (one dataset; the format by the extension: .csv, .tsv, .ndjson, .jsonl, .json, also .gz/.zst; else Parquet).")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write; replaced if it exists.")
    Path out;

    @Option(names = "--where", paramLabel = "EXPR", description = "Keep only rows where EXPR holds, SQL style.")
    String where;

    @Option(names = "--columns", split = ",", paramLabel = "NAME", description = "Columns to keep, in this order (default all).")
    List<String> columns;

    @Mixin
    OutputOptions output;

    @Override
    protected int run(PrintWriter stdout) {
        FileFormat format = null;
        try {
            if (!output.writesArrow(out)) format = output.formatOf(out);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        currentFile = in;
        LazyFrame lf = dataset(List.of(in), ScanOptions.defaults());
        try {
            if (where != null) lf = lf.filter(where);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        if (columns != null && !columns.isEmpty()) lf = lf.select(columns.toArray(String[]::new));
        ResultFile.write(lf, out, format, output, spec.commandLine().getErr());
        return 0;
    }
}
