package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.memory.HeapGuard;

import dev.streamingadaptive.frame.DataType;
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
 * Reads every page of one column chunk straight from the mapped file: decompresses where needed
 * (uncompressed pages are decoded in place), decodes levels and values, and returns them as
 * {@link LeafData}. Errors carry file, row group, column and the offset of the failing page.
 */
public final class ColumnChunkReader {
    private final MemorySegment file;
    private final ChunkLocation where;
    private final ColumnChunk chunk;
    private final SchemaNode leaf;
    private final DataType type;
    private final boolean verifyCrc;
    private final long expectedLevels;

    private byte[] pageBuffer = new byte[0];

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

    // Resumable state: where the next page starts and how many of the chunk's values were read.
    private boolean started;
    private PageDecompressor decompressor;
    private int levelCount;
    private int levelsRead;
    private long pos;
    private ValueDecoder values;
    private GrowableInts rep;
    private GrowableInts def;
    private int pagesDecoded;
    private int pagesSkipped;

    /** Decodes the whole chunk (on a reader that has not read any page yet). */
    public LeafData read() {
        return readPages(Integer.MAX_VALUE);
    }

    /** Whether pages remain after what was read so far. */
    public boolean hasMore() {
        return !started || levelsRead < levelCount;
    }

    /**
     * Decodes whole pages until at least {@code minLevels} more level entries (rows, for a flat
     * column) were read or the chunk ends, and returns just those. The dictionary is read once and
     * kept for later calls. Memory: what those pages decode to, not the whole chunk.
     */
    public LeafData readPages(int minLevels) {
        long pageOffset = -1;
        try {
            if (!started) start();
            int want = (int) Math.min((long) levelCount - levelsRead, Math.max(1, minLevels));
            int maxRep = leaf.repLevel();
            int maxDef = leaf.defLevel();
            rep = maxRep > 0 ? new GrowableInts(want) : null;
            def = maxDef > 0 ? new GrowableInts(want) : null;
            if (values == null) {
                createValues(want);
            } else if (values.size() > 0) {
                values = values.emptyCopy();
            }
            long fileEnd = file.byteSize();
            int read = 0;
            while (read < want) {
                pageOffset = pos;
                if (pos < 4 || pos >= fileEnd) {
                    throw new ParquetFormatException("column chunk ends after " + levelsRead + " of " + levelCount + " values");
                }
                Parsed<PageHeader> h = headerAt(pos, fileEnd);
                PageHeader header = h.value();
                long body = h.endOffset();
                int compressed = header.compressedPageSize();
                int uncompressed = header.uncompressedPageSize();
                if (verifyCrc && header.crc() != null) verifyCrc(body, compressed, header.crc());
                int n = 0;
                if (header.type() != null) {
                    switch (header.type()) {
                        case DICTIONARY_PAGE -> readDictionary(header, body, compressed, uncompressed, decompressor, values);
                        case DATA_PAGE -> n = readV1(header, body, compressed, uncompressed, decompressor, values, read);
                        case DATA_PAGE_V2 -> n = readV2(header, body, compressed, uncompressed, decompressor, values, read);
                        default -> { } // index pages carry nothing we need
                    }
                }
                read += n;
                levelsRead += n;
                pos = body + compressed;
                if (header.type() == PageType.DATA_PAGE
                        || header.type() == PageType.DATA_PAGE_V2) pagesDecoded++;
                if (levelsRead == levelCount) break;
            }
            return new LeafData(leaf, read, rep == null ? null : rep.data, def == null ? null : def.data, values.finish(leaf.name()));
        } catch (ParquetFormatException e) {
            throw e.withContext(where.file(), where.rowGroup(), where.column(), pageOffset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new ParquetFormatException("malformed page: " + e.getMessage(), where.file(), where.rowGroup(), where.column(),
                    pageOffset, e);
        }
    }

    /**
     * Passes over whole data pages of a flat column without decompressing or decoding them, as
     * long as each lies entirely within the next {@code maxRows} rows; a dictionary page met on
     * the way is decoded (later pages need it). Stops before the first page that would cross
     * {@code maxRows}. Returns the rows passed over.
     */
    public long skipPages(long maxRows) {
        if (leaf.repLevel() != 0) return 0;   // a nested page's level count is not its row count
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
                int uncompressed = header.uncompressedPageSize();
                long rows;
                if (header.type() == PageType.DICTIONARY_PAGE) {
                    if (values == null) createValues(1);
                    if (verifyCrc && header.crc() != null) verifyCrc(body, compressed, header.crc());
                    readDictionary(header, body, compressed, uncompressed, decompressor, values);
                    pos = body + compressed;
                    continue;
                } else if (header.type() == PageType.DATA_PAGE && header.dataPageHeader() != null) {
                    rows = header.dataPageHeader().numValues();
                } else if (header.type() == PageType.DATA_PAGE_V2
                        && header.dataPageHeaderV2() != null) {
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
            throw e.withContext(where.file(), where.rowGroup(), where.column(), pageOffset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new ParquetFormatException("malformed page: " + e.getMessage(), where.file(), where.rowGroup(), where.column(),
                    pageOffset, e);
        }
    }

    /**
     * The chunk's dictionary as a column of its distinct values, or null when the chunk does not
     * start with a dictionary page. Only on a fresh reader (it is then used up).
     */
    public dev.streamingadaptive.frame.Column dictionaryValues() {
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
            long body = h.endOffset();
            int compressed = header.compressedPageSize();
            int uncompressed = header.uncompressedPageSize();
            if (verifyCrc && header.crc() != null) verifyCrc(body, compressed, header.crc());
            createValues(1);
            readDictionary(header, body, compressed, uncompressed, decompressor, values);
            int n = values.dictionarySize;
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            values.readDictionaryIndices(all, n);
            levelCount = 0;   // used up: nothing more to read
            return values.finish(leaf.name());
        } catch (ParquetFormatException e) {
            throw e.withContext(where.file(), where.rowGroup(), where.column(), pageOffset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw new ParquetFormatException("malformed page: " + e.getMessage(), where.file(), where.rowGroup(), where.column(),
                    pageOffset, e);
        }
    }

    /** Counts the chunk's data pages by walking the page headers (on a fresh reader; it is then used up). */
    public int countDataPages() {
        skipPages(Long.MAX_VALUE);
        return pagesSkipped;
    }

    /** Data pages decoded so far. */
    public int pagesDecoded() {
        return pagesDecoded;
    }

    /** Data pages passed over by {@link #skipPages} so far. */
    public int pagesSkipped() {
        return pagesSkipped;
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
        return h;
    }

    private void createValues(int want) {
        // Size buffers for this call's share of the chunk, not the whole chunk.
        long bytesHint = levelCount == 0 ? 0 : Math.max(0, chunk.metaData().totalUncompressedSize()) / levelCount * want;
        values = ValueDecoder.create(leaf.element().type(),
                leaf.element().typeLength() == null ? 0 : leaf.element().typeLength(), type, want, bytesHint);
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
        started = true;
    }

    private void verifyCrc(long body, int length, int expected) {
        CRC32 crc = new CRC32();
        crc.update(file.asSlice(body, length).asByteBuffer());
        if ((int) crc.getValue() != expected) {
            throw new ParquetFormatException("page CRC mismatch (stored " + Integer.toUnsignedString(expected, 16) + ", computed "
                    + Long.toHexString(crc.getValue()) + ")");
        }
    }

    /** The page body, decompressed into the reusable page buffer when compressed. */
    private MemorySegment payload(long offset, int compressed, int uncompressed, PageDecompressor decompressor) {
        if (decompressor == null) {
            if (compressed != uncompressed) {
                throw new ParquetFormatException("uncompressed page with compressed size " + compressed + " != uncompressed size " + uncompressed);
            }
            return file.asSlice(offset, compressed);
        }
        if (uncompressed == 0) return MemorySegment.ofArray(new byte[0]);
        if (pageBuffer.length < uncompressed) {
            pageBuffer = null; // let the old buffer go before checking room for the new one
            pageBuffer = new byte[HeapGuard.checkArray(uncompressed, 1, "page buffer")];
        }
        decompressor.decompress(file, offset, compressed, pageBuffer, uncompressed);
        return MemorySegment.ofArray(pageBuffer).asSlice(0, uncompressed);
    }

    private void readDictionary(PageHeader header, long body, int compressed, int uncompressed, PageDecompressor decompressor,
                                ValueDecoder values) {
        DictionaryPageHeader dh = header.dictionaryPageHeader();
        if (dh == null) throw new ParquetFormatException("dictionary page without dictionary header");
        if (dh.numValues() < 0) throw new ParquetFormatException("negative dictionary size " + dh.numValues());
        if (dh.encoding() != Encoding.PLAIN && dh.encoding() != Encoding.PLAIN_DICTIONARY) {
            throw new ParquetFormatException("dictionary page encoding " + dh.encoding() + " is not PLAIN");
        }
        MemorySegment seg = payload(body, compressed, uncompressed, decompressor);
        // The dictionary must be decoded before the next page reuses the page buffer.
        values.readDictionary(seg, 0, seg.byteSize(), dh.numValues());
    }

    private int readV1(PageHeader header, long body, int compressed, int uncompressed, PageDecompressor decompressor,
                       ValueDecoder values, int at) {
        DataPageHeader dh = header.dataPageHeader();
        if (dh == null) throw new ParquetFormatException("data page without data page header");
        int n = checkCount(dh.numValues(), levelsRead, levelCount);
        int[] rep = levels(this.rep, at, n, "repetition levels");
        int[] def = levels(this.def, at, n, "definition levels");
        MemorySegment seg = payload(body, compressed, uncompressed, decompressor);
        long limit = seg.byteSize();
        long p = 0;
        if (rep != null) p = readLevels(dh.repetitionLevelEncoding(), seg, p, limit, leaf.repLevel(), rep, at, n);
        if (def != null) p = readLevels(dh.definitionLevelEncoding(), seg, p, limit, leaf.defLevel(), def, at, n);
        int nonNull = countPresent(def, at, n);
        values.readPage(dh.encoding(), seg, p, limit, nonNull);
        return n;
    }

    private int readV2(PageHeader header, long body, int compressed, int uncompressed, PageDecompressor decompressor,
                       ValueDecoder values, int at) {
        DataPageHeaderV2 dh = header.dataPageHeaderV2();
        if (dh == null) throw new ParquetFormatException("data page v2 without its header");
        int n = checkCount(dh.numValues(), levelsRead, levelCount);
        int[] rep = levels(this.rep, at, n, "repetition levels");
        int[] def = levels(this.def, at, n, "definition levels");
        int repBytes = dh.repetitionLevelsByteLength();
        int defBytes = dh.definitionLevelsByteLength();
        if (repBytes < 0 || defBytes < 0 || (long) repBytes + defBytes > compressed || (long) repBytes + defBytes > uncompressed) {
            throw new ParquetFormatException("level lengths " + repBytes + " + " + defBytes + " exceed the page size");
        }
        if (rep != null) {
            new RleBitPackedHybridDecoder(file, body, body + repBytes, bitWidth(leaf.repLevel())).readInts(rep, at, n);
        }
        if (def != null) {
            new RleBitPackedHybridDecoder(file, body + repBytes, body + repBytes + defBytes, bitWidth(leaf.defLevel()))
                    .readInts(def, at, n);
        }
        int nonNull = countPresent(def, at, n);
        long valuesOffset = body + repBytes + defBytes;
        int valuesCompressed = compressed - repBytes - defBytes;
        int valuesUncompressed = uncompressed - repBytes - defBytes;
        MemorySegment seg;
        if (nonNull == 0 || valuesCompressed == 0) {
            seg = MemorySegment.ofArray(new byte[0]);
        } else if (dh.isCompressed() && decompressor != null) {
            seg = payload(valuesOffset, valuesCompressed, valuesUncompressed, decompressor);
        } else {
            seg = file.asSlice(valuesOffset, valuesCompressed);
        }
        values.readPage(dh.encoding(), seg, 0, seg.byteSize(), nonNull);
        return n;
    }

    /** The level array with room for {@code n} entries at {@code at}, or null when the level is always 0. */
    private static int[] levels(GrowableInts buffer, int at, int n, String what) {
        if (buffer == null) return null;
        buffer.size = at;
        int[] a = buffer.ensure(n, what);
        buffer.size = at + n;
        return a;
    }

    private static int checkCount(int n, int levelsRead, int levelCount) {
        if (n < 0 || n > levelCount - levelsRead) {
            throw new ParquetFormatException("page declares " + n + " values but only " + (levelCount - levelsRead)
                    + " of the chunk's values remain");
        }
        return n;
    }

    private long readLevels(Encoding encoding, MemorySegment seg, long p, long limit, int maxLevel, int[] dst, int at, int n) {
        int width = bitWidth(maxLevel);
        if (encoding == Encoding.BIT_PACKED) {
            int[] tmp = new int[n];
            long end = BitPackedLevelDecoder.decode(seg, p, limit, width, tmp, n);
            System.arraycopy(tmp, 0, dst, at, n);
            return end;
        }
        if (encoding != Encoding.RLE) throw new ParquetFormatException("level encoding " + encoding + " is not supported");
        RleBitPackedHybridDecoder d = RleBitPackedHybridDecoder.withLengthPrefix(seg, p, limit, width);
        d.readInts(dst, at, n);
        return d.endOffset();
    }

    private int countPresent(int[] def, int from, int n) {
        if (def == null) return n;
        int max = leaf.defLevel();
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

    static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }
}
