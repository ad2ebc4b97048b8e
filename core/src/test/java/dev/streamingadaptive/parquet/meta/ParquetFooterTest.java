package dev.streamingadaptive.parquet.meta;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.UnsupportedParquetFeatureException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ParquetFooterTest {

    private static List<ColumnMetaData> columns(FileMetaData md, int rowGroup) {
        return md.rowGroups().get(rowGroup).columns().stream().map(ColumnChunk::metaData).toList();
    }

    @Test
    void alltypesPlain() {
        FileMetaData md = TestFiles.footer("alltypes_plain.parquet");
        assertEquals(8, md.numRows());
        assertEquals(1, md.rowGroups().size());
        assertEquals(11, md.leafCount());
        assertEquals(12, md.schema().size());
        assertEquals(11, md.schema().get(0).numChildren());
        assertNull(md.schema().get(0).type());
        SchemaElement id = md.schema().get(1);
        assertEquals("id", id.name());
        assertEquals(PhysicalType.INT32, id.type());
        assertEquals(Repetition.OPTIONAL, id.repetition());
        assertTrue(md.schema().stream().anyMatch(e -> e.type() == PhysicalType.INT96));
        RowGroup rg = md.rowGroups().get(0);
        assertEquals(8, rg.numRows());
        assertEquals(11, rg.columns().size());
        for (ColumnMetaData c : columns(md, 0)) {
            assertEquals(CompressionCodec.UNCOMPRESSED, c.codec());
            assertEquals(8, c.numValues());
            assertEquals(1, c.pathInSchema().size());
            assertTrue(c.encodings().contains(Encoding.PLAIN_DICTIONARY), c.encodings().toString());
        }
        assertEquals(List.of("id"), columns(md, 0).get(0).pathInSchema());
        assertNotNull(md.createdBy());
        assertThrows(UnsupportedOperationException.class, () -> md.schema().add(id));
    }

    @Test
    void codecs() {
        assertTrue(columns(TestFiles.footer("alltypes_plain.snappy.parquet"), 0).stream()
                .allMatch(c -> c.codec() == CompressionCodec.SNAPPY));
        FileMetaData v2 = TestFiles.footer("datapage_v2.snappy.parquet");
        assertEquals(5, v2.numRows());
        assertEquals(5, v2.leafCount());
        assertTrue(columns(v2, 0).stream().allMatch(c -> c.codec() == CompressionCodec.SNAPPY));
        assertEquals(CompressionCodec.ZSTD, columns(TestFiles.footer("byte_stream_split.zstd.parquet"), 0).get(0).codec());
        assertEquals(CompressionCodec.GZIP, columns(TestFiles.footer("rle_boolean_encoding.parquet"), 0).get(0).codec());
        assertEquals(CompressionCodec.LZ4, columns(TestFiles.footer("hadoop_lz4_compressed.parquet"), 0).get(0).codec());
        assertEquals(CompressionCodec.LZ4_RAW, columns(TestFiles.footer("lz4_raw_compressed.parquet"), 0).get(0).codec());
        assertEquals(CompressionCodec.BROTLI, columns(TestFiles.footer("large_string_map.brotli.parquet"), 0).get(0).codec());
        assertTrue(columns(TestFiles.footer("byte_stream_split.zstd.parquet"), 0).get(0).encodings()
                .contains(Encoding.BYTE_STREAM_SPLIT));
    }

    @Test
    void pageIndexOffsetsAndLogicalIntTypes() {
        FileMetaData md = TestFiles.footer("alltypes_tiny_pages.parquet");
        assertEquals(7300, md.numRows());
        assertEquals(13, md.leafCount());
        for (ColumnChunk c : md.rowGroups().get(0).columns()) {
            if (c.metaData().type() != PhysicalType.INT96) { // no column index for the INT96 timestamps
                assertNotNull(c.columnIndexOffset());
                assertNotNull(c.columnIndexLength());
            }
            assertNotNull(c.offsetIndexOffset());
            assertNotNull(c.offsetIndexLength());
            assertFalse(c.encrypted());
        }
        assertTrue(md.schema().stream().anyMatch(e -> new LogicalType.IntType(8, true).equals(e.logicalType())));
        assertTrue(md.schema().stream().anyMatch(e -> new LogicalType.IntType(16, true).equals(e.logicalType())));
        assertTrue(md.schema().stream().anyMatch(e -> e.logicalType() instanceof LogicalType.StringType));
        assertNull(TestFiles.footer("alltypes_plain.parquet").rowGroups().get(0).columns().get(0).columnIndexOffset());
    }

    @Test
    void logicalTypes() {
        FileMetaData f16 = TestFiles.footer("float16_nonzeros_and_nans.parquet");
        SchemaElement leaf = f16.schema().get(1);
        assertInstanceOf(LogicalType.Float16Type.class, leaf.logicalType());
        assertEquals(PhysicalType.FIXED_LEN_BYTE_ARRAY, leaf.type());
        assertEquals(2, leaf.typeLength());

        FileMetaData unknown = TestFiles.footer("unknown-logical-type.parquet");
        assertTrue(unknown.schema().stream().anyMatch(e -> new LogicalType.UnknownLogicalType(2555).equals(e.logicalType())),
                unknown.schema().toString());

        FileMetaData dec = TestFiles.footer("fixed_length_decimal.parquet");
        SchemaElement d = dec.schema().get(1);
        assertEquals(ConvertedType.DECIMAL, d.convertedType());
        assertEquals(25, d.precision());
        assertEquals(2, d.scale());
        assertEquals(11, d.typeLength());

        assertInstanceOf(LogicalType.GeometryType.class,
                TestFiles.footer("geospatial/crs-default.parquet").schema().get(2).logicalType());
        assertInstanceOf(LogicalType.GeographyType.class,
                TestFiles.footer("geospatial/crs-geography.parquet").schema().get(2).logicalType());

        FileMetaData concat = TestFiles.footer("concatenated_gzip_members.parquet");
        assertEquals(new LogicalType.IntType(64, false), concat.schema().get(1).logicalType());

        FileMetaData nested = TestFiles.footer("nested_structs.rust.parquet");
        assertEquals(216, nested.leafCount());
        assertTrue(nested.schema().stream().anyMatch(e -> e.convertedType() == ConvertedType.TIMESTAMP_MICROS));

        FileMetaData nullList = TestFiles.footer("null_list.parquet");
        assertTrue(nullList.schema().stream().anyMatch(e -> e.logicalType() instanceof LogicalType.NullType));
        assertTrue(nullList.schema().stream().anyMatch(e -> e.logicalType() instanceof LogicalType.ListType));
    }

    @Test
    void variantAndTimestampTypesInShreddedFiles() {
        FileMetaData md = ParquetFooter.read(TestFiles.segment(TestFiles.root().resolve("shredded_variant/case-020.parquet")),
                "case-020.parquet");
        assertTrue(md.schema().stream().anyMatch(e -> e.logicalType() instanceof LogicalType.VariantType));
        assertTrue(md.schema().stream().anyMatch(e ->
                new LogicalType.TimestampType(true, LogicalType.TimeUnit.MICROS).equals(e.logicalType())), md.schema().toString());
    }

    @Test
    void sortingColumnsAndRowGroups() {
        FileMetaData md = TestFiles.footer("sort_columns.parquet");
        assertEquals(6, md.numRows());
        assertEquals(2, md.rowGroups().size());
        for (RowGroup rg : md.rowGroups()) {
            assertEquals(List.of(new SortingColumn(0, true, true), new SortingColumn(1, false, false)), rg.sortingColumns());
        }
        assertEquals(List.of(), TestFiles.footer("alltypes_plain.parquet").rowGroups().get(0).sortingColumns());
        FileMetaData many = TestFiles.footer("geospatial/geography-points.parquet");
        assertEquals(50, many.rowGroups().size());
        assertEquals(500, many.rowGroupRowCount());
    }

    @Test
    void keyValuesStatisticsAndColumnOrders() {
        FileMetaData kv = TestFiles.footer("column_chunk_key_value_metadata.parquet");
        List<KeyValue> meta = kv.rowGroups().get(0).columns().get(0).metaData().keyValueMetadata();
        assertEquals(List.of(new KeyValue("foo", "bar"), new KeyValue("thisiskeywithoutvalue", null)), meta);

        FileMetaData trunc = TestFiles.footer("binary_truncated_min_max.parquet");
        Statistics full = columns(trunc, 0).get(0).statistics();
        assertArrayEquals("Al".getBytes(StandardCharsets.UTF_8), full.minValue());
        assertArrayEquals("Kf".getBytes(StandardCharsets.UTF_8), full.maxValue());
        assertEquals(Boolean.FALSE, full.isMinValueExact());
        assertEquals(Boolean.FALSE, full.isMaxValueExact());
        Statistics partial = columns(trunc, 0).get(2).statistics();
        assertEquals(Boolean.TRUE, partial.isMaxValueExact());
        assertEquals("🚀Kevin Bacon", new String(partial.maxValue(), StandardCharsets.UTF_8));
        assertTrue(full.toString().contains("0x416c"), full.toString());
        assertNotNull(columns(trunc, 0).get(0).sizeStatistics());

        Statistics nulls = columns(TestFiles.footer("nulls.snappy.parquet"), 0).get(0).statistics();
        assertEquals(8L, nulls.nullCount());

        FileMetaData orders = TestFiles.footer("floating_orders_nan_count.parquet");
        assertEquals(5, orders.rowGroups().size());
        assertEquals(orders.leafCount(), orders.columnOrders().size());
        assertTrue(orders.columnOrders().contains(ColumnOrder.IEEE754));
        assertTrue(orders.columnOrders().contains(ColumnOrder.TYPE_DEFINED));

        ColumnMetaData bloom = columns(TestFiles.footer("data_index_bloom_encoding_with_length.parquet"), 0).get(0);
        assertNotNull(bloom.bloomFilterOffset());
        assertNotNull(bloom.bloomFilterLength());
        assertFalse(columns(TestFiles.footer("data_index_bloom_encoding_stats.parquet"), 0).get(0).encodingStats().isEmpty());
    }

    @Test
    void quirkyButValidFiles() {
        ColumnMetaData zero = columns(TestFiles.footer("dict-page-offset-zero.parquet"), 0).get(0);
        assertEquals(0L, zero.dictionaryPageOffset());
        assertEquals(4, zero.chunkStartOffset());

        FileMetaData malformed = TestFiles.footer("nation.dict-malformed.parquet");
        assertEquals(25, malformed.numRows());
        assertTrue(columns(malformed, 0).stream().allMatch(c -> c.encodings().isEmpty()));

        FileMetaData noRows = TestFiles.footer("repeated_no_annotation.parquet");
        assertEquals(0, noRows.numRows());
        assertEquals(6, noRows.rowGroupRowCount());

        FileMetaData i16 = TestFiles.footer("overflow_i16_page_cnt.parquet");
        assertEquals(40000, i16.numRows());
    }

    @Test
    void everyPlainFileInTheCorpusParses() {
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        for (String dir : List.of("data", "variant", "shredded_variant")) {
            for (Path p : TestFiles.list(dir, ".parquet")) {
                try {
                    FileMetaData md = ParquetFooter.read(TestFiles.segment(p), p.toString());
                    assertFalse(md.schema().isEmpty());
                    parsed++;
                } catch (RuntimeException e) {
                    failures.add(p + ": " + e);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(parsed > 200, "parsed " + parsed);
    }

    @Test
    void encryptedFilesAreRejectedOrMarked() {
        List<Path> files = TestFiles.list("data", ".parquet.encrypted");
        assertTrue(files.size() >= 13, files.toString());
        int rejected = 0, marked = 0;
        for (Path p : files) {
            String name = p.getFileName().toString();
            try {
                FileMetaData md = ParquetFooter.read(TestFiles.segment(p), name);
                assertTrue(name.contains("plaintext_footer"), name + " parsed although its footer is encrypted");
                assertTrue(md.rowGroups().get(0).columns().stream().anyMatch(ColumnChunk::encrypted), name);
                marked++;
            } catch (UnsupportedParquetFeatureException e) {
                assertTrue(e.getMessage().contains("PARE"), e.getMessage());
                assertTrue(e.getMessage().contains(name), e.getMessage());
                rejected++;
            }
        }
        assertEquals(2, marked);
        assertEquals(files.size() - 2, rejected);
        FileMetaData plain = TestFiles.footer("encrypt_columns_plaintext_footer.parquet.encrypted");
        assertEquals(2, plain.rowGroups().get(0).columns().stream().filter(ColumnChunk::encrypted).count());
    }

    @Test
    void badDataFailsCleanly() {
        for (Path p : TestFiles.list("bad_data", ".parquet")) {
            try {
                ParquetFooter.read(TestFiles.segment(p), p.getFileName().toString());
            } catch (ParquetFormatException e) {
                assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
            }
        }
        Path dictHeader = TestFiles.root().resolve("bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet");
        ParquetFormatException cut = assertThrows(ParquetFormatException.class,
                () -> ParquetFooter.read(TestFiles.segment(dictHeader), "DICTHEADER"));
        assertEquals(0, cut.rowGroup());
        assertEquals("name", cut.column());
        Path p1481 = TestFiles.root().resolve("bad_data/PARQUET-1481.parquet");
        ParquetFormatException e = assertThrows(ParquetFormatException.class,
                () -> ParquetFooter.read(TestFiles.segment(p1481), "PARQUET-1481.parquet"));
        assertTrue(e.getMessage().contains("-7"), e.getMessage());
        assertTrue(e.offset() > 0);
        assertEquals("PARQUET-1481.parquet", e.file());
    }

    @Test
    void structuralErrorsNameFileAndOffset() {
        byte[] good = TestFiles.bytes(TestFiles.data("alltypes_plain.parquet"));
        int n = good.length;

        ParquetFormatException small = assertThrows(ParquetFormatException.class,
                () -> ParquetFooter.read(MemorySegment.ofArray(new byte[] {'P', 'A', 'R', '1', 'P', 'A', 'R', '1'}), "tiny"));
        assertEquals("tiny", small.file());

        byte[] badTail = good.clone();
        badTail[n - 1] = 'X';
        ParquetFormatException tail = assertThrows(ParquetFormatException.class,
                () -> ParquetFooter.read(MemorySegment.ofArray(badTail), "f"));
        assertEquals(n - 4, tail.offset());
        assertTrue(tail.getMessage().contains("f: "), tail.getMessage());

        byte[] badHead = good.clone();
        badHead[0] = 'Q';
        assertEquals(0, assertThrows(ParquetFormatException.class,
                () -> ParquetFooter.read(MemorySegment.ofArray(badHead), "f")).offset());

        byte[] pare = good.clone();
        pare[n - 1] = 'E';
        assertThrows(UnsupportedParquetFeatureException.class, () -> ParquetFooter.read(MemorySegment.ofArray(pare), "f"));

        for (int len : new int[] {-1, n - 11, Integer.MAX_VALUE}) {
            byte[] badLen = good.clone();
            putIntLe(badLen, n - 8, len);
            ParquetFormatException e = assertThrows(ParquetFormatException.class,
                    () -> ParquetFooter.read(MemorySegment.ofArray(badLen), "f"));
            assertEquals(n - 8, e.offset());
        }

        byte[] shortLen = good.clone();
        putIntLe(shortLen, n - 8, 3);
        ParquetFormatException e = assertThrows(ParquetFormatException.class,
                () -> ParquetFooter.read(MemorySegment.ofArray(shortLen), "f"));
        assertTrue(e.offset() >= n - 8 - 3, e.getMessage());
        assertTrue(e.getMessage().startsWith("f: invalid footer"), e.getMessage());
    }

    @Test
    void inconsistentMetadataIsReported() {
        FileMetaData md = TestFiles.footer("alltypes_plain.parquet");
        byte[] file = TestFiles.bytes(TestFiles.data("alltypes_plain.parquet"));
        int n = file.length;
        long dataEnd = n - 8 - ((file[n - 8] & 0xFF) | (file[n - 7] & 0xFF) << 8 | (file[n - 6] & 0xFF) << 16);
        ParquetFooter.validate(md, dataEnd, "f"); // the real layout is fine
        // wrong number of chunks
        RowGroup rg = md.rowGroups().get(0);
        RowGroup fewer = new RowGroup(rg.columns().subList(0, 10), rg.totalByteSize(), rg.numRows(), null, null, null, null);
        ParquetFormatException e = assertThrows(ParquetFormatException.class, () -> ParquetFooter.validate(
                withRowGroups(md, List.of(rg, fewer)), dataEnd, "f"));
        assertEquals(1, e.rowGroup());
        // chunk past the end of the data
        List<ColumnChunk> cols = new ArrayList<>(rg.columns());
        ColumnMetaData c = cols.get(3).metaData();
        cols.set(3, new ColumnChunk(null, 0, new ColumnMetaData(c.type(), c.encodings(), c.pathInSchema(), c.codec(),
                c.numValues(), c.totalUncompressedSize(), 5000, c.keyValueMetadata(), c.dataPageOffset(),
                c.indexPageOffset(), c.dictionaryPageOffset(), c.statistics(), c.encodingStats(), c.bloomFilterOffset(),
                c.bloomFilterLength(), c.sizeStatistics()), null, null, null, null, false));
        RowGroup bad = new RowGroup(cols, rg.totalByteSize(), rg.numRows(), null, null, null, null);
        e = assertThrows(ParquetFormatException.class, () -> ParquetFooter.validate(withRowGroups(md, List.of(bad)), dataEnd, "f"));
        assertEquals(0, e.rowGroup());
        assertEquals(c.dottedPath(), e.column());
        assertTrue(e.getMessage().contains("5000"), e.getMessage());
        // broken schema tree
        List<SchemaElement> schema = new ArrayList<>(md.schema());
        SchemaElement root = schema.get(0);
        schema.set(0, new SchemaElement(null, null, null, root.name(), 12, null, null, null, null, null));
        FileMetaData badSchema = new FileMetaData(1, schema, 8, md.rowGroups(), null, null, null);
        assertThrows(ParquetFormatException.class, () -> ParquetFooter.validate(badSchema, dataEnd, "f"));
        schema.set(0, new SchemaElement(null, null, null, root.name(), 10, null, null, null, null, null));
        FileMetaData extra = new FileMetaData(1, schema, 8, md.rowGroups(), null, null, null);
        assertThrows(ParquetFormatException.class, () -> ParquetFooter.validate(extra, dataEnd, "f"));
    }

    private static FileMetaData withRowGroups(FileMetaData md, List<RowGroup> groups) {
        return new FileMetaData(md.version(), md.schema(), md.numRows(), groups, md.keyValueMetadata(), md.createdBy(),
                md.columnOrders());
    }

    static void putIntLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    @Test
    void statisticsValueSemantics() {
        Statistics a = new Statistics(new byte[] {1}, null, 3L, null, new byte[] {2}, new byte[] {0}, true, null);
        Statistics b = new Statistics(new byte[] {1}, null, 3L, null, new byte[] {2}, new byte[] {0}, true, null);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.toString().contains("maxValue=0x02"), a.toString());
        assertFalse(Arrays.toString(new Object[] {a}).contains("[B@"));
    }
}
