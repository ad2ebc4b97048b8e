package dev.streamingadaptive.cli;

import dev.streamingadaptive.io.MappedFile;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.DataPageHeader;
import dev.streamingadaptive.parquet.meta.DataPageHeaderV2;
import dev.streamingadaptive.parquet.meta.DictionaryPageHeader;
import dev.streamingadaptive.parquet.meta.Encoding;
import dev.streamingadaptive.parquet.meta.FileMetaData;
import dev.streamingadaptive.parquet.meta.KeyValue;
import dev.streamingadaptive.parquet.meta.MetadataParser;
import dev.streamingadaptive.parquet.meta.PageEncodingStats;
import dev.streamingadaptive.parquet.meta.PageHeader;
import dev.streamingadaptive.parquet.meta.ParquetFooter;
import dev.streamingadaptive.parquet.meta.Parsed;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.meta.SchemaElement;
import dev.streamingadaptive.parquet.meta.SortingColumn;
import dev.streamingadaptive.parquet.meta.Statistics;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code inspect FILE}: file facts from the footer, then per row group and column chunk its
 * layout, encodings, sizes and statistics; with {@code --pages} every page header too. Reads only
 * metadata and page headers, never page bodies.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print file metadata, row groups and column chunks (encodings, codecs, sizes, statistics).",
                "With --pages also every page header."})
