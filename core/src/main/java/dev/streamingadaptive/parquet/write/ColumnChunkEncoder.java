package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.parquet.meta.Encoding;
import dev.streamingadaptive.parquet.meta.PageType;
import dev.streamingadaptive.parquet.meta.PhysicalType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes one column chunk (all pages of one column in one row group) into the chunk buffer of the
 * {@link Buffers} it is given. One instance per column, reused across row groups; the buffers
 * belong to the thread doing the encoding, so columns of a row group can be encoded in parallel.
 */
final class ColumnChunkEncoder {
    /** Rows [from, from + len) of a column. */
    record Segment(Column column, int from, int len) {}

    /** What the footer needs to know about an encoded chunk; offsets relative to the chunk start. */
    record Result(long numValues, long totalUncompressed, long totalCompressed, int dictionaryPageBytes,
                  List<Encoding> encodings, long nullCount, byte[] min, byte[] max, PageIndexBuilder.Pages pages) {
        /** This result without its pages, once they are written to the page index. */
        Result withoutPages() {
            return new Result(numValues, totalUncompressed, totalCompressed, dictionaryPageBytes, encodings, nullCount, min, max, null);
        }
    }

    private final LeafSpec spec;
    private final WriterOptions options;
    private final ValueWriter values;
    private final PageIndexBuilder pages;
    private final boolean dictionaryEncoded;
    private final boolean numbersEncoded;
    /** Whether PLAIN chunks of this leaf try DELTA_BINARY_PACKED (flat INT32/INT64). */
    private final boolean deltaCandidate;
    private static final int UNDECIDED = 0, DELTA = 1, NO_DELTA = 2;
    private int deltaChoice;
    /** Collects the chunk's distinct values when the column has a Bloom filter; null otherwise. */
    private final BloomFilterBuilder bloom;
    private byte[] bloomFilter;
    // bound to the encoding thread's buffers for the duration of one encode() call
    private Buffers buffers;
    private PageCompressor compressor;
    private ByteSink chunk;
    private ByteSink page;
    private ByteSink body;
    private ByteSink levels;
    private ThriftCompactWriter header;
    private CRC32 crc;
    private int[] lenOut;
    private BinaryDictionary dictionary;
    private byte[] defs;
    private int[] ids;
    private int[] pageIds;
    private long totalUncompressed, totalCompressed;
    /** Rows without a value seen by the last dictionary builder. */
    private long dictionaryNulls;
    /** The levels of the chunk being encoded when the leaf is nested; null for flat columns. */
    private LevelShredder.Shredded nested;
    private int maxDef, maxRep;
    private final LinkedHashSet<Encoding> encodings = new LinkedHashSet<>();

    /**
     * Scratch space of one encoding thread, shared by the column encoders it runs one after another:
     * about one encoded chunk plus one page, and the thread's compressor.
     */
    static final class Buffers {
        final PageCompressor compressor;
        final ByteSink chunk = new ByteSink(1 << 16);
        final ByteSink page = new ByteSink(1 << 16);
        final ByteSink body = new ByteSink(1 << 16);
        final ByteSink levels = new ByteSink(1 << 12);
        final ThriftCompactWriter header = new ThriftCompactWriter();
        final CRC32 crc = new CRC32();
        final int[] lenOut = new int[1];
        final BinaryDictionary dictionary;
        final NumericDictionary numbers;
        final ByteSink numbersPage = new ByteSink(1 << 12);
        final ByteSink delta = new ByteSink(1 << 12);
        final DeltaBinaryPackedEncoder deltaEncoder = new DeltaBinaryPackedEncoder();
        byte[] defs = new byte[0];
        int[] ids = new int[0];
        int[] pageIds = new int[0];

        Buffers(WriterOptions options) {
            dictionary = new BinaryDictionary(options.maxDictionaryEntries(), options.maxDictionaryBytes());
            numbers = new NumericDictionary(options.maxDictionaryEntries());
            compressor = new PageCompressor(options.codec(), options.compressionLevel());
        }

        /** Bytes these buffers hold now (they grow to one encoded chunk and one row group's levels). */
        long retainedBytes() {
            return (long) chunk.array().length + page.array().length + body.array().length + levels.array().length
                    + defs.length + 4L * ids.length + 4L * pageIds.length + dictionary.retainedBytes() + numbers.retainedBytes()
                    + numbersPage.array().length + delta.array().length;
        }
    }

