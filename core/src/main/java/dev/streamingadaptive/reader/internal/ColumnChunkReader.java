package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.io.MappedFile;
import dev.streamingadaptive.io.PageAdvice;
import dev.streamingadaptive.parquet.encoding.HeapGuard;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.UnsupportedParquetFeatureException;
import dev.streamingadaptive.parquet.compress.Decompressors;
import dev.streamingadaptive.parquet.compress.PageDecompressor;
import dev.streamingadaptive.parquet.encoding.BitPackedLevelDecoder;
import dev.streamingadaptive.parquet.encoding.RleBitPackedHybridDecoder;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.meta.DataPageHeader;
import dev.streamingadaptive.parquet.meta.DataPageHeaderV2;
import dev.streamingadaptive.parquet.meta.DictionaryPageHeader;
import dev.streamingadaptive.parquet.meta.Encoding;
import dev.streamingadaptive.parquet.meta.MetadataParser;
import dev.streamingadaptive.parquet.meta.PageHeader;
import dev.streamingadaptive.parquet.meta.PageType;
import dev.streamingadaptive.parquet.meta.Parsed;
import dev.streamingadaptive.parquet.schema.SchemaNode;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32;

/**
 * Reads one column chunk straight from the mapped file, a batch of rows at a time: decompresses a
 * page when it is first needed (uncompressed pages are decoded in place), then decodes only the
 * levels and values each batch asks for, keeping every decoder's position so that the next batch
 * resumes mid-page. Nested columns are cut at row boundaries (repetition level 0).
 *
 * <p>Memory: the page buffer (a compressed page is decompressed whole), the dictionary, small
 * fixed scratch buffers, and each batch's levels and values; no array is sized by a page's value
 * count. With a {@link MemoryManager} the heap held across batches (page buffer, dictionary, scratch) is
 * tracked in it until {@link #close()}; {@link #releasePage()} drops the page buffer between
 * batches (the page is decompressed again when the next batch needs it).
 *
 * <p>Errors carry file, row group, column and the offset of the failing page.
 */
public final class ColumnChunkReader implements AutoCloseable {
    /** Levels of nested columns are decoded this many at a time while looking for row ends. */
    private static final int NESTED_CHUNK = 4096;
    /** Page bytes checksummed at a time. */
    private static final int CRC_CHUNK = 64 * 1024;

    private final MemorySegment file;
    /** The mapping {@code file} belongs to, or null: see {@link #readingFrom}. */
    private MappedFile source;
    /** Whether a page body was read through the mapping (else only page headers were: see {@link #close}). */
    private boolean bodiesMapped;
    private final ChunkLocation where;
    private final ColumnChunk chunk;
    private final SchemaNode leaf;
    private final DataType type;
    private final boolean verifyCrc;
    private final long expectedLevels;

    private byte[] pageBuffer;
    /** Heap copy of the compressed page for codecs that must not read the mapping (see {@link #payload}). */
    private byte[] inputCopy;

    /**
     * @param expectedRows rows in the row group: a flat column must have exactly one level per row
     */
    public ColumnChunkReader(MemorySegment file, String fileName, int rowGroup, ColumnChunk chunk, SchemaNode leaf,
                             DataType type, long expectedRows, boolean verifyCrc) {
        this.file = file;
        this.where = new ChunkLocation(fileName, rowGroup, leaf.dottedPath());
        this.chunk = chunk;
        this.leaf = leaf;
        this.type = type;
        this.verifyCrc = verifyCrc;
        this.expectedLevels = leaf.repLevel() == 0 ? expectedRows : -1;
    }

    /**
     * The mapped file {@code file} is the segment of: compressed pages are then read from it by {@link MappedFile#copy}
     * (from the page cache by the kernel, no page faults) instead of copied out of the mapping.
     */
    public ColumnChunkReader readingFrom(MappedFile source) {
        this.source = source;
        return this;
    }

    /** Buffers taken from and given back to {@code scratch} (one whole-file read), instead of allocated per chunk. */
    public ColumnChunkReader withScratch(ScratchBuffers scratch) {
        this.scratch = scratch;
        return this;
    }

    private ScratchBuffers scratch;

    // Chunk state: where the next page header starts and how many level entries were consumed.
    private boolean started;
    private PageDecompressor decompressor;
    private int levelCount;
    private int levelsRead;
    private long pos;
    /** Where the chunk's first page header starts (set by start()); [chunkStart, pos) has been read. */
    private long chunkStart;
    /** Where the chunk ends by its metadata, and how far its bytes have been asked for ({@link #readAhead}). */
    private long chunkEnd;
    private long readAheadTo;
    /** Bytes asked for ahead of the page being read: a few pages, or one row group's chunk of DuckDB's single page. */
    private static final long READ_AHEAD = 16L << 20;
    private ValueDecoder values;
    private int pagesDecoded;
    private int pagesSkipped;

    /** The data page being read, or null between pages. */
    private Page page;

    /** Nested columns: levels decoded from the page but not yet handed out, [carryStart, carryEnd). */
    private int[] carryRep;
    private int[] carryDef;
    private int carryStart;
    private int carryEnd;

