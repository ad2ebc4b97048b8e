package dev.streamingadaptive.cli;

import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.format.TableFormatter;
import dev.streamingadaptive.io.MappedFile;
import dev.streamingadaptive.parquet.meta.FileMetaData;
import dev.streamingadaptive.parquet.meta.ParquetFooter;
import dev.streamingadaptive.parquet.meta.SchemaElement;
import dev.streamingadaptive.reader.MmapParquetReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code schema FILE}: the Parquet schema tree and the type each top-level column is read as. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the Parquet schema (names, repetition, physical and logical types)",
                "and the streaming-adaptive type of each column."})
final class SchemaCommand extends FileCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "A Parquet file.")
    Path file;

    @Override
    protected int run(PrintWriter out) throws Exception {
        at(file);
        FileMetaData md;
        try (MappedFile mapped = MappedFile.open(file)) {
            md = ParquetFooter.read(mapped.segment(), file.toString());
        }
        printTree(out, md.schema());
        out.println();
        // The types our reader produces (this also validates the schema as the reader sees it).
        try (MmapParquetReader r = open(file)) {
            out.println("columns:");
            for (Field f : r.schema().fields()) {
                out.println("  " + f.name() + ": " + f.type() + "  (" + TableFormatter.dtypeName(f.type()) + ")");
            }
        }
        return 0;
    }

    /** Prints the flattened schema as parquet-java's message syntax. */
    static void printTree(PrintWriter out, List<SchemaElement> schema) {
        if (schema.isEmpty()) {
            out.println("message (empty schema) {}");
            return;
        }
        SchemaElement root = schema.get(0);
        out.println("message " + root.name() + " {");
        int[] next = {1};
        printChildren(out, schema, next, root.numChildren(), "  ", 1);
        out.println("}");
        if (next[0] < schema.size()) out.println("(" + (schema.size() - next[0]) + " schema elements not reachable from the root)");
    }

    private static void printChildren(PrintWriter out, List<SchemaElement> schema, int[] next, int count, String indent, int depth) {
        for (int i = 0; i < count; i++) {
            if (next[0] >= schema.size()) {
                out.println(indent + "(missing: " + (count - i) + " declared children not present)");
                return;
            }
            SchemaElement e = schema.get(next[0]++);
            String rep = e.repetition() == null ? "optional" : e.repetition().name().toLowerCase(java.util.Locale.ROOT);
            String ann = ParquetText.annotation(e);
            StringBuilder line = new StringBuilder(indent).append(rep).append(' ').append(ParquetText.physical(e))
                    .append(' ').append(e.name());
            if (ann != null) line.append(" (").append(ann).append(')');
            if (e.fieldId() != null) line.append(" = ").append(e.fieldId());
            boolean group = e.numChildren() > 0 || e.type() == null;
            if (group && depth < 100) {
                out.println(line.append(" {"));
                printChildren(out, schema, next, e.numChildren(), indent + "  ", depth + 1);
                out.println(indent + "}");
            } else {
                out.println(line.append(';'));
            }
        }
    }
}