    ColumnChunkEncoder(LeafSpec spec, WriterOptions options, boolean bloomFilter) {
        this.spec = spec;
        this.bloom = bloomFilter && spec.physical() != PhysicalType.BOOLEAN ? new BloomFilterBuilder(spec, options.bloomFilterFpp()) : null;
        this.options = options;
        this.values = ValueWriter.create(spec);
        this.pages = new PageIndexBuilder(spec);
        this.dictionaryEncoded = spec.physical() == PhysicalType.BYTE_ARRAY && options.dictionary();
        this.numbersEncoded = options.dictionary() && numericDictionary(spec);
        this.deltaCandidate = spec.physical() == PhysicalType.INT32 || spec.physical() == PhysicalType.INT64;
    }

    private void bind(Buffers b) {
        buffers = b;
        compressor = b.compressor;
        chunk = b.chunk;
        page = b.page;
        body = b.body;
        levels = b.levels;
        header = b.header;
        crc = b.crc;
        lenOut = b.lenOut;
        dictionary = dictionaryEncoded ? b.dictionary : null;
    }

    /** Encodes the rows of {@code segments} into {@code into.chunk}, using {@code into}'s scratch space and compressor. */
    Result encode(Buffers into, List<Segment> segments, int rows) {
        bind(into);
        chunk.reset();
        totalUncompressed = totalCompressed = 0;
        encodings.clear();
        values.resetChunk();
        pages.reset();
        resetBloom();
        if (buffers.defs.length < rows) buffers.defs = new byte[rows];
        defs = buffers.defs;
        if (dictionary != null || numbersEncoded) {
            Entries e = dictionary != null ? binaryDictionary(segments, rows) : numericDictionary(segments, rows);
            if (e != null) return writeDictionaryChunk(rows, dictionaryNulls, e);
            chunk.reset();
            totalUncompressed = totalCompressed = 0;
            encodings.clear();
            values.resetChunk();
            pages.reset();
        }
        return plain(segments, rows);
    }

    /**
     * Encodes a nested leaf's chunk from its shredded levels: data pages hold whole records (a page
     * never splits a row's repeated values), rep and def levels RLE-encoded, the values PLAIN or
     * through the chunk's dictionary.
     */
    Result encodeNested(Buffers into, LevelShredder.Shredded shredded, int maxDef, int maxRep) {
        bind(into);
        chunk.reset();
        totalUncompressed = totalCompressed = 0;
        encodings.clear();
        values.resetChunk();
        pages.reset();
        resetBloom();
        this.nested = shredded;
        this.maxDef = maxDef;
        this.maxRep = maxRep;
        try {
            int k = shredded.valueCount();
            if (buffers.defs.length < k) buffers.defs = new byte[k];
            defs = buffers.defs;
            if (k > 0 && (dictionary != null || numbersEncoded)) {
                Entries e = dictionary != null ? binaryDictionary(shredded.values(), k) : numericDictionary(shredded.values(), k);
                if (e != null) return nestedDictionaryChunk(e);
                chunk.reset();
                totalUncompressed = totalCompressed = 0;
                encodings.clear();
                values.resetChunk();
                pages.reset();
            }
            return nestedPlain();
        } finally {
            this.nested = null;
        }
    }

    private void resetBloom() {
        bloomFilter = null;
        if (bloom != null) bloom.reset();
    }

    /** The Bloom filter bitset of the last chunk encoded (null without one), handed over once. */
    byte[] takeBloomFilter() {
        byte[] b = bloomFilter;
        bloomFilter = null;
        return b;
    }

    long retainedBytes() {
        return bloom == null ? 0 : bloom.retainedBytes();
    }

    /** The first entry after the record starting at entry {@code e}. */
    private int recordEnd(int e) {
        int[] rep = nested.rep();
        int end = e + 1;
        while (end < nested.count() && rep[end] != 0) end++;
        return end;
    }

    private int valuesIn(int from, int to) {
        int[] def = nested.def();
        int n = 0;
        for (int e = from; e < to; e++) if (def[e] == maxDef) n++;
        return n;
    }