final class InspectCommand extends FileCommand {
    /** Most page headers printed per column chunk. */
    static final int MAX_PAGES_PER_CHUNK = 100_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "A Parquet file.")
    Path file;

    @Option(names = "--pages", description = "Also walk and print each page header.")
    boolean pages;

    /** First problem found while walking pages; reported at the end with exit code 1. */
    private String pageError;

    @Override
    protected int run(PrintWriter out) throws Exception {
        at(file);
        try (MappedFile mapped = MappedFile.open(file)) {
            MemorySegment seg = mapped.segment();
            FileMetaData md = ParquetFooter.read(seg, file.toString());
            List<SchemaElement> leaves = leaves(md);
            printFile(out, md, seg.byteSize());
            for (int rg = 0; rg < md.rowGroups().size(); rg++) {
                FileCommand.check(out);
                printRowGroup(out, md.rowGroups().get(rg), rg, leaves, seg);
            }
        }
        if (pageError != null) {
            out.flush();
            spec.commandLine().getErr().println(Main.NAME + ": " + pageError);
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }

    /** Leaf schema elements in column-chunk order (empty entries when the schema is malformed). */
    private static List<SchemaElement> leaves(FileMetaData md) {
        List<SchemaElement> out = new ArrayList<>();
        try {
            for (SchemaNode n : ParquetSchema.of(md.schema()).leaves()) out.add(n.element());
        } catch (RuntimeException malformed) {
            for (int i = 1; i < md.schema().size(); i++) {
                if (md.schema().get(i).numChildren() == 0) out.add(md.schema().get(i));
            }
        }
        return out;
    }

    private void printFile(PrintWriter out, FileMetaData md, long size) {
        out.println("file: " + file);
        out.println("size: " + size + " bytes");
        out.println("created by: " + (md.createdBy() == null ? "-" : md.createdBy()));
        out.println("format version: " + md.version());
        out.println("rows: " + md.numRows() + (md.rowGroupRowCount() != md.numRows()
                ? " (row groups hold " + md.rowGroupRowCount() + ")" : ""));
        out.println("row groups: " + md.rowGroups().size());
        out.println("leaf columns: " + md.leafCount());
        if (md.keyValueMetadata().isEmpty()) {
            out.println("key/value metadata: none");
        } else {
            out.println("key/value metadata:");
            for (KeyValue kv : md.keyValueMetadata()) {
                out.println("  " + kv.key() + (kv.value() == null ? " (no value)" : " (" + kv.value().length() + " chars)"));
            }
        }
        if (!md.columnOrders().isEmpty()) {
            int typed = 0;
            for (var co : md.columnOrders()) if (co.typeDefined()) typed++;
            out.println("column orders: " + typed + "/" + md.columnOrders().size() + " type-defined");
        }
    }

    private void printRowGroup(PrintWriter out, RowGroup g, int index, List<SchemaElement> leaves, MemorySegment seg) {
        out.println();
        StringBuilder head = new StringBuilder("row group ").append(index).append(": ").append(g.numRows()).append(" rows, ")
                .append(g.totalByteSize()).append(" bytes uncompressed");
        if (g.totalCompressedSize() != null) head.append(", ").append(g.totalCompressedSize()).append(" bytes compressed");
        if (g.fileOffset() != null) head.append(", offset ").append(g.fileOffset());
        if (g.ordinal() != null) head.append(", ordinal ").append(g.ordinal());
        out.println(head);
        if (!g.sortingColumns().isEmpty()) {
            StringJoiner j = new StringJoiner(", ");
            for (SortingColumn sc : g.sortingColumns()) {
                j.add("column " + sc.columnIdx() + (sc.descending() ? " desc" : " asc") + (sc.nullsFirst() ? " nulls first" : " nulls last"));
            }
            out.println("  sorted by: " + j);
        }
        for (int c = 0; c < g.columns().size(); c++) {
            SchemaElement leaf = c < leaves.size() ? leaves.get(c) : null;
            printChunk(out, g.columns().get(c), index, leaf, seg);
        }
    }

    private void printChunk(PrintWriter out, ColumnChunk chunk, int rowGroup, SchemaElement leaf, MemorySegment seg) {
        ColumnMetaData m = chunk.metaData();
        if (m == null) {
            out.println("  column (no metadata" + (chunk.encrypted() ? ", encrypted" : "") + ")");
            return;
        }
        String ann = leaf == null ? null : ParquetText.annotation(leaf);
        out.println("  column " + m.dottedPath() + ": " + (m.type() == null ? "?" : m.type().name())
                + (ann != null ? " (" + ann + ")" : "") + (chunk.encrypted() ? ", encrypted" : "")
                + (chunk.filePath() != null ? ", in file " + chunk.filePath() : ""));
        StringJoiner enc = new StringJoiner(", ");
        for (Encoding e : m.encodings()) enc.add(e.name());
        out.println("    codec: " + (m.codec() == null ? "unknown" : m.codec().name()) + ", encodings: " + enc);
        out.println("    values: " + m.numValues() + ", compressed: " + m.totalCompressedSize() + " bytes, uncompressed: "
                + m.totalUncompressedSize() + " bytes");
        out.println("    data page offset: " + m.dataPageOffset()
                + ", dictionary page offset: " + (m.dictionaryPageOffset() == null ? "-" : m.dictionaryPageOffset())
                + (m.indexPageOffset() != null ? ", index page offset: " + m.indexPageOffset() : ""));
        if (!m.encodingStats().isEmpty()) {
            StringJoiner j = new StringJoiner(", ");
            for (PageEncodingStats s : m.encodingStats()) {
                j.add((s.pageType() == null ? "?" : s.pageType().name()) + " " + (s.encoding() == null ? "?" : s.encoding().name())
                        + " x" + s.count());
            }
            out.println("    page encodings: " + j);
        }
        out.println("    statistics: " + statistics(m.statistics(), m.type(), leaf));
        out.println("    column index: " + range(chunk.columnIndexOffset(), chunk.columnIndexLength())
                + ", offset index: " + range(chunk.offsetIndexOffset(), chunk.offsetIndexLength())
                + ", bloom filter: " + range(m.bloomFilterOffset(), m.bloomFilterLength()));
        if (m.sizeStatistics() != null && m.sizeStatistics().unencodedByteArrayDataBytes() != null) {
            out.println("    unencoded byte array data: " + m.sizeStatistics().unencodedByteArrayDataBytes() + " bytes");
        }
        if (!m.keyValueMetadata().isEmpty()) {
            StringJoiner j = new StringJoiner(", ");
            for (KeyValue kv : m.keyValueMetadata()) j.add(kv.key());
            out.println("    key/value metadata: " + j);
        }
        if (pages && !chunk.encrypted()) walkPages(out, m, rowGroup, leaf, seg);
    }

    private static String range(Long offset, Integer length) {
        if (offset == null) return "none";
        return "at " + offset + (length != null ? " (" + length + " bytes)" : "");
    }

    /** {@code min 1, max 9, nulls 0, distinct 5, exact min/max yes/yes} or {@code none}. */
    static String statistics(Statistics s, PhysicalType physical, SchemaElement leaf) {
        if (s == null) return "none";
        StringJoiner j = new StringJoiner(", ");
        if (s.minValue() != null || s.maxValue() != null) {
            j.add("min " + orDash(ParquetText.statValue(s.minValue(), physical, leaf)));
            j.add("max " + orDash(ParquetText.statValue(s.maxValue(), physical, leaf)));
        } else if (s.min() != null || s.max() != null) {
            j.add("min (legacy) " + orDash(ParquetText.statValue(s.min(), physical, leaf)));
            j.add("max (legacy) " + orDash(ParquetText.statValue(s.max(), physical, leaf)));
        }
        if (s.nullCount() != null) j.add("nulls " + s.nullCount());
        if (s.distinctCount() != null) j.add("distinct " + s.distinctCount());
        if (s.isMinValueExact() != null || s.isMaxValueExact() != null) {
            j.add("exact min/max " + yesNo(s.isMinValueExact()) + "/" + yesNo(s.isMaxValueExact()));
        }
        return j.length() == 0 ? "empty" : j.toString();
    }

    private static String orDash(String s) { return s == null ? "-" : s; }

    private static String yesNo(Boolean b) { return b == null ? "?" : b ? "yes" : "no"; }

    private void walkPages(PrintWriter out, ColumnMetaData m, int rowGroup, SchemaElement leaf, MemorySegment seg) {
        long start = m.chunkStartOffset();
        long end = Math.min(seg.byteSize(), start + m.totalCompressedSize());
        long pos = start;
        long values = 0;
        int n = 0;
        out.println("    pages:");
        while (pos < end && n < MAX_PAGES_PER_CHUNK) {
            Parsed<PageHeader> parsed;
            try {
                parsed = MetadataParser.parsePageHeaderWithEnd(seg, pos, seg.byteSize());
            } catch (RuntimeException e) {
                String msg = "cannot read page header (row group " + rowGroup + ", column " + m.dottedPath() + ", offset " + pos
                        + "): " + Errors.describe(e);
                out.println("      error: " + msg);
                if (pageError == null) pageError = file + ": " + msg;
                return;
            }
            PageHeader h = parsed.value();
            out.println("      " + page(h, pos, parsed.endOffset() - pos, m.type(), leaf));
            if (h.dataPageHeader() != null) values += h.dataPageHeader().numValues();
            else if (h.dataPageHeaderV2() != null) values += h.dataPageHeaderV2().numValues();
            if (h.compressedPageSize() < 0) {
                String msg = "negative page size " + h.compressedPageSize() + " (row group " + rowGroup + ", column "
                        + m.dottedPath() + ", offset " + pos + ")";
                out.println("      error: " + msg);
                if (pageError == null) pageError = file + ": " + msg;
                return;
            }
            pos = parsed.endOffset() + h.compressedPageSize();
            n++;
        }
        if (n == MAX_PAGES_PER_CHUNK && pos < end) out.println("      … (stopped after " + n + " pages)");
        out.println("      " + n + " pages, " + values + " values" + (values != m.numValues() && pos >= end
                ? " (chunk metadata says " + m.numValues() + ")" : ""));
    }

    private static String page(PageHeader h, long offset, long headerBytes, PhysicalType physical, SchemaElement leaf) {
        StringBuilder sb = new StringBuilder();
        sb.append(h.type() == null ? "UNKNOWN_PAGE" : h.type().name()).append(" at ").append(offset)
                .append(": header ").append(headerBytes).append(" bytes, compressed ").append(h.compressedPageSize())
                .append(", uncompressed ").append(h.uncompressedPageSize());
        if (h.crc() != null) sb.append(", crc ").append(String.format("%08x", h.crc()));
        DataPageHeader d = h.dataPageHeader();
        if (d != null) {
            sb.append(", ").append(d.numValues()).append(" values, encoding ").append(name(d.encoding()))
                    .append(", def ").append(name(d.definitionLevelEncoding())).append(", rep ").append(name(d.repetitionLevelEncoding()));
            if (d.statistics() != null) sb.append(", statistics: ").append(statistics(d.statistics(), physical, leaf));
        }
        DataPageHeaderV2 v2 = h.dataPageHeaderV2();
        if (v2 != null) {
            sb.append(", ").append(v2.numValues()).append(" values, ").append(v2.numNulls()).append(" nulls, ")
                    .append(v2.numRows()).append(" rows, encoding ").append(name(v2.encoding()))
                    .append(", def levels ").append(v2.definitionLevelsByteLength()).append(" bytes, rep levels ")
                    .append(v2.repetitionLevelsByteLength()).append(" bytes").append(v2.isCompressed() ? "" : ", not compressed");
            if (v2.statistics() != null) sb.append(", statistics: ").append(statistics(v2.statistics(), physical, leaf));
        }
        DictionaryPageHeader dict = h.dictionaryPageHeader();
        if (dict != null) {
            sb.append(", ").append(dict.numValues()).append(" entries, encoding ").append(name(dict.encoding()));
            if (Boolean.TRUE.equals(dict.isSorted())) sb.append(", sorted");
        }
        return sb.toString();
    }

    private static String name(Encoding e) {
        return e == null ? "unknown" : e.name();
    }
}
