package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.compress.Decompressors;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.Encoding;
import dev.streamingadaptive.parquet.meta.MetadataParser;
import dev.streamingadaptive.parquet.meta.PageEncodingStats;
import dev.streamingadaptive.parquet.meta.PageHeader;
import dev.streamingadaptive.parquet.meta.PageType;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.meta.SizeStatistics;
import dev.streamingadaptive.parquet.meta.Statistics;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.parquet.schema.TypeMapper;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one estimate of the heap bytes that decoded columns occupy: what {@code readRowGroup} and
 * {@code readAll} hold once they return, laid out as the frame columns lay it out. Every size
 * figure of the readers comes from here.
 *
 * <p>Per value slot: 1 byte for booleans, 4 for INT32/FLOAT (and FLOAT16, widened to float),
 * 8 for INT64/DOUBLE/INT96; dictionary-encoded binary keeps 4-byte indices plus its dictionary
 * (value bytes plus 4-byte offsets); other binary its value bytes plus 4-byte offsets. A
 * {@code boolean[]} of null flags (1 byte per slot) exists only where some value is null, and an
 * all-null column is only those flags. Lists and maps add 4-byte offsets per parent slot.
 * Arrays are counted at the length the layout needs (no growth slack); object headers are
 * ignored.
 *
 * <p>Inputs, best first: the footer's size statistics (value bytes, level histograms), its null
 * counts and encodings, the uncompressed chunk size, and the dictionary page's own header (read
 * from the mapped file, once per chunk). Where the footer says nothing, the estimate errs high:
 * unknown null counts are taken as "some nulls", list elements as the chunk's level count.
 *
 * <p>A whole-file estimate follows how row groups are concatenated: flat fixed-width columns
 * become one array (null flags for every row when any row group has nulls), dictionaries of all
 * row groups are kept side by side, and a binary column that is dictionary-encoded in some row
 * groups but not others is materialised. Thread-safe.
 */
public final class MemoryEstimator {
    private static final long INT = 4;

    private final MemorySegment file;
    /** Dictionary page facts by the chunk's first page offset (absent = not looked up yet). */
    private final Map<Long, DictPage> dictionaries = new ConcurrentHashMap<>();

    /**
     * @param file the mapped file, for reading dictionary page headers; null to estimate from
     *             the footer alone
     */
    public MemoryEstimator(MemorySegment file) {
        this.file = file;
    }

    /** Decoded bytes of these fields in this row group, as {@code readRowGroup} holds them. */
    public long rowGroupBytes(RowGroup rg, List<FieldPlan> fields) {
        long total = 0;
        for (FieldPlan f : fields) total += bytes(shape(f, rg, rg.numRows(), 0));
        return total;
    }

    /** Decoded bytes of these fields over all row groups, as {@code readAll} holds them (one frame). */
    public long fileBytes(List<RowGroup> rowGroups, List<FieldPlan> fields) {
        long total = 0;
        for (FieldPlan f : fields) {
            List<Shape> parts = new ArrayList<>(rowGroups.size());
            for (RowGroup rg : rowGroups) parts.add(shape(f, rg, rg.numRows(), 0));
            if (!parts.isEmpty()) total += bytes(concat(parts));
        }
        return total;
    }

    // ---- Shapes: what the decoded column of one field looks like ----

    /** The estimated layout of one decoded column. */
    private sealed interface Shape {
        long slots();
    }

    /** Fixed-width values: one array of {@code width}-byte entries. */
    private record Fixed(long slots, int width, boolean nulls) implements Shape {}

    /**
     * Dictionary indices plus {@code entries} dictionary values of {@code dictBytes} bytes;
     * {@code valueBytes} is what the non-null values would take materialised.
     */
    private record Dict(long slots, boolean nulls, long entries, long dictBytes, long valueBytes) implements Shape {}

    /** Variable-length values: {@code valueBytes} bytes plus offsets. */
    private record Binary(long slots, boolean nulls, long valueBytes) implements Shape {}

    /** Every value null: only the null flags. */
    private record AllNull(long slots) implements Shape {}

    /** A list or map (offsets, children = element columns) or a struct (children = fields). */
    private record Nested(boolean offsets, long slots, boolean nulls, List<Shape> children) implements Shape {}