    private Result nestedPlain() {
        int limit = options.pageSizeBytes();
        List<Segment> pieces = nested.values();
        int piece = 0, inPiece = 0;
        int e = 0, v = 0, record = 0;
        do {
            int e0 = e, v0 = v, r0 = record;
            page.reset();
            while (e < nested.count()) {
                int end = recordEnd(e);
                int n = valuesIn(e, end);
                // append n values, moving across the pieces (one per input batch)
                while (n > 0) {
                    Segment p = pieces.get(piece);
                    int take = Math.min(n, p.len() - inPiece);
                    values.append(p.column(), p.from() + inPiece, p.from() + inPiece + take, defs, 0, page, Integer.MAX_VALUE);
                    inPiece += take;
                    n -= take;
                    v += take;
                    if (inPiece == p.len()) {
                        piece++;
                        inPiece = 0;
                    }
                }
                e = end;
                record++;
                if (page.size() >= limit) break;
            }
            ByteSink vals = values.finishValues(page);
            if (bloom != null) bloom.addPlain(vals.array(), 0, vals.size());
            writeNestedDataPage(e0, e, v - v0, vals, Encoding.PLAIN, values.min(), values.max(), r0, record - r0);
            values.resetStats();
            page.resetAndTrim(options.pageSizeBytes() + (1 << 16));
        } while (e < nested.count());
        encodings.add(Encoding.PLAIN);
        return result(nested.count(), 0, nested.count() - nested.valueCount());
    }

    private Result nestedDictionaryChunk(Entries dict) {
        int[] rankToId = dict.order();
        int dictBytes = writeDictionaryPage(dict);
        int bitWidth = Math.max(1, RleHybridEncoder.bitWidth(Math.max(0, dict.size() - 1)));
        int perPage = (int) Math.max(1024, Math.min(Integer.MAX_VALUE, (long) options.pageSizeBytes() * 8 / bitWidth));
        int[] rank = rankToId == null ? null : ranks(rankToId);
        int e = 0, v = 0, record = 0;
        do {
            int e0 = e, v0 = v, r0 = record;
            while (e < nested.count() && v - v0 < perPage) {
                int end = recordEnd(e);
                v += valuesIn(e, end);
                e = end;
                record++;
            }
            page.reset();
            int n = v - v0;
            if (n > 0) {
                byte[][] minMax = idPage(ids, v0, v, bitWidth, dict, rankToId, rank);
                writeNestedDataPage(e0, e, n, page, Encoding.RLE_DICTIONARY, minMax[0], minMax[1], r0, record - r0);
            } else {
                writeNestedDataPage(e0, e, 0, page, Encoding.PLAIN, null, null, r0, record - r0);
            }
        } while (e < nested.count());
        encodings.add(Encoding.RLE_DICTIONARY);
        return result(nested.count(), dictBytes, nested.count() - nested.valueCount());
    }

    /**
     * Writes level entries [from, to) — {@code records} whole records holding {@code valueCount}
     * values, encoded in {@code vals} — as one data page, and records it for the page index.
     */
    private void writeNestedDataPage(int from, int to, int valueCount, ByteSink vals, Encoding encoding, byte[] min, byte[] max,
                                     int firstRecord, int records) {
        int entries = to - from;
        int pageStart = chunk.size();
        int nulls = entries - valueCount;
        boolean v2 = options.dataPageV2();
        levels.reset();
        int repLen = 0;
        if (maxRep > 0) {
            if (!v2) levels.putIntLE(0);
            int before = levels.size();
            RleHybridEncoder.encode(nested.rep(), from, to, RleHybridEncoder.bitWidth(maxRep), levels);
            repLen = levels.size() - before;
            if (!v2) levels.setIntLE(before - 4, repLen);
        }
        if (maxDef > 0) {
            if (!v2) levels.putIntLE(0);
            int before = levels.size();
            RleHybridEncoder.encode(nested.def(), from, to, RleHybridEncoder.bitWidth(maxDef), levels);
            if (!v2) levels.setIntLE(before - 4, levels.size() - before);
        }
        if (v2) {
            writePageV2(vals, entries, nulls, records, encoding, levels.size() - repLen, repLen);
        } else {
            body.reset();
            body.put(levels);
            body.put(vals);
            writePage(PageType.DATA_PAGE, body, entries, encoding.id);
        }
        pages.add(pageStart, chunk.size() - pageStart, firstRecord, entries, nulls, min, max);
        body.resetAndTrim(options.pageSizeBytes() + (1 << 16));
    }

