package dev.streamingadaptive.parquet.meta;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PageHeaderTest {

    private static Parsed<PageHeader> firstPage(MemorySegment file, ColumnMetaData c) {
        long start = c.chunkStartOffset();
        return MetadataParser.parsePageHeaderWithEnd(file, start, start + c.totalCompressedSize());
    }

    @Test
    void firstPageHeaders() {
        MemorySegment plain = TestFiles.segment(TestFiles.data("alltypes_plain.parquet"));
        FileMetaData md = ParquetFooter.read(plain, "alltypes_plain.parquet");
        ColumnMetaData id = md.rowGroups().get(0).columns().get(0).metaData();
        Parsed<PageHeader> dict = firstPage(plain, id);
        assertEquals(PageType.DICTIONARY_PAGE, dict.value().type());
        assertNotNull(dict.value().dictionaryPageHeader());
        assertEquals(Encoding.PLAIN_DICTIONARY, dict.value().dictionaryPageHeader().encoding());
        assertEquals(8, dict.value().dictionaryPageHeader().numValues());
        assertTrue(dict.endOffset() > id.chunkStartOffset());
        PageHeader data = MetadataParser.parsePageHeader(plain, dict.endOffset() + dict.value().compressedPageSize(),
                id.chunkStartOffset() + id.totalCompressedSize());
        assertEquals(PageType.DATA_PAGE, data.type());
        assertEquals(8, data.dataPageHeader().numValues());
        assertEquals(Encoding.PLAIN_DICTIONARY, data.dataPageHeader().encoding());

        MemorySegment v2file = TestFiles.segment(TestFiles.data("datapage_v2.snappy.parquet"));
        FileMetaData v2 = ParquetFooter.read(v2file, "datapage_v2.snappy.parquet");
        ColumnMetaData b = v2.rowGroups().get(0).columns().get(1).metaData();
        PageHeader h = firstPage(v2file, b).value();
        assertEquals(PageType.DATA_PAGE_V2, h.type());
        assertEquals(Encoding.DELTA_BINARY_PACKED, h.dataPageHeaderV2().encoding());
        assertEquals(5, h.dataPageHeaderV2().numRows());

        MemorySegment bin = TestFiles.segment(TestFiles.data("binary.parquet"));
        ColumnMetaData foo = ParquetFooter.read(bin, "binary.parquet").rowGroups().get(0).columns().get(0).metaData();
        assertEquals(PageType.DATA_PAGE, firstPage(bin, foo).value().type());

        MemorySegment crcFile = TestFiles.segment(TestFiles.data("datapage_v1-uncompressed-checksum.parquet"));
        ColumnMetaData a = ParquetFooter.read(crcFile, "x").rowGroups().get(0).columns().get(0).metaData();
        assertNotNull(firstPage(crcFile, a).value().crc());
    }

    /** Walks every page of every chunk of every readable data/ file; data page value counts add up. */
    @Test
    void walkAllPagesOfTheCorpus() {
        List<String> problems = new ArrayList<>();
        long pages = 0;
        for (Path p : TestFiles.list("data", ".parquet")) {
            MemorySegment file = TestFiles.segment(p);
            FileMetaData md = ParquetFooter.read(file, p.toString());
            long dataEnd = file.byteSize() - 8 - Integer.toUnsignedLong(
                    file.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN),
                            file.byteSize() - 8));
            for (RowGroup rg : md.rowGroups()) {
                for (ColumnChunk cc : rg.columns()) {
                    ColumnMetaData c = cc.metaData();
                    long pos = c.chunkStartOffset();
                    long end = pos + c.totalCompressedSize();
                    long values = 0;
                    while (pos < end) {
                        Parsed<PageHeader> ph = MetadataParser.parsePageHeaderWithEnd(file, pos, dataEnd);
                        PageHeader h = ph.value();
                        assertNotNull(h.type());
                        pages++;
                        if (h.dataPageHeader() != null) values += h.dataPageHeader().numValues();
                        if (h.dataPageHeaderV2() != null) values += h.dataPageHeaderV2().numValues();
                        pos = ph.endOffset() + h.compressedPageSize();
                    }
                    if (values != c.numValues()) {
                        problems.add(p.getFileName() + " " + c.dottedPath() + ": pages hold " + values
                                + " values, metadata says " + c.numValues());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(pages > 40000, "pages " + pages);
    }

    @Test
    void pageIndex() {
        MemorySegment file = TestFiles.segment(TestFiles.data("int32_with_null_pages.parquet"));
        ColumnChunk cc = ParquetFooter.read(file, "int32_with_null_pages.parquet").rowGroups().get(0).columns().get(0);
        ColumnIndex ci = MetadataParser.parseColumnIndex(file, cc.columnIndexOffset(), cc.columnIndexLength());
        assertEquals(10, ci.nullPages().size());
        assertTrue(ci.nullPages().get(2));
        assertFalse(ci.nullPages().get(0));
        assertEquals(List.of(8L, 55L, 100L, 52L, 16L, 12L, 5L, 7L, 8L, 12L), ci.nullCounts());
        assertEquals(ColumnIndex.UNORDERED, ci.boundaryOrder());
        assertEquals(0, ci.minValues().get(2).length);
        assertEquals(-2135807632, java.nio.ByteBuffer.wrap(ci.minValues().get(0)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        OffsetIndex oi = MetadataParser.parseOffsetIndex(file, cc.offsetIndexOffset(), cc.offsetIndexLength());
        assertEquals(10, oi.pageLocations().size());
        assertEquals(0, oi.pageLocations().get(0).firstRowIndex());
        assertEquals(cc.metaData().dataPageOffset(), oi.pageLocations().get(0).offset());
        PageHeader first = MetadataParser.parsePageHeader(file, oi.pageLocations().get(0).offset(), file.byteSize());
        assertEquals(PageType.DATA_PAGE, first.type());
        assertTrue(ci.toString().contains("nullCounts"), ci.toString());

        MemorySegment tiny = TestFiles.segment(TestFiles.data("alltypes_tiny_pages.parquet"));
        for (ColumnChunk c : ParquetFooter.read(tiny, "tiny").rowGroups().get(0).columns()) {
            if (c.columnIndexOffset() == null) continue; // INT96 column has only an offset index
            ColumnIndex x = MetadataParser.parseColumnIndex(tiny, c.columnIndexOffset(), c.columnIndexLength());
            OffsetIndex o = MetadataParser.parseOffsetIndex(tiny, c.offsetIndexOffset(), c.offsetIndexLength());
            assertEquals(o.pageLocations().size(), x.nullPages().size());
            assertEquals(x.minValues().size(), x.maxValues().size());
            for (int i = 1; i < o.pageLocations().size(); i++) {
                assertTrue(o.pageLocations().get(i).firstRowIndex() > o.pageLocations().get(i - 1).firstRowIndex());
            }
        }
    }

    @Test
    void pageIndexRangeOutsideTheFileIsRejected() {
        MemorySegment file = TestFiles.segment(TestFiles.data("int32_with_null_pages.parquet"));
        assertThrows(ParquetFormatException.class, () -> MetadataParser.parseColumnIndex(file, file.byteSize() - 2, 10));
        assertThrows(ParquetFormatException.class, () -> MetadataParser.parseOffsetIndex(file, -5, 10));
        assertThrows(ParquetFormatException.class, () -> MetadataParser.parsePageHeader(file, 10, 5));
        assertThrows(ParquetFormatException.class, () -> MetadataParser.parseOffsetIndex(file, 4, Long.MAX_VALUE));
    }

    @Test
    void missingRequiredFieldAndWrongWireType() {
        // PageHeader with only a type
        MemorySegment onlyType = new CompactWriter().begin().i32Field(1, 0).end().segment();
        ParquetFormatException e = assertThrows(ParquetFormatException.class,
                () -> MetadataParser.parsePageHeader(onlyType, 0, onlyType.byteSize()));
        assertTrue(e.getMessage().contains("uncompressed_page_size"), e.getMessage());
        // type written as a string: skipped like an unknown field, so the required field is missing
        MemorySegment wrong = new CompactWriter().begin().stringField(1, "x").end().segment();
        e = assertThrows(ParquetFormatException.class, () -> MetadataParser.parsePageHeader(wrong, 0, wrong.byteSize()));
        assertTrue(e.getMessage().contains("missing required field 'type'"), e.getMessage());
        // unknown page type id and an unknown extra field: still parsed
        MemorySegment unknown = new CompactWriter().begin().i32Field(1, 9).i32Field(2, 10).i32Field(3, 7)
                .stringField(30, "future").end().segment();
        Parsed<PageHeader> h = MetadataParser.parsePageHeaderWithEnd(unknown, 0, unknown.byteSize());
        assertNull(h.value().type());
        assertEquals(7, h.value().compressedPageSize());
        assertEquals(unknown.byteSize(), h.endOffset());
    }
}