    private static long bytes(Shape s) {
        return switch (s) {
            case Fixed f -> f.slots * f.width + flags(f.slots, f.nulls);
            case Dict d -> d.slots * INT + d.dictBytes + (d.entries + 1) * INT + flags(d.slots, d.nulls);
            case Binary b -> b.valueBytes + (b.slots + 1) * INT + flags(b.slots, b.nulls);
            case AllNull n -> n.slots;
            case Nested n -> {
                long b = (n.offsets ? (n.slots + 1) * INT : 0) + flags(n.slots, n.nulls);
                for (Shape c : n.children) b += bytes(c);
                yield b;
            }
        };
    }

    private static long flags(long slots, boolean nulls) {
        return nulls ? slots : 0;
    }

    /** The shape of the concatenation of per-row-group columns (mirrors {@code ColumnConcat}). */
    private static Shape concat(List<Shape> parts) {
        if (parts.size() == 1) return parts.get(0);
        long slots = 0;
        boolean nulls = false;
        Shape template = null;
        boolean mixed = false;
        for (Shape p : parts) {
            slots += p.slots();
            nulls |= hasNulls(p);
            if (template == null && !(p instanceof AllNull)) template = p;
            if (!(p instanceof Dict) && !(p instanceof AllNull)) mixed = true;
        }
        if (template == null) return new AllNull(slots);
        boolean allDict = !mixed;
        switch (template) {
            case Fixed f -> {
                return new Fixed(slots, f.width, nulls);
            }
            case Dict d when allDict -> {
                long entries = 0, dictBytes = 0, values = 0;
                for (Shape p : parts) {
                    if (p instanceof Dict x) {
                        entries += x.entries;
                        dictBytes += x.dictBytes;
                        values += x.valueBytes;
                    }
                }
                return new Dict(slots, nulls, entries, dictBytes, values);
            }
            case Dict d -> {
                return new Binary(slots, nulls, materialisedBytes(parts));
            }
            case Binary b -> {
                return new Binary(slots, nulls, materialisedBytes(parts));
            }
            case Nested n -> {
                // Lists and maps concatenate the children of their nested parts; structs pad all-null parts.
                List<Shape> children = new ArrayList<>(n.children.size());
                for (int c = 0; c < n.children.size(); c++) {
                    List<Shape> childParts = new ArrayList<>(parts.size());
                    for (Shape p : parts) {
                        if (p instanceof Nested x) childParts.add(x.children.get(c));
                        else if (!n.offsets) childParts.add(new AllNull(p.slots()));
                    }
                    children.add(concat(childParts));
                }
                return new Nested(n.offsets, slots, nulls, children);
            }
            case AllNull a -> throw new IllegalStateException();
        }
    }

    private static boolean hasNulls(Shape s) {
        return switch (s) {
            case Fixed f -> f.nulls;
            case Dict d -> d.nulls;
            case Binary b -> b.nulls;
            case AllNull a -> true;
            case Nested n -> n.nulls;
        };
    }

    private static long materialisedBytes(List<Shape> parts) {
        long bytes = 0;
        for (Shape p : parts) {
            if (p instanceof Binary b) bytes += b.valueBytes;
            else if (p instanceof Dict d) bytes += d.valueBytes;
        }
        return bytes;
    }

    // ---- From the footer to shapes ----

    /**
     * The shape of field {@code f} with {@code slots} values in row group {@code rg};
     * {@code present} is the definition level at which a slot exists (that of the innermost
     * enclosing repeated node, 0 at the top).
     */
    private Shape shape(FieldPlan f, RowGroup rg, long slots, int present) {
        return switch (f) {
            case FieldPlan.Primitive p -> primitive(p.node(), rg, slots, present);
            case FieldPlan.Struct st -> {
                List<Shape> children = new ArrayList<>(st.fields().size());
                for (FieldPlan c : st.fields()) children.add(shape(c, rg, slots, present));
                yield new Nested(false, slots, nullsAt(st.node(), present, leafMeta(rg, st.firstLeaf()), slots), children);
            }
            case FieldPlan.ListPlan l -> {
                ColumnMetaData md = leafMeta(rg, l.firstLeaf());
                boolean nulls = l.outer() != l.repeated() && nullsAt(l.outer(), present, md, slots);
                long elements = elementSlots(l.repeated(), l.firstLeaf(), md, slots);
                Shape element = shape(l.element(), rg, elements, l.repeated().defLevel());
                yield new Nested(true, slots, nulls, List.of(element));
            }
            case FieldPlan.MapPlan m -> {
                ColumnMetaData md = leafMeta(rg, m.firstLeaf());
                long entries = elementSlots(m.repeated(), m.firstLeaf(), md, slots);
                int inner = m.repeated().defLevel();
                Shape keys = shape(m.key(), rg, entries, inner);
                Shape values = m.value() == null ? new AllNull(entries) : shape(m.value(), rg, entries, inner);
                yield new Nested(true, slots, nullsAt(m.outer(), present, md, slots), List.of(keys, values));
            }
        };
    }