    // ------------------------------------------------------------------ PLAIN

    private Result plain(List<Segment> segments, int rows) {
        int limit = options.pageSizeBytes();
        deltaChoice = deltaCandidate ? UNDECIDED : NO_DELTA;
        page.reset();
        int pageStart = 0;
        int row = 0;
        for (Segment s : segments) {
            int r = s.from();
            int end = s.from() + s.len();
            while (r < end) {
                int next = values.append(s.column(), r, end, defs, row, page, limit);
                row += next - r;
                r = next;
                if (r < end || pageFull(limit)) {
                    flushPlainPage(pageStart, row);
                    pageStart = row;
                }
            }
        }
        if (row > pageStart || row == 0) flushPlainPage(pageStart, row);
        encodings.add(deltaChoice == DELTA ? Encoding.DELTA_BINARY_PACKED : Encoding.PLAIN);
        return result(rows, 0, values.nullCount);
    }

    private boolean pageFull(int limit) {
        return page.size() >= limit;
    }

    private void flushPlainPage(int from, int to) {
        ByteSink v = values.finishValues(page);
        if (bloom != null) bloom.addPlain(v.array(), 0, v.size());
        Encoding encoding = Encoding.PLAIN;
        if (deltaChoice != NO_DELTA) {
            int width = spec.physical() == PhysicalType.INT32 ? 4 : 8;
            buffers.delta.reset();
            buffers.deltaEncoder.encode(v, width, buffers.delta);
            // decided on the chunk's first page: DELTA when it saves a quarter of the bytes (sorted
            // ids, timestamps, counters), else PLAIN for the whole chunk
            if (deltaChoice == UNDECIDED) deltaChoice = buffers.delta.size() * 4L <= v.size() * 3L ? DELTA : NO_DELTA;
            if (deltaChoice == DELTA) {
                v = buffers.delta;
                encoding = Encoding.DELTA_BINARY_PACKED;
            }
        }
        writeDataPage(from, to, v, encoding, values.min(), values.max());
        values.resetStats();   // statistics are kept per page; the chunk's are folded from them
        page.resetAndTrim(options.pageSizeBytes() + (1 << 16));
    }

    // ------------------------------------------------------------------ dictionary

    /** Dictionary-encodes a BYTE_ARRAY chunk; null when the dictionary outgrows its limits. */
    private Entries binaryDictionary(List<Segment> segments, int rows) {
        BinaryDictionary dict = dictionary;
        dict.reset();
        if (buffers.ids.length < rows) buffers.ids = new int[rows];
        ids = buffers.ids;
        long nulls = 0;
        int row = 0;
        Map<Column, int[]> remaps = null;
        for (Segment s : segments) {
            Column col = s.column();
            int end = s.from() + s.len();
            if (col instanceof NullColumn) {
                row = allNull(col, row, s.len());
                nulls += s.len();
                continue;
            }
            Column base = col instanceof DictionaryColumn d ? d.dictionary() : col;
            if (!(base instanceof BinaryColumn bc)) throw values.wrongColumn(base);
            int[] off = bc.rawOffsets();
            byte[] data = bc.rawData();
            int[] map = null;
            int[] remap = null;
            if (col instanceof DictionaryColumn d) {
                map = d.rawIndices();
                if (remaps == null) remaps = new IdentityHashMap<>();
                remap = remaps.get(base);
                if (remap == null) {
                    remap = new int[base.size()];
                    Arrays.fill(remap, -1);
                    remaps.put(base, remap);
                }
            }
            if (remap != null && col.nullCount() == 0) {
                // the common case of dictionary-encoded input without nulls: one table lookup per row
                for (int r = s.from(); r < end; r++, row++) {
                    int j = map[r];
                    int id = remap[j];
                    if (id < 0) {
                        id = dict.add(data, off[j], off[j + 1] - off[j]);
                        if (id < 0) return null;
                        remap[j] = id;
                    }
                    ids[row] = id;
                }
                Arrays.fill(defs, row - s.len(), row, (byte) 1);
                continue;
            }
            for (int r = s.from(); r < end; r++, row++) {
                if (col.isNull(r)) {
                    values.requireNullable(col);
                    defs[row] = 0;
                    nulls++;
                    continue;
                }
                defs[row] = 1;
                int j = map == null ? r : map[r];
                int id;
                if (remap != null) {
                    id = remap[j];
                    if (id < 0) {
                        id = dict.add(data, off[j], off[j + 1] - off[j]);
                        if (id < 0) return null;
                        remap[j] = id;
                    }
                } else {
                    id = dict.add(data, off[j], off[j + 1] - off[j]);
                    if (id < 0) return null;
                }
                ids[row] = id;
            }
        }
        if (dict.size() == 0) return null;  // all null: PLAIN pages carry only levels
        dictionaryNulls = nulls;
        return new BinaryEntries(dict, spec.minMax());
    }