    /** One data page: where it is, what was decoded of it, and its decoders. */
    private static final class Page {
        long headerOffset;
        PageType kind;
        int levels;
        /** Level entries decoded from the level streams so far. */
        int levelsDecoded;
        /** Non-null values in the page, and how many were read or skipped. */
        int nonNull;
        int valuesDone;
        Levels rep;
        Levels def;
        /** False once the page buffer was released; the page is then decompressed again when needed. */
        boolean loaded;
        /** Whether {@link #nonNull} was counted (it is kept when the page is decompressed again). */
        boolean counted;
    }

    /** A level stream: RLE/bit-packed hybrid, or (deprecated BIT_PACKED) decoded up front. */
    private static final class Levels {
        private final MemorySegment seg;
        private final long offset;
        private final long limit;
        private final int width;
        private final RleBitPackedHybridDecoder rle;
        private final int[] all;
        private int at;

        /** RLE/bit-packed hybrid levels at {@code [offset, limit)}. */
        Levels(MemorySegment seg, long offset, long limit, int width) {
            this.seg = seg;
            this.offset = offset;
            this.limit = limit;
            this.width = width;
            this.rle = new RleBitPackedHybridDecoder(seg, offset, limit, width);
            this.all = null;
        }

        Levels(int[] all) {
            this.seg = null;
            this.offset = this.limit = 0;
            this.width = 0;
            this.rle = null;
            this.all = all;
        }

        /** The same levels from their start (to count them without moving this stream). */
        Levels fromStart() {
            return all != null ? new Levels(all) : new Levels(seg, offset, limit, width);
        }

        void read(int[] dst, int off, int n) {
            if (rle != null) {
                rle.readInts(dst, off, n);
            } else {
                System.arraycopy(all, at, dst, off, n);
                at += n;
            }
        }

        /** Reads {@code n} levels into {@code dst[off..]} and returns how many equal {@code max} (one pass; RLE runs counted whole). */
        int readCountingMax(int[] dst, int off, int n, int max) {
            if (rle != null) return rle.readIntsCountingMax(dst, off, n, max);
            read(dst, off, n);
            return countAtMax(dst, off, n, max);
        }

        /** Passes over the levels while they equal {@code max}, at most {@code n}; returns how many. */
        int skipLeadingMax(int n, int max) {
            if (rle != null) return (int) rle.skipLeadingMax(n, max);
            int k = 0;
            while (k < n && all[at + k] == max) k++;
            at += k;
            return k;
        }

        void skip(int n) {
            if (rle != null) rle.skip(n);
            else at += n;
        }

        /** Passes over {@code n} levels and returns how many equal {@code max} (see RleBitPackedHybridDecoder). */
        int skipCountingMax(int n, int max, ColumnChunkReader reader) {
            if (rle != null) return (int) rle.skipCountingMax(n, max);
            int present = reader.countPresent(all, at, n);
            at += n;
            return present;
        }
    }

    /** Decodes the whole chunk (on a reader that has not read anything yet). */
    public LeafData read() {
        return readRows(Integer.MAX_VALUE);
    }

    /** Whether level entries remain after what was read so far. */
    public boolean hasMore() {
        if (!started) {
            ColumnMetaData md = chunk.metaData();
            return md == null || md.numValues() != 0;   // a chunk without metadata fails on its first read
        }
        return levelsRead < levelCount;
    }

    /**
     * Decodes the next {@code rows} rows (fewer only at the chunk's end) and returns their levels
     * and values.
     */
    public LeafData readRows(int rows) {
        return readRows(rows, null, 0, false);
    }

    /**
     * Decodes the rest of a flat chunk with its values written straight into {@code target} from
     * {@code offset} on (a whole-file column of the chunk's physical type), when its decoder can:
     * the returned values column is then over {@code target} itself, with size {@code offset} plus
     * the values read (dense: nulls are not spread). Otherwise the same as {@link #read()}.
     */
    public LeafData readInto(Object target, int offset) {
        return readRows(Integer.MAX_VALUE, target, offset, true);
    }

    /**
     * {@link #readRows(int)} with a flat chunk's values written into {@code target} from index 0 where its decoder can
     * (the returned values column is then over {@code target}, dense: nulls are not spread); the levels are its own.
     */
    public LeafData readRowsInto(int rows, Object target) {
        return readRows(rows, target, 0, false);
    }