    private static ColumnMetaData leafMeta(RowGroup rg, SchemaNode leaf) {
        ColumnChunk chunk = rg.columns().get(leaf.leafIndex());
        return chunk == null ? null : chunk.metaData();
    }

    private Shape primitive(SchemaNode leaf, RowGroup rg, long slots, int present) {
        ColumnMetaData md = leafMeta(rg, leaf);
        if (md == null) return new Fixed(slots, 0, false);
        long levels = Math.max(0, md.numValues());
        long absent = absentLevels(md, leaf);   // level entries below the leaf's max definition level; -1 unknown
        long nonNull = absent < 0 ? Math.min(levels, slots) : Math.max(0, levels - absent);
        boolean nulls = nullsAt(leaf, present, md, slots);
        if (nulls && absent >= 0 && nonNull == 0 && slots > 0) return new AllNull(slots);
        DataType type = TypeMapper.map(leaf.element());
        if (type.kind() == DataType.Kind.FLOAT16) return new Fixed(slots, 4, nulls);
        return switch (md.type()) {
            case BOOLEAN -> new Fixed(slots, 1, nulls);
            case INT32, FLOAT -> new Fixed(slots, 4, nulls);
            case INT64, DOUBLE, INT96 -> new Fixed(slots, 8, nulls);
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> binary(md, leaf, slots, nonNull, nulls);
        };
    }

    private Shape binary(ColumnMetaData md, SchemaNode leaf, long slots, long nonNull, boolean nulls) {
        int fixed = md.type() == PhysicalType.FIXED_LEN_BYTE_ARRAY && leaf.element().typeLength() != null
                ? Math.max(0, leaf.element().typeLength()) : -1;
        Long unencoded = md.type() == PhysicalType.BYTE_ARRAY && md.sizeStatistics() != null
                ? md.sizeStatistics().unencodedByteArrayDataBytes() : null;
        DictPage dict = hasDictionaryPage(md) ? dictionary(md, fixed) : null;
        long valueBytes;
        if (unencoded != null && unencoded >= 0) valueBytes = unencoded;
        else if (fixed >= 0) valueBytes = nonNull * fixed;
        else if (dict != null && dict.entries > 0) valueBytes = (long) Math.ceil((double) dict.dictBytes / dict.entries * nonNull);
        else valueBytes = plainValueBytes(md, uncompressedBytes(md), nonNull, dict);
        if (dict != null && allDictionary(md)) return new Dict(slots, nulls, dict.entries, dict.dictBytes, valueBytes);
        return new Binary(slots, nulls, valueBytes);
    }

    /**
     * Value bytes of a non-dictionary BYTE_ARRAY chunk from its uncompressed size: less the
     * 4-byte length before each PLAIN value; DELTA_BYTE_ARRAY shares prefixes between values, so
     * there at least the non-null count times the shorter of the min and max statistics.
     */
    private static long plainValueBytes(ColumnMetaData md, long uncompressed, long nonNull, DictPage dict) {
        long bytes = uncompressed;
        if (dict != null) bytes -= dict.pageBytes;
        List<Encoding> enc = dataEncodings(md);
        if (enc.contains(Encoding.PLAIN) || enc.isEmpty()) bytes -= nonNull * INT;
        bytes = Math.max(0, bytes);
        if (enc.contains(Encoding.DELTA_BYTE_ARRAY) && md.statistics() != null) {
            Statistics st = md.statistics();
            byte[] min = st.minValue() != null ? st.minValue() : st.min();
            byte[] max = st.maxValue() != null ? st.maxValue() : st.max();
            if (min != null && max != null) bytes = Math.max(bytes, nonNull * Math.min(min.length, max.length));
        }
        return bytes;
    }