    /** Marks {@code len} rows from {@code row} null (a NullColumn segment); returns the row after them. */
    private int allNull(Column col, int row, int len) {
        values.requireNullable(col);
        Arrays.fill(defs, row, row + len, (byte) 0);
        return row + len;
    }

    /** Values after which a numeric dictionary holding nearly as many entries (15/16) is abandoned. */
    private static final int PROBE_VALUES = 4096;

    /** Whether this leaf's values can be dictionary-encoded from their raw bits (no narrowing or normalising on the way). */
    private static boolean numericDictionary(LeafSpec spec) {
        return switch (spec.physical()) {
            case INT32 -> switch (spec.type().kind()) {
                case INT32, DATE, TIME, DECIMAL -> true;
                default -> false;
            };
            case INT64 -> !spec.unsigned();
            case FLOAT, DOUBLE -> spec.type().kind() != dev.streamingadaptive.frame.DataType.Kind.FLOAT16;
            default -> false;
        };
    }

    /**
     * Dictionary-encodes an INT32/INT64/FLOAT/DOUBLE chunk read from int/long/float/double columns;
     * null (and PLAIN is written) for other column classes or when the values are too many.
     */
    private Entries numericDictionary(List<Segment> segments, int rows) {
        NumericDictionary dict = buffers.numbers;
        dict.reset();
        if (buffers.ids.length < rows) buffers.ids = new int[rows];
        ids = buffers.ids;
        long nulls = 0;
        int row = 0;
        for (Segment s : segments) {
            Column col = s.column();
            int end = s.from() + s.len();
            if (col instanceof NullColumn) {
                row = allNull(col, row, s.len());
                nulls += s.len();
                continue;
            }
            int[] ints = null;
            long[] longs = null;
            float[] floats = null;
            double[] doubles = null;
            Column base = col instanceof DictionaryColumn d ? d.dictionary() : col;
            int[] map = col instanceof DictionaryColumn d ? d.rawIndices() : null;
            switch (spec.physical()) {
                case INT32 -> { if (base instanceof IntColumn c) ints = c.rawValues(); else return null; }
                case INT64 -> { if (base instanceof LongColumn c) longs = c.rawValues(); else return null; }
                case FLOAT -> { if (base instanceof FloatColumn c) floats = c.rawValues(); else return null; }
                default -> { if (base instanceof DoubleColumn c) doubles = c.rawValues(); else return null; }
            }
            for (int r = s.from(); r < end; r++, row++) {
                if (col.isNull(r)) {
                    values.requireNullable(col);
                    defs[row] = 0;
                    nulls++;
                    continue;
                }
                defs[row] = 1;
                int x = map == null ? r : map[r];
                long bits = ints != null ? ints[x] : longs != null ? longs[x]
                        : floats != null ? Float.floatToRawIntBits(floats[x]) : Double.doubleToRawLongBits(doubles[x]);
                int id = dict.add(bits);
                if (id < 0) return null;
                ids[row] = id;
                // values that do not repeat early (ids, timestamps, measurements) are not worth a dictionary:
                // give up after a sample instead of filling it to its limit
                if (row - nulls == PROBE_VALUES && dict.size() > PROBE_VALUES - PROBE_VALUES / 16) return null;
            }
        }
        if (dict.size() == 0) return null;
        int width = spec.physical() == PhysicalType.INT32 || spec.physical() == PhysicalType.FLOAT ? 4 : 8;
        if ((long) dict.size() * width > options.maxDictionaryBytes()) return null;
        // a dictionary that barely repeats only costs: keep PLAIN unless values repeat at least twice on average
        if ((long) dict.size() * 2 > rows - nulls) return null;
        dictionaryNulls = nulls;
        return new NumericEntries(dict, spec, buffers.numbersPage);
    }