    /** @param scratchLevels take a flat chunk's levels from scratch (a whole-file read, whose caller gives them back) */
    private LeafData readRows(int rows, Object target, int offset, boolean scratchLevels) {
        long pageOffset = -1;
        try {
            if (!started) start();
            pageOffset = page == null ? pos : page.headerOffset;
            int maxRep = leaf.repLevel();
            int left = levelCount - levelsRead;
            int expected = (int) Math.min(left, Math.max(1, rows));
            if (target == null || maxRep != 0 || !values.newBatchInto(target, offset, expected)) {
                values.newBatch(maxRep == 0 ? expected : Math.min(expected, 1 << 16), bytesHint(expected));
            }
            LeafData out = maxRep == 0 ? readFlat(expected, scratchLevels) : readNested(rows);
            return out;
        } catch (ParquetFormatException e) {
            throw located(e, page == null ? pageOffset : page.headerOffset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw malformed(e, page == null ? pageOffset : page.headerOffset);
        } catch (InternalError e) {
            throw changedUnderneath(e, page == null ? pageOffset : page.headerOffset);
        }
    }

    /** @param scratchLevels take the levels from scratch (a whole-file read, whose caller gives them back) */
    private LeafData readFlat(int want, boolean scratchLevels) {
        // Levels of a flat column are transient (assembly turns them into null flags): not kept across batches.
        // With scratch (a whole-file read), the levels go back to it once the caller has placed the values.
        // Levels at the maximum are passed without being written: the array exists only once a null shows up
        // (a DuckDB-written optional column without nulls never needs it), and a null array means all present.
        int max = leaf.defLevel();
        int[] def = null;
        int got = 0;
        while (got < want) {
            Page p = openPage();
            int k = Math.min(want - got, p.levels - p.levelsDecoded);
            int nonNull = k;
            if (max > 0) {
                if (def == null) {
                    int lead = p.def.skipLeadingMax(k, max);
                    if (lead < k) {
                        def = scratchLevels && scratch != null ? scratch.ints(Math.max(1, want), "definition levels") : new int[Math.max(1, want)];
                        java.util.Arrays.fill(def, 0, got + lead, max);
                        nonNull = lead + p.def.readCountingMax(def, got + lead, k - lead, max);
                    }
                } else {
                    nonNull = p.def.readCountingMax(def, got, k, max);
                }
            }
            readValues(p, nonNull);
            p.levelsDecoded += k;
            got += k;
            levelsRead += k;
        }
        return new LeafData(leaf, got, null, def, values.finish(leaf.name()));
    }

    private LeafData readNested(int rows) {
        GrowableInts repOut = new GrowableInts(NESTED_CHUNK);
        GrowableInts defOut = new GrowableInts(NESTED_CHUNK);
        int rowsStarted = 0;
        while (true) {
            if (carryStart == carryEnd) {
                if (levelsRead == levelCount) break;
                Page p = openPage();
                fillCarry(p);
            }
            int i = carryStart;
            boolean cut = false;
            for (; i < carryEnd; i++) {
                if (carryRep[i] == 0) {
                    if (rowsStarted == rows) { cut = true; break; }
                    rowsStarted++;
                }
            }
            if (i > carryStart && rowsStarted == 0) throw new ParquetFormatException("first repetition level is not 0");
            int n = i - carryStart;
            int[] rep = repOut.ensure(n, "repetition levels");
            int[] def = defOut.ensure(n, "definition levels");
            System.arraycopy(carryRep, carryStart, rep, repOut.size, n);
            System.arraycopy(carryDef, carryStart, def, defOut.size, n);
            int nonNull = leaf.defLevel() > 0 ? countPresent(def, defOut.size, n) : n;
            repOut.size += n;
            defOut.size += n;
            readValues(page, nonNull);
            carryStart = i;
            levelsRead += n;
            if (cut) break;
        }
        int n = repOut.size;
        return new LeafData(leaf, n, repOut.data, leaf.defLevel() > 0 ? defOut.data : null, values.finish(leaf.name()));
    }

    /** Decodes the next levels of the page into the carry buffers (nested columns). */
    private void fillCarry(Page p) {
        int k = Math.min(NESTED_CHUNK, p.levels - p.levelsDecoded);
        if (carryRep == null) {
            carryRep = new int[NESTED_CHUNK];
            carryDef = new int[NESTED_CHUNK];
        }
        p.rep.read(carryRep, 0, k);
        if (p.def != null) p.def.read(carryDef, 0, k);
        else java.util.Arrays.fill(carryDef, 0, k, 0);
        checkLevels(carryRep, 0, k, leaf.repLevel(), "repetition");
        p.levelsDecoded += k;
        carryStart = 0;
        carryEnd = k;
    }

    private void readValues(Page p, int nonNull) {
        if (nonNull == 0) return;
        if (!p.loaded) reload(p);
        values.read(nonNull);
        p.valuesDone += nonNull;
    }

    /**
     * Passes over the next {@code rows} rows: whole pages of a flat column by their headers alone
     * (never decompressed), the rest by decoding levels and skipping values.
     */
    public void skipRows(long rows) {
        if (rows <= 0) return;
        if (leaf.repLevel() > 0) {
            // Nested: row ends are only known from the levels, so read and drop in bounded steps.
            long left = rows;
            while (left > 0 && hasMore()) {
                LeafData d = readRows((int) Math.min(left, NESTED_CHUNK));
                if (d.levelCount() == 0) break;
                left -= countRows(d);
            }
            return;
        }
        long pageOffset = -1;
        try {
            if (!started) start();
            long left = rows;
            while (left > 0 && levelsRead < levelCount) {
                if (page == null || page.levelsDecoded == page.levels) {
                    page = null;
                    left -= skipPages(left);
                    if (left == 0 || levelsRead == levelCount) break;
                }
                Page p = openPage();
                pageOffset = p.headerOffset;
                int k = (int) Math.min(left, p.levels - p.levelsDecoded);
                int nonNull = k;
                if (p.def != null) nonNull = skipLevels(p.def, k);
                if (nonNull > 0) {
                    if (!p.loaded) reload(p);
                    values.skip(nonNull);
                    p.valuesDone += nonNull;
                }
                p.levelsDecoded += k;
                levelsRead += k;
                left -= k;
            }
        } catch (ParquetFormatException e) {
            throw located(e, pageOffset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw malformed(e, pageOffset);
        } catch (InternalError e) {
            throw changedUnderneath(e, pageOffset);
        }
    }

    private static int countRows(LeafData d) {
        int[] rep = d.repLevels();
        int rows = 0;
        for (int i = 0; i < d.levelCount(); i++) if (rep[i] == 0) rows++;
        return rows;
    }

    /** Passes over {@code n} definition levels and returns how many are at the maximum. */
    private int skipLevels(Levels def, int n) {
        return def.skipCountingMax(n, leaf.defLevel(), this);
    }

    /**
     * Passes over whole data pages of a flat column without decompressing or decoding them, as
     * long as each lies entirely within the next {@code maxRows} rows; a dictionary page met on
     * the way is decoded (later pages need it). Stops before the first page that would cross
     * {@code maxRows}, and does nothing inside a partly read page. Returns the rows passed over.
     */
    public long skipPages(long maxRows) {
        if (leaf.repLevel() != 0) return 0;   // a nested page's level count is not its row count
        if (page != null && page.levelsDecoded < page.levels) return 0;
        page = null;
        long pageOffset = -1;
        try {
            if (!started) start();
            long skipped = 0;
            long fileEnd = file.byteSize();
            while (levelsRead < levelCount && skipped < maxRows) {
                pageOffset = pos;
                if (pos < 4 || pos >= fileEnd) {
                    throw new ParquetFormatException("column chunk ends after " + levelsRead + " of " + levelCount + " values");
                }
                Parsed<PageHeader> h = headerAt(pos, fileEnd);
                PageHeader header = h.value();
                long body = h.endOffset();
                int compressed = header.compressedPageSize();
                long rows;
                if (header.type() == PageType.DICTIONARY_PAGE) {
                    readDictionary(header, body);
                    pos = body + compressed;
                    continue;
                } else if (header.type() == PageType.DATA_PAGE && header.dataPageHeader() != null) {
                    rows = header.dataPageHeader().numValues();
                } else if (header.type() == PageType.DATA_PAGE_V2 && header.dataPageHeaderV2() != null) {
                    rows = header.dataPageHeaderV2().numValues();
                } else if (header.type() == null || header.type() == PageType.INDEX_PAGE) {
                    pos = body + compressed;
                    continue;
                } else {
                    break;
                }
                checkCount((int) Math.min(Integer.MAX_VALUE, Math.max(-1, rows)), levelsRead, levelCount);
                if (rows > maxRows - skipped) break;
                skipped += rows;
                levelsRead += (int) rows;
                pagesSkipped++;
                pos = body + compressed;
            }
            return skipped;
        } catch (ParquetFormatException e) {
            throw located(e, pageOffset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw malformed(e, pageOffset);
        } catch (InternalError e) {
            throw changedUnderneath(e, pageOffset);
        }
    }

    /**
     * The chunk's dictionary as a column of its distinct values, or null when the chunk does not
     * start with a dictionary page. Only on a fresh reader (it is then used up).
     */
    public Column dictionaryValues() {
        long pageOffset = -1;
        try {
            if (started) throw new IllegalStateException("dictionaryValues() on a reader that has read pages");
            start();
            pageOffset = pos;
            long fileEnd = file.byteSize();
            if (pos < 4 || pos >= fileEnd) return null;
            Parsed<PageHeader> h = headerAt(pos, fileEnd);
            PageHeader header = h.value();
            if (header.type() != PageType.DICTIONARY_PAGE) return null;
            readDictionary(header, h.endOffset());
            int n = values.dictionarySize;
            values.newBatch(n, 0);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            values.readDictionaryIndices(all, n);
            levelCount = 0;   // used up: nothing more to read
            return values.finish(leaf.name());
        } catch (ParquetFormatException e) {
            throw located(e, pageOffset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw malformed(e, pageOffset);
        } catch (InternalError e) {
            throw changedUnderneath(e, pageOffset);
        } finally {
            close();
        }
    }

    /** Counts the chunk's data pages by walking the page headers (on a fresh reader; it is then used up). */
    public int countDataPages() {
        skipPages(Long.MAX_VALUE);
        close();
        return pagesSkipped;
    }

    /** Data pages decoded (opened) so far. */
    public int pagesDecoded() {
        return pagesDecoded;
    }

    /** Data pages passed over by {@link #skipPages} so far. */
    public int pagesSkipped() {
        return pagesSkipped;
    }

    /**
     * Drops the decompressed page buffer; the open page is decompressed again (and its decoders
     * moved back to where they were) when a later batch needs its values. For callers that cannot
     * keep one page per column in memory between batches.
     */
    public void releasePage() {
        if (pageBuffer == null) return;
        if (page != null) {
            // The decoders read the buffer: drop them too, so the buffer really goes.
            page.loaded = false;
            page.rep = null;
            page.def = null;
            values.releasePage();
        }
        pageBuffer = null;
        inputCopy = null;
    }

    /** Heap this reader holds across batches (page buffer, dictionary, scratch). */
    public long retainedBytes() {
        long b = (pageBuffer == null ? 0 : pageBuffer.length) + (inputCopy == null ? 0 : inputCopy.length);
        if (values != null) b += values.retainedBytes();
        if (carryRep != null) b += 8L * carryRep.length;
        return b;
    }

    /**
     * What this chunk is expected to keep between batches: the page buffer (the larger uncompressed
     * size of its dictionary page and first data page, read from their headers; none for an
     * uncompressed chunk, whose pages are read in place) plus the decoded dictionary (its page's
     * size and an offset per entry). A guess for planning, made once; the real figure is
     * {@link #retainedBytes()}.
     */
    public long expectedRetainedBytes() {
        ColumnMetaData md = chunk.metaData();
        if (md == null || md.codec() == null) return 0;
        boolean compressed = md.codec() != CompressionCodec.UNCOMPRESSED;
        long fallback = MemoryEstimator.uncompressedBytes(md, file.byteSize());
        try {
            long at = md.dataPageOffset();
            Long dictOffset = md.dictionaryPageOffset();
            if (dictOffset != null && dictOffset > 0 && dictOffset < at) at = dictOffset;
            long buffer = 0;
            long copy = 0;
            long dictionary = 0;
            long end = file.byteSize();
            boolean copies = compressed && copiesInput();
            for (int i = 0; i < 2 && at >= 4 && at < end; i++) {
                Parsed<PageHeader> h = headerAt(at, end);
                PageHeader header = h.value();
                if (compressed) buffer = Math.max(buffer, header.uncompressedPageSize());
                if (copies) copy = Math.max(copy, header.compressedPageSize());
                if (header.type() != PageType.DICTIONARY_PAGE) break;
                if (header.dictionaryPageHeader() != null) {
                    dictionary = header.uncompressedPageSize() + 4L * Math.max(0, header.dictionaryPageHeader().numValues());
                }
                at = h.endOffset() + header.compressedPageSize();
            }
            return Math.min(buffer, fallback) + copy + dictionary + scratchBound();
        } catch (RuntimeException | InternalError e) {
            return fallback;   // a bad header (or a file cut under the mapping) fails the read itself, with its context
        }
    }

    /** The fixed scratch a reader keeps at most: the index chunk, and for nested columns the carry buffers. */
    private long scratchBound() {
        return 4L * 1024 + (leaf.repLevel() > 0 ? 2L * 4 * NESTED_CHUNK : 0) + 8L * 1024;
    }

    /** Releases the buffers. */
    @Override
    public void close() {
        if (started && file.isMapped() && pos > chunkStart && bodiesMapped) {
            // The pages read are decoded: drop them from this process's resident set (madvise DONTNEED; the page
            // cache keeps them, a later read faults them back in), and put them first in line for eviction (a scan
            // larger than memory then evicts its own pages, not the machine's other cached data). Otherwise a
            // whole-file read holds the file's bytes in its RSS next to the decoded arrays: 1.4 GB more for a 1.4 GB file.
            // Bodies read by pread never entered the mapping; their chunk's header pages alone are not worth the two
            // calls (page-table walks and a TLB flush: 15% of TPC-H Q6 at SF 1) and go when the file is unmapped.
            try {
                PageAdvice.doneWith(file, chunkStart, Math.min(pos, file.byteSize()) - chunkStart);
            } catch (RuntimeException e) {
                // Best effort: a mapping already closed, or a platform without the call, just keeps its pages.
            }
        }
        if (scratch != null) {
            // Decoded values never point into these: dictionaries and values are copied out of a page as it is read.
            scratch.give(pageBuffer);
            scratch.give(inputCopy);
        }
        pageBuffer = null;
        inputCopy = null;
        page = null;
        carryRep = carryDef = null;
    }

    /** Heap bytes a chunk's values are expected to take per level, for sizing binary buffers. */
    private long bytesHint(int levels) {
        if (levelCount == 0) return 0;
        return MemoryEstimator.uncompressedBytes(chunk.metaData(), file.byteSize()) / levelCount * levels;
    }

    /** The page with levels left to decode: the open one, else the next data page of the chunk. */
    private Page openPage() {
        if (page != null && page.levelsDecoded < page.levels) {
            if (!page.loaded) reload(page);
            return page;
        }
        page = null;
        long fileEnd = file.byteSize();
        while (true) {
            if (levelsRead >= levelCount) {
                throw new ParquetFormatException("column chunk has no more values after " + levelsRead);
            }
            if (pos < 4 || pos >= fileEnd) {
                throw new ParquetFormatException("column chunk ends after " + levelsRead + " of " + levelCount + " values");
            }
            long headerOffset = pos;
            Parsed<PageHeader> h = headerAt(pos, fileEnd);
            PageHeader header = h.value();
            long body = h.endOffset();
            pos = body + header.compressedPageSize();
            readAhead(headerOffset, pos);
            if (header.type() == PageType.DICTIONARY_PAGE) {
                readDictionary(header, body);
                continue;
            }
            if (header.type() != PageType.DATA_PAGE && header.type() != PageType.DATA_PAGE_V2) continue;  // index pages
            Page p = new Page();
            p.headerOffset = headerOffset;
            p.kind = header.type();
            load(p, header, body);
            pagesDecoded++;
            page = p;
            if (p.levels > 0) return p;
            page = null;
        }
    }

    /** Decompresses the page again after {@link #releasePage()} and moves its decoders back into place. */
    private void reload(Page p) {
        Parsed<PageHeader> h = headerAt(p.headerOffset, file.byteSize());
        int levelsDecoded = p.levelsDecoded;
        int valuesDone = p.valuesDone;
        load(p, h.value(), h.endOffset());
        if (p.rep != null) p.rep.skip(levelsDecoded);
        if (p.def != null) p.def.skip(levelsDecoded);
        p.levelsDecoded = levelsDecoded;
        values.skip(valuesDone);
        p.valuesDone = valuesDone;
    }

    /** Sets up a data page's level streams and value decoder (decompressing the page when needed). */
    private void load(Page p, PageHeader header, long body) {
        int compressed = header.compressedPageSize();
        int uncompressed = header.uncompressedPageSize();
        if (verifyCrc && header.crc() != null) verifyCrc(body, compressed, header.crc());
        int maxRep = leaf.repLevel();
        int maxDef = leaf.defLevel();
        if (p.kind == PageType.DATA_PAGE) {
            DataPageHeader dh = header.dataPageHeader();
            if (dh == null) throw new ParquetFormatException("data page without data page header");
            int n = checkCount(dh.numValues(), levelsRead - p.levelsDecoded, levelCount);
            MemorySegment seg = payload(body, compressed, uncompressed);
            long limit = seg.byteSize();
            long at = 0;
            Levels rep = null;
            Levels def = null;
            if (maxRep > 0) {
                rep = levels(dh.repetitionLevelEncoding(), seg, at, limit, maxRep, n);
                at = levelsEnd;
            }
            if (maxDef > 0) {
                def = levels(dh.definitionLevelEncoding(), seg, at, limit, maxDef, n);
                at = levelsEnd;
            }
            p.levels = n;
            p.rep = rep;
            p.def = def;
            if (!p.counted) p.nonNull = def != null ? skipLevels(def.fromStart(), n) : n;
            values.startPage(dh.encoding(), seg, at, limit, p.nonNull);
        } else {
            DataPageHeaderV2 dh = header.dataPageHeaderV2();
            if (dh == null) throw new ParquetFormatException("data page v2 without its header");
            int n = checkCount(dh.numValues(), levelsRead - p.levelsDecoded, levelCount);
            int repBytes = dh.repetitionLevelsByteLength();
            int defBytes = dh.definitionLevelsByteLength();
            if (repBytes < 0 || defBytes < 0 || (long) repBytes + defBytes > compressed || (long) repBytes + defBytes > uncompressed) {
                throw new ParquetFormatException("level lengths " + repBytes + " + " + defBytes + " exceed the page size");
            }
            p.levels = n;
            p.rep = maxRep > 0 ? new Levels(file, body, body + repBytes, bitWidth(maxRep)) : null;
            p.def = maxDef > 0 ? new Levels(file, body + repBytes, body + repBytes + defBytes, bitWidth(maxDef)) : null;
            if (!p.counted) p.nonNull = p.def != null ? skipLevels(p.def.fromStart(), n) : n;
            long valuesOffset = body + repBytes + defBytes;
            int valuesCompressed = compressed - repBytes - defBytes;
            int valuesUncompressed = uncompressed - repBytes - defBytes;
            MemorySegment seg;
            if (p.nonNull == 0 || valuesCompressed == 0) {
                seg = MemorySegment.ofArray(new byte[0]);
            } else if (dh.isCompressed() && decompressor != null) {
                seg = payload(valuesOffset, valuesCompressed, valuesUncompressed);
            } else {
                seg = file.asSlice(valuesOffset, valuesCompressed);
            }
            values.startPage(dh.encoding(), seg, 0, seg.byteSize(), p.nonNull);
        }
        p.valuesDone = 0;
        p.levelsDecoded = 0;
        p.loaded = true;
        p.counted = true;
    }

    /** Where the last v1 level block ended (set by {@link #levels}). */
    private long levelsEnd;

    private Levels levels(Encoding encoding, MemorySegment seg, long p, long limit, int maxLevel, int n) {
        int width = bitWidth(maxLevel);
        if (encoding == Encoding.BIT_PACKED) {
            // Deprecated and rare: decoded whole (the only level array sized by a page).
            int[] all = new int[HeapGuard.checkArray(n, Integer.BYTES, "BIT_PACKED levels")];
            levelsEnd = BitPackedLevelDecoder.decode(seg, p, limit, width, all, n);
            return new Levels(all);
        }
        if (encoding != Encoding.RLE) throw new ParquetFormatException("level encoding " + encoding + " is not supported");
        RleBitPackedHybridDecoder prefixed = RleBitPackedHybridDecoder.withLengthPrefix(seg, p, limit, width);
        levelsEnd = prefixed.endOffset();
        return new Levels(seg, p + 4, levelsEnd, width);
    }

    /** The page header at {@code offset}, its sizes checked against the file. */
    private Parsed<PageHeader> headerAt(long offset, long fileEnd) {
        Parsed<PageHeader> h = MetadataParser.parsePageHeaderWithEnd(file, offset, fileEnd);
        int compressed = h.value().compressedPageSize();
        int uncompressed = h.value().uncompressedPageSize();
        if (compressed < 0 || uncompressed < 0 || h.endOffset() + compressed > fileEnd) {
            throw new ParquetFormatException("page sizes out of range (compressed " + compressed + ", uncompressed "
                    + uncompressed + ", file size " + fileEnd + ")");
        }
        CompressionCodec codec = chunk.metaData() == null ? null : chunk.metaData().codec();
        // Uncompressed v1 pages must match exactly (checked when read); v2 pages carry their levels uncompressed.
        if (codec != CompressionCodec.UNCOMPRESSED && uncompressed > Decompressors.maxDecompressedSize(codec, compressed)) {
            throw new ParquetFormatException("page claims " + uncompressed + " bytes from " + compressed + " compressed bytes, more than "
                    + codec + " can produce");
        }
        return h;
    }

    private void start() {
        ColumnMetaData md = chunk.metaData();
        if (chunk.encrypted()) throw new UnsupportedParquetFeatureException("encrypted columns are not supported");
        if (md == null) throw new ParquetFormatException("column chunk has no metadata");
        if (md.codec() == null) throw new UnsupportedParquetFeatureException("unknown compression codec");
        decompressor = md.codec() == CompressionCodec.UNCOMPRESSED ? null : Decompressors.forCodec(md.codec());
        long total = md.numValues();
        if (total < 0) throw new ParquetFormatException("negative value count " + total);
        if (expectedLevels >= 0 && total != expectedLevels) {
            throw new ParquetFormatException("column chunk has " + total + " values but the row group has " + expectedLevels + " rows");
        }
        levelCount = HeapGuard.checkArray(total, Integer.BYTES, "column chunk values");
        pos = md.dataPageOffset();
        Long dictOffset = md.dictionaryPageOffset();
        if (dictOffset != null && dictOffset > 0 && dictOffset < pos) pos = dictOffset;
        chunkStart = pos;
        chunkEnd = md.totalCompressedSize() > 0 ? chunkStart + md.totalCompressedSize() : chunkStart;
        readAheadTo = chunkStart;
        readAhead(chunkStart, chunkStart);
        values = ValueDecoder.create(leaf.element().type(), leaf.element().typeLength() == null ? 0 : leaf.element().typeLength(),
                type, 0, 0);
        started = true;
    }

    /**
     * Asks for the file's bytes {@code [from, to)} and a window beyond them within the chunk, unless asked already
     * (see {@link PageAdvice}: the mapping is read by exact ranges, so what is not asked for faults in a page at a time).
     */
    private void readAhead(long from, long to) {
        if (!PageAdvice.enabled() || !file.isMapped()) return;
        if (to <= readAheadTo && from + READ_AHEAD / 2 <= readAheadTo) return;
        // Within the chunk by its metadata; past it only as far as a page really reaches (a writer's wrong total).
        long end = Math.min(file.byteSize(), Math.max(to, Math.min(from + READ_AHEAD, chunkEnd)));
        long start = Math.max(from, readAheadTo);
        if (end > start) PageAdvice.willNeed(file, start, end - start);
        readAheadTo = Math.max(readAheadTo, end);
    }

    private void verifyCrc(long body, int length, int expected) {
        bodiesMapped = true;
        CRC32 crc = new CRC32();
        // Over heap copies, never the mapping: the CRC intrinsic faulting on a file truncated under the
        // mapping kills the JVM, while a faulting copy is an InternalError we report as a format error.
        byte[] chunk = new byte[Math.min(CRC_CHUNK, Math.max(1, length))];
        for (long at = 0; at < length; ) {
            int k = (int) Math.min(chunk.length, length - at);
            MemorySegment.copy(file, java.lang.foreign.ValueLayout.JAVA_BYTE, body + at, chunk, 0, k);
            crc.update(chunk, 0, k);
            at += k;
        }
        if ((int) crc.getValue() != expected) {
            throw new ParquetFormatException("page CRC mismatch (stored " + Integer.toUnsignedString(expected, 16) + ", computed "
                    + Long.toHexString(crc.getValue()) + ")");
        }
    }

    /** The page body, decompressed into the reusable page buffer when compressed. */
    private MemorySegment payload(long offset, int compressed, int uncompressed) {
        if (decompressor == null) {
            if (compressed != uncompressed) {
                throw new ParquetFormatException("uncompressed page with compressed size " + compressed + " != uncompressed size " + uncompressed);
            }
            bodiesMapped = true;
            return file.asSlice(offset, compressed);
        }
        if (uncompressed == 0) return MemorySegment.ofArray(new byte[0]);
        if (pageBuffer == null || pageBuffer.length < uncompressed) {
            pageBuffer = null; // let the old buffer go before checking room for the new one
            pageBuffer = scratch != null ? scratch.bytes(uncompressed, "page buffer")
                    : new byte[HeapGuard.checkArray(uncompressed, 1, "page buffer")];
        }
        if (!copiesInput()) {
            bodiesMapped = true;
            decompressor.decompress(file, offset, compressed, pageBuffer, uncompressed);
        } else {
            // aircompressor's codecs read their input by raw address. Over the mapping, a file truncated under
            // it makes a read fault, the JVM skip it and the codec go on with garbage into wild memory (SIGSEGV).
            // They get a heap copy: the copy faults cleanly (InternalError, reported as a MappingFault). The copy
            // buffer is reused like the page buffer and counted with it.
            if (inputCopy == null || inputCopy.length < compressed) {
                inputCopy = null;   // let the old copy go before checking room for the new one
                inputCopy = scratch != null ? scratch.bytes(compressed, "compressed page copy")
                        : new byte[HeapGuard.checkArray(compressed, 1, "compressed page copy")];
            }
            if (source == null || !source.copy(offset, inputCopy, 0, compressed)) bodiesMapped = true;
            if (source == null) MemorySegment.copy(file, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, inputCopy, 0, compressed);
            decompressor.decompress(MemorySegment.ofArray(inputCopy), 0, compressed, pageBuffer, uncompressed);
        }
        return MemorySegment.ofArray(pageBuffer).asSlice(0, uncompressed);
    }

    /**
     * Whether compressed pages are copied to the heap before decompression: for codecs that read by raw
     * address, when the pages come from a mapped file (gzip and brotli read through bounds-checked
     * accessors and chunked heap copies already).
     */
    private boolean copiesInput() {
        CompressionCodec codec = chunk.metaData().codec();
        return file.isMapped() && codec != CompressionCodec.GZIP && codec != CompressionCodec.BROTLI;
    }

    private void readDictionary(PageHeader header, long body) {
        int compressed = header.compressedPageSize();
        int uncompressed = header.uncompressedPageSize();
        if (verifyCrc && header.crc() != null) verifyCrc(body, compressed, header.crc());
        DictionaryPageHeader dh = header.dictionaryPageHeader();
        if (dh == null) throw new ParquetFormatException("dictionary page without dictionary header");
        if (dh.numValues() < 0) throw new ParquetFormatException("negative dictionary size " + dh.numValues());
        if (dh.encoding() != Encoding.PLAIN && dh.encoding() != Encoding.PLAIN_DICTIONARY) {
            throw new ParquetFormatException("dictionary page encoding " + dh.encoding() + " is not PLAIN");
        }
        MemorySegment seg = payload(body, compressed, uncompressed);
        // The dictionary must be decoded before the next page reuses the page buffer.
        values.readDictionary(seg, 0, seg.byteSize(), dh.numValues());
    }

    private static int checkCount(int n, int levelsRead, int levelCount) {
        if (n < 0 || n > levelCount - levelsRead) {
            throw new ParquetFormatException("page declares " + n + " values but only " + (levelCount - levelsRead)
                    + " of the chunk's values remain");
        }
        return n;
    }

    private void checkLevels(int[] levels, int from, int n, int max, String what) {
        int above = 0;
        for (int i = from, end = from + n; i < end; i++) above |= max - levels[i];
        if (above < 0) throw new ParquetFormatException(what + " level above the maximum " + max);
    }

    private int countPresent(int[] def, int from, int n) {
        return countAtMax(def, from, n, leaf.defLevel());
    }

    private static int countAtMax(int[] def, int from, int n, int max) {
        int count = 0;
        int above = 0;
        // Branch-free so the JIT can vectorise it; levels come from a decoder that already masks
        // them to the level's bit width, so only "above the maximum" needs checking.
        for (int i = from, end = from + n; i < end; i++) {
            int d = def[i];
            count += d == max ? 1 : 0;
            above |= max - d;
        }
        if (above < 0) throw new ParquetFormatException("definition level above the maximum " + max);
        return count;
    }

    private ParquetFormatException changedUnderneath(InternalError e, long pageOffset) {
        return MappingFault.report(e, where.file(), file.byteSize(), where.rowGroup(), where.column(), pageOffset);
    }

    private ParquetFormatException malformed(RuntimeException e, long pageOffset) {
        ParquetFormatException cut = MappingFault.ifTruncated(e, where.file(), file.byteSize(), where.rowGroup(), where.column(), pageOffset);
        if (cut != null) return cut;
        return new ParquetFormatException("malformed page: " + e.getMessage(), where.file(), where.rowGroup(), where.column(),
                pageOffset, e);
    }

    /** {@code e} with this chunk's place, or the truncation that caused it when the file shrank while mapped. */
    private ParquetFormatException located(ParquetFormatException e, long pageOffset) {
        ParquetFormatException cut = MappingFault.ifTruncated(e, where.file(), file.byteSize(), where.rowGroup(), where.column(), pageOffset);
        return cut != null ? cut : e.withContext(where.file(), where.rowGroup(), where.column(), pageOffset);
    }

    static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }
}