    /** Encodings of the data pages (from the page encoding stats when given, else every encoding listed). */
    private static List<Encoding> dataEncodings(ColumnMetaData md) {
        if (md.encodingStats().isEmpty()) return md.encodings();
        List<Encoding> out = new ArrayList<>();
        for (PageEncodingStats s : md.encodingStats()) {
            boolean data = s.pageType() == PageType.DATA_PAGE || s.pageType() == PageType.DATA_PAGE_V2;
            if (data && s.count() > 0 && s.encoding() != null) out.add(s.encoding());
        }
        return out;
    }

    /**
     * Level entries of the chunk whose definition level is below the leaf's maximum (nulls at any
     * level, empty lists), from the definition level histogram or the null count; -1 when unknown.
     */
    private static long absentLevels(ColumnMetaData md, SchemaNode leaf) {
        if (leaf.defLevel() == 0) return 0;
        List<Long> hist = defHistogram(md, leaf);
        if (hist != null) {
            long absent = 0;
            for (int d = 0; d < leaf.defLevel(); d++) absent += hist.get(d);
            return absent;
        }
        Statistics s = md.statistics();
        return s != null && s.nullCount() != null && s.nullCount() >= 0 ? s.nullCount() : -1;
    }

    /** The definition level histogram when the footer has a complete one, else null. */
    private static List<Long> defHistogram(ColumnMetaData md, SchemaNode leaf) {
        SizeStatistics s = md.sizeStatistics();
        if (s == null || s.definitionLevelHistogram().size() != leaf.defLevel() + 1) return null;
        for (Long v : s.definitionLevelHistogram()) if (v == null || v < 0) return null;
        return s.definitionLevelHistogram();
    }

    /**
     * Whether some slot of {@code node} is null: some level entry of its first leaf is defined up
     * to the slot ({@code present}) but not up to the node. Unknown counts mean yes.
     */
    private static boolean nullsAt(SchemaNode node, int present, ColumnMetaData leafMd, long slots) {
        if (node.defLevel() <= present || slots == 0) return false;
        if (leafMd == null) return false;
        SchemaNode leaf = node.firstLeaf();
        List<Long> hist = defHistogram(leafMd, leaf);
        if (hist != null) {
            long n = 0;
            for (int d = present; d < node.defLevel(); d++) n += hist.get(d);
            return n > 0;
        }
        Statistics s = leafMd.statistics();
        return s == null || s.nullCount() == null || s.nullCount() != 0;
    }

    /**
     * Element slots of the lists whose repeated node is {@code repeated}, {@code parents} lists in
     * all. For the leaf's own list level: exact from the definition level histogram, or the level
     * entries less the null count when nothing below the list can be null, else the level
     * entries (which also count empty and null lists). For outer list levels: the level entries
     * up to that repetition level.
     */
    private static long elementSlots(SchemaNode repeated, SchemaNode leaf, ColumnMetaData md, long parents) {
        if (md == null) return 0;
        long levels = Math.max(0, md.numValues());
        if (repeated.repLevel() == leaf.repLevel()) {
            List<Long> hist = defHistogram(md, leaf);
            if (hist != null) {
                long n = 0;
                for (int d = repeated.defLevel(); d <= leaf.defLevel(); d++) n += hist.get(d);
                return n;
            }
            // Entries below the leaf's level are then all empty or null lists.
            long absent = absentLevels(md, leaf);
            if (leaf.defLevel() == repeated.defLevel() && absent >= 0) return Math.max(0, levels - absent);
            return levels;
        }
        SizeStatistics s = md.sizeStatistics();
        if (s != null && s.repetitionLevelHistogram().size() == leaf.repLevel() + 1) {
            long n = 0;
            for (int r = 0; r <= repeated.repLevel(); r++) n += Math.max(0, s.repetitionLevelHistogram().get(r));
            return n;
        }
        return Math.max(levels, parents);
    }

    // ---- Dictionaries ----

    /**
     * What the dictionary of a chunk decodes to: {@code entries} values of {@code dictBytes}
     * bytes; {@code pageBytes} is the dictionary page's uncompressed size.
     */
    private record DictPage(long entries, long dictBytes, long pageBytes) {}