    /** A chunk's dictionary as the page writer needs it. */
    private interface Entries {
        int size();

        /** The PLAIN-encoded dictionary page body. */
        ByteSink page();

        /** Ids sorted by value (rank to id), or null when the values have no min/max. */
        int[] order();

        /** Entry {@code id} as a statistics minimum / maximum; null when it cannot be one. */
        byte[] asMin(int id);

        byte[] asMax(int id);
    }

    private record BinaryEntries(BinaryDictionary dict, boolean minMax) implements Entries {
        @Override public int size() { return dict.size(); }
        @Override public ByteSink page() { return dict.plain(); }
        @Override public int[] order() { return minMax ? dictionaryOrder(dict) : null; }
        @Override public byte[] asMin(int id) { return entry(dict, id); }
        @Override public byte[] asMax(int id) { return entry(dict, id); }
    }

    private record NumericEntries(NumericDictionary dict, LeafSpec spec, ByteSink out) implements Entries {
        @Override public int size() { return dict.size(); }

        @Override
        public ByteSink page() {
            out.reset();
            boolean four = spec.physical() == PhysicalType.INT32 || spec.physical() == PhysicalType.FLOAT;
            for (int id = 0; id < dict.size(); id++) {
                if (four) out.putIntLE((int) dict.value(id));
                else out.putLongLE(dict.value(id));
            }
            return out;
        }

        @Override
        public int[] order() {
            if (!spec.minMax()) return null;
            Integer[] order = new Integer[dict.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                if (isNaN(dict.value(i))) return null;   // NaN: no min/max, as for PLAIN pages
            }
            Arrays.sort(order, (x, y) -> compare(dict.value(x), dict.value(y)));
            int[] out = new int[order.length];
            for (int i = 0; i < out.length; i++) out[i] = order[i];
            return out;
        }

        private boolean isNaN(long bits) {
            return switch (spec.physical()) {
                case FLOAT -> Float.isNaN(Float.intBitsToFloat((int) bits));
                case DOUBLE -> Double.isNaN(Double.longBitsToDouble(bits));
                default -> false;
            };
        }

        private int compare(long a, long b) {
            return switch (spec.physical()) {
                case INT32 -> Integer.compare((int) a, (int) b);
                case FLOAT -> Float.compare(Float.intBitsToFloat((int) a), Float.intBitsToFloat((int) b));
                case DOUBLE -> Double.compare(Double.longBitsToDouble(a), Double.longBitsToDouble(b));
                default -> Long.compare(a, b);
            };
        }

        // Spec: a zero minimum is written as -0.0 and a zero maximum as +0.0.
        @Override public byte[] asMin(int id) { return bytes(dict.value(id), true); }

        @Override public byte[] asMax(int id) { return bytes(dict.value(id), false); }

        private byte[] bytes(long bits, boolean min) {
            return switch (spec.physical()) {
                case INT32 -> ValueWriter.le32((int) bits);
                case FLOAT -> Float.intBitsToFloat((int) bits) == 0 ? ValueWriter.le32(Float.floatToRawIntBits(min ? -0.0f : 0.0f))
                        : ValueWriter.le32((int) bits);
                case DOUBLE -> Double.longBitsToDouble(bits) == 0 ? ValueWriter.le64(Double.doubleToRawLongBits(min ? -0.0 : 0.0))
                        : ValueWriter.le64(bits);
                default -> ValueWriter.le64(bits);
            };
        }
    }