    /** Cached answer for a chunk whose first page is not a dictionary page. */
    private static final DictPage NO_DICTIONARY = new DictPage(-1, 0, 0);

    /** Whether the chunk may start with a dictionary page (also when the writer listed no encodings). */
    private static boolean hasDictionaryPage(ColumnMetaData md) {
        Long dict = md.dictionaryPageOffset();
        if (dict != null && dict > 0) return true;
        List<Encoding> enc = md.encodings();
        return enc.isEmpty() || enc.contains(Encoding.PLAIN_DICTIONARY) || enc.contains(Encoding.RLE_DICTIONARY);
    }

    /**
     * The chunk's dictionary from its page header, read once from the mapped file (null when the
     * chunk's first page is not a dictionary page); without a readable header, a bound: the
     * dictionary page's stored span times 4, at most the chunk's uncompressed size.
     */
    private DictPage dictionary(ColumnMetaData md, int fixed) {
        DictPage d = dictionaries.computeIfAbsent(md.chunkStartOffset(), start -> readDictionary(md, start, fixed));
        return d == NO_DICTIONARY ? null : d;
    }

    /**
     * The chunk's uncompressed size as its footer states it, but no more than its compressed bytes
     * (within the file) can decompress to: a corrupt footer must not pass for a file too large to read.
     */
    private long uncompressedBytes(ColumnMetaData md) {
        return uncompressedBytes(md, file == null ? Long.MAX_VALUE : file.byteSize());
    }

    /** {@link #uncompressedBytes(ColumnMetaData)} for a chunk of a file of {@code fileSize} bytes. */
    public static long uncompressedBytes(ColumnMetaData md, long fileSize) {
        long compressed = Math.min(Math.max(0, md.totalCompressedSize()), fileSize);
        return Math.min(Math.max(0, md.totalUncompressedSize()), Decompressors.maxDecompressedSize(md.codec(), compressed));
    }

    private DictPage readDictionary(ColumnMetaData md, long start, int fixed) {
        if (file != null && start >= 4) {
            try {
                long end = Math.min(file.byteSize(), start + Math.max(0, md.totalCompressedSize()));
                if (start < end) {
                    PageHeader h = MetadataParser.parsePageHeader(file, start, end);
                    if (h.type() != PageType.DICTIONARY_PAGE) return NO_DICTIONARY;
                    if (h.dictionaryPageHeader() != null && h.dictionaryPageHeader().numValues() >= 0 && h.uncompressedPageSize() >= 0) {
                        long entries = h.dictionaryPageHeader().numValues();
                        long page = h.uncompressedPageSize();
                        long bytes = fixed >= 0 ? entries * fixed : Math.max(0, page - entries * INT);
                        return new DictPage(entries, bytes, page);
                    }
                }
            } catch (RuntimeException e) {
                // Unreadable (or already unmapped): fall back to the bound.
            } catch (InternalError e) {
                if (!MappingFault.is(e)) throw e;   // the file shrank under the mapping: the read itself reports it
            }
        }
        long bound = uncompressedBytes(md);
        Long dict = md.dictionaryPageOffset();
        if (dict != null && dict > 0 && dict < md.dataPageOffset()) bound = Math.min(bound, (md.dataPageOffset() - dict) * 4);
        return new DictPage(0, bound, bound);
    }

    /** Whether every data page of the chunk is dictionary-encoded (so it decodes to indices). */
    private static boolean allDictionary(ColumnMetaData md) {
        List<PageEncodingStats> stats = md.encodingStats();
        if (stats != null && !stats.isEmpty()) {
            for (PageEncodingStats s : stats) {
                boolean data = s.pageType() == PageType.DATA_PAGE || s.pageType() == PageType.DATA_PAGE_V2;
                if (data && s.encoding() != Encoding.PLAIN_DICTIONARY && s.encoding() != Encoding.RLE_DICTIONARY && s.count() > 0) return false;
            }
            return true;
        }
        List<Encoding> enc = md.encodings();
        if (enc.isEmpty()) return true;   // nothing listed, but a dictionary page was found: the reader keeps indices
        boolean dict = enc.contains(Encoding.PLAIN_DICTIONARY) || enc.contains(Encoding.RLE_DICTIONARY);
        return dict && !enc.contains(Encoding.PLAIN) || dict && md.dictionaryPageOffset() != null && enc.size() <= 3;
    }
}