    /** Writes the dictionary page and the RLE_DICTIONARY data pages of ids[0, rows) (defs say which rows have one). */
    /** Writes the chunk's dictionary page (its values also go into the Bloom filter); returns the chunk's bytes so far. */
    private int writeDictionaryPage(Entries dict) {
        ByteSink dictionaryPage = dict.page();
        if (bloom != null) bloom.addPlain(dictionaryPage.array(), 0, dictionaryPage.size());
        writePage(PageType.DICTIONARY_PAGE, dictionaryPage, dict.size(), Encoding.PLAIN.id);
        encodings.add(Encoding.PLAIN);
        return chunk.size();
    }

    /**
     * Puts ids src[from, to) into {@code page} (bit width byte, then RLE/bit-packed) and returns the
     * page's {min, max} from the dictionary's order ({null, null} when the values have none).
     */
    private byte[][] idPage(int[] src, int from, int to, int bitWidth, Entries dict, int[] rankToId, int[] rank) {
        byte[][] minMax = new byte[2][];
        if (rank != null) {
            int lo = Integer.MAX_VALUE, hi = -1;
            for (int i = from; i < to; i++) {
                int k = rank[src[i]];
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
            }
            minMax[0] = dict.asMin(rankToId[lo]);
            minMax[1] = dict.asMax(rankToId[hi]);
        }
        page.put(bitWidth);
        RleHybridEncoder.encode(src, from, to, bitWidth, page);
        return minMax;
    }

    private Result writeDictionaryChunk(int rows, long nulls, Entries dict) {
        int[] rankToId = dict.order();
        int dictBytes = writeDictionaryPage(dict);
        int bitWidth = Math.max(1, RleHybridEncoder.bitWidth(Math.max(0, dict.size() - 1)));
        int perPage = (int) Math.max(1024, Math.min(Integer.MAX_VALUE, (long) options.pageSizeBytes() * 8 / bitWidth));
        if (buffers.pageIds.length < Math.min(perPage, rows)) buffers.pageIds = new int[Math.min(perPage, rows)];
        pageIds = buffers.pageIds;
        int[] rank = rankToId == null ? null : ranks(rankToId);
        int start = 0;
        do {
            int end = Math.min(rows, start + perPage);
            int present = 0;
            for (int r = start; r < end; r++) present += defs[r];
            // the page's ids: ids[start, end) itself when no row is null, else the non-null ones gathered
            int[] src = ids;
            int from = start, n = present;
            if (present < end - start) {
                src = pageIds;
                from = 0;
                int k = 0;
                for (int r = start; r < end; r++) if (defs[r] != 0) pageIds[k++] = ids[r];
            }
            page.reset();
            if (n > 0) {
                byte[][] minMax = idPage(src, from, from + n, bitWidth, dict, rankToId, rank);
                writeDataPage(start, end, page, Encoding.RLE_DICTIONARY, minMax[0], minMax[1]);
            } else {
                writeDataPage(start, end, page, Encoding.PLAIN, null, null);
            }
            start = end;
        } while (start < rows);
        encodings.add(Encoding.RLE_DICTIONARY);
        return result(rows, dictBytes, nulls);
    }

    /** Dictionary ids sorted by their values (unsigned bytes): rank to id. */
    private static int[] dictionaryOrder(BinaryDictionary dict) {
        byte[] b = dict.bytes();
        Integer[] order = new Integer[dict.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Arrays.compareUnsigned(b, dict.start(x), dict.start(x) + dict.length(x),
                b, dict.start(y), dict.start(y) + dict.length(y)));
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) out[i] = order[i];
        return out;
    }

    private static int[] ranks(int[] rankToId) {
        int[] rank = new int[rankToId.length];
        for (int k = 0; k < rankToId.length; k++) rank[rankToId[k]] = k;
        return rank;
    }

    /** A dictionary entry as a statistics value; null when longer than statistics keep. */
    private static byte[] entry(BinaryDictionary dict, int id) {
        int len = dict.length(id);
        if (len > ValueWriter.MAX_STAT_BYTES) return null;
        return Arrays.copyOfRange(dict.bytes(), dict.start(id), dict.start(id) + len);
    }

    // ------------------------------------------------------------------ pages

    private Result result(int rows, int dictBytes, long nulls) {
        if (bloom != null) bloomFilter = bloom.build();
        List<Encoding> enc = new ArrayList<>(encodings);
        if (nested != null ? maxDef > 0 || maxRep > 0 : spec.optional()) enc.add(Encoding.RLE);
        return new Result(rows, totalUncompressed, totalCompressed, dictBytes, List.copyOf(enc), nulls,
                pages.chunkMin(), pages.chunkMax(), pages.finish());
    }

    /**
     * Writes rows [from, to) as one data page whose encoded non-null values are {@code vals} and
     * records it for the page index (min/max PLAIN-encoded, null when the page has none).
     */
    private void writeDataPage(int from, int to, ByteSink vals, Encoding encoding, byte[] min, byte[] max) {
        int rows = to - from;
        int pageStart = chunk.size();
        int nulls = 0;
        levels.reset();
        if (spec.optional()) {
            for (int i = from; i < to; i++) nulls += 1 - defs[i];
            if (!options.dataPageV2()) levels.putIntLE(0);
            int before = levels.size();
            RleHybridEncoder.encodeLevels(defs, from, to, nulls, levels);
            if (!options.dataPageV2()) levels.setIntLE(0, levels.size() - before);
        }
        if (options.dataPageV2()) {
            writePageV2(vals, rows, nulls, rows, encoding, levels.size(), 0);
        } else {
            body.reset();
            body.put(levels);
            body.put(vals);
            writePage(PageType.DATA_PAGE, body, rows, encoding.id);
        }
        pages.add(pageStart, chunk.size() - pageStart, from, rows, nulls, min, max);
        body.resetAndTrim(options.pageSizeBytes() + (1 << 16));
    }

    /** Compresses {@code content}, then writes header + data (v1 data pages and dictionary pages). */
    private void writePage(PageType type, ByteSink content, int numValues, int encoding) {
        byte[] compressed = compressor.compress(content.array(), content.size(), lenOut);
        int clen = lenOut[0];
        header.sink().reset();
        header.beginStruct();
        header.i32Field(1, type.id);
        header.i32Field(2, content.size());
        header.i32Field(3, clen);
        if (options.pageChecksums()) {
            crc.reset();
            crc.update(compressed, 0, clen);
            header.i32Field(4, (int) crc.getValue());
        }
        if (type == PageType.DICTIONARY_PAGE) {
            header.structField(7).beginStruct()
                    .i32Field(1, numValues).i32Field(2, Encoding.PLAIN.id).endStruct();
        } else {
            header.structField(5).beginStruct()
                    .i32Field(1, numValues).i32Field(2, encoding)
                    .i32Field(3, Encoding.RLE.id).i32Field(4, Encoding.RLE.id).endStruct();
        }
        header.endStruct();
        ByteSink h = header.sink();
        chunk.put(h);
        chunk.put(compressed, 0, clen);
        totalUncompressed += h.size() + content.size();
        totalCompressed += h.size() + clen;
    }

    /** A DATA_PAGE_V2; {@code levels} holds the repetition levels ({@code repLen} bytes) then the definition levels ({@code defLen}). */
    private void writePageV2(ByteSink vals, int numValues, int nulls, int rows, Encoding encoding, int defLen, int repLen) {
        boolean compress = compressor.codec() != dev.streamingadaptive.parquet.meta.CompressionCodec.UNCOMPRESSED;
        byte[] compressed = compressor.compress(vals.array(), vals.size(), lenOut);
        int clen = lenOut[0];
        int levelLen = levels.size();
        header.sink().reset();
        header.beginStruct();
        header.i32Field(1, PageType.DATA_PAGE_V2.id);
        header.i32Field(2, levelLen + vals.size());
        header.i32Field(3, levelLen + clen);
        if (options.pageChecksums()) {
            crc.reset();
            crc.update(levels.array(), 0, levelLen);
            crc.update(compressed, 0, clen);
            header.i32Field(4, (int) crc.getValue());
        }
        header.structField(8).beginStruct()
                .i32Field(1, numValues).i32Field(2, nulls).i32Field(3, rows).i32Field(4, encoding.id)
                .i32Field(5, defLen).i32Field(6, repLen);
        if (!compress) header.boolField(7, false);
        header.endStruct();
        header.endStruct();
        ByteSink h = header.sink();
        chunk.put(h);
        chunk.put(levels);
        chunk.put(compressed, 0, clen);
        totalUncompressed += h.size() + levelLen + vals.size();
        totalCompressed += h.size() + levelLen + clen;
    }
}
