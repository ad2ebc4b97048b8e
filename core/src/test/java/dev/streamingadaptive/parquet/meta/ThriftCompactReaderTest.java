package dev.streamingadaptive.parquet.meta;

import dev.streamingadaptive.parquet.ParquetFormatException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.*;
import static org.junit.jupiter.api.Assertions.*;

class ThriftCompactReaderTest {

    @Test
    void readsScalarsAndFieldHeaders() {
        CompactWriter w = new CompactWriter().begin()
                .i32Field(1, -123456)
                .i64Field(2, Long.MIN_VALUE)
                .i64Field(3, Long.MAX_VALUE)
                .i32Field(4, Integer.MIN_VALUE)
                .boolField(5, true)
                .boolField(6, false)
                .stringField(200, "héllo")       // long-form header (delta > 15)
                .i32Field(7, 42)                 // long-form header (id goes backwards)
                .field(8, T_DOUBLE).raw(0, 0, 0, 0, 0, 0, 0xF8, 0x3F) // 1.5 little endian
                .field(9, T_I16).i32(-300)
                .field(10, T_BYTE).raw(0xFE)
                .end();
        ThriftCompactReader r = w.reader();
        r.structBegin();
        assertTrue(r.nextField()); assertEquals(1, r.fieldId()); assertEquals(-123456, r.readI32());
        assertTrue(r.nextField()); assertEquals(2, r.fieldId()); assertEquals(Long.MIN_VALUE, r.readI64());
        assertTrue(r.nextField()); assertEquals(Long.MAX_VALUE, r.readI64());
        assertTrue(r.nextField()); assertEquals(Integer.MIN_VALUE, r.readI32());
        assertTrue(r.nextField()); assertEquals(5, r.fieldId()); assertTrue(r.readBool());
        assertTrue(r.nextField()); assertEquals(6, r.fieldId()); assertFalse(r.readBool());
        assertTrue(r.nextField()); assertEquals(200, r.fieldId()); assertEquals(T_BINARY, r.fieldType());
        assertEquals("héllo", r.readString());
        assertTrue(r.nextField()); assertEquals(7, r.fieldId()); assertEquals(42, r.readI32());
        assertTrue(r.nextField()); assertEquals(8, r.fieldId()); assertEquals(1.5, r.readDouble());
        assertTrue(r.nextField()); assertEquals(9, r.fieldId()); assertEquals(-300, r.readI16());
        assertTrue(r.nextField()); assertEquals(10, r.fieldId()); assertEquals(-2, r.readByte());
        assertFalse(r.nextField());
        r.structEnd();
        assertEquals(w.bytes().length, r.position());
        assertEquals(0, r.remaining());
    }

    @Test
    void readsListsOfBoolsAndLongLists() {
        CompactWriter w = new CompactWriter().listHeader(T_BOOL_TRUE, 3).raw(1, 2, 0).listHeader(T_I64, 20);
        for (int i = 0; i < 20; i++) w.i64(i - 10);
        ThriftCompactReader r = w.reader();
        ListHeader h = r.readListHeader();
        assertEquals(3, h.size());
        assertTrue(r.readBool());
        assertFalse(r.readBool());
        assertFalse(r.readBool());
        ListHeader h2 = r.readListHeader();
        assertEquals(T_I64, h2.elementType());
        assertEquals(20, h2.size());
        for (int i = 0; i < 20; i++) assertEquals(i - 10, r.readI64());
        assertEquals(0, r.remaining());
    }

    @Test
    void skipsEveryTypeIncludingNestedContainers() {
        CompactWriter w = new CompactWriter().begin()
                .boolField(1, true)
                .field(2, T_DOUBLE).raw(1, 2, 3, 4, 5, 6, 7, 8)
                .field(3, T_MAP).varint(2).raw((T_BINARY << 4) | T_LIST)
                    .string("a").listHeader(T_I32, 1).i32(5)
                    .string("b").listHeader(T_BOOL_TRUE, 2).raw(1, 2)
                .field(4, T_MAP).varint(0)
                .field(5, T_SET).listHeader(T_STRUCT, 2).begin().boolField(1, false).end().begin().end()
                .field(6, T_STRUCT).begin().stringField(1, "x").field(2, T_STRUCT).begin().end().end()
                .i32Field(7, 99)
                .end();
        ThriftCompactReader r = w.reader();
        r.structBegin();
        int last = -1;
        while (r.nextField()) {
            if (r.fieldId() == 7) last = r.readI32();
            else r.skip(r.fieldType());
        }
        r.structEnd();
        assertEquals(99, last);
        assertEquals(0, r.remaining());
    }

    @Test
    void truncatedInputNamesTheOffset() {
        ParquetFormatException e = assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().raw(0x80, 0x80).reader().readI32());
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("offset 2"), e.getMessage());
    }

    @Test
    void rejectsOverlongVarints() {
        assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().raw(0x80, 0x80, 0x80, 0x80, 0x80, 0x01).reader().readI32());
        assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().raw(0xFF, 0xFF, 0xFF, 0xFF, 0x7F).reader().readI32()); // > 32 bits
        CompactWriter w = new CompactWriter();
        for (int i = 0; i < 10; i++) w.raw(0x80);
        w.raw(0x01);
        assertThrows(ParquetFormatException.class, () -> w.reader().readI64());
        assertThrows(ParquetFormatException.class, () -> new CompactWriter()
                .raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x03).reader().readI64());
    }

    @Test
    void rejectsBadBinaryLengths() {
        ThriftCompactReader r = new CompactWriter().raw(0x05).varint(100).raw(1, 2, 3).reader();
        r.readByte();
        ParquetFormatException e = assertThrows(ParquetFormatException.class, r::readBinary);
        assertEquals(1, e.offset());
        assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().varint(0xFFFF_FFFFL).reader().readBinary()); // negative as i32
        assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().varint(Integer.MAX_VALUE).reader().readString());
    }

    @Test
    void rejectsCollectionSizesTheInputCannotHold() {
        assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().listHeader(T_I32, 1_000_000_000).raw(1, 2).reader().readListHeader());
        assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().listHeader(T_DOUBLE, 2).raw(1, 2, 3, 4, 5, 6, 7, 8).reader().readListHeader());
        assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().varint(0xFFFF_FFFFL).raw(0x55).reader().readMapHeader());
        assertThrows(ParquetFormatException.class,
                () -> new CompactWriter().varint(50).raw(0x55, 1, 2).reader().readMapHeader());
        ListHeader ok = new CompactWriter().listHeader(T_DOUBLE, 1).raw(1, 2, 3, 4, 5, 6, 7, 8).reader().readListHeader();
        assertEquals(1, ok.size());
    }

    @Test
    void rejectsUnknownTypeCodes() {
        ThriftCompactReader r = new CompactWriter().raw(0x1D).reader(); // delta 1, type 13
        r.structBegin();
        assertThrows(ParquetFormatException.class, r::nextField);
        assertThrows(ParquetFormatException.class, () -> new CompactWriter().raw(0x10).reader().skip(T_STRUCT));
        assertThrows(ParquetFormatException.class, () -> new CompactWriter().raw(0x1E).reader().readListHeader());
        assertThrows(ParquetFormatException.class, () -> new CompactWriter().raw(0x10).reader().readListHeader());
        assertThrows(ParquetFormatException.class, () -> new CompactWriter().raw(0).reader().skip(13));
        assertThrows(ParquetFormatException.class, () -> new CompactWriter().raw(0).reader().skip(T_STOP));
        assertThrows(ParquetFormatException.class, () -> new CompactWriter().raw(7).reader().readBool());
    }

    @Test
    void limitsNestingDepth() {
        CompactWriter structs = new CompactWriter();
        for (int i = 0; i < 200; i++) structs.raw(0x1C); // field 1: struct
        ParquetFormatException e = assertThrows(ParquetFormatException.class, () -> structs.reader().skip(T_STRUCT));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());

        CompactWriter lists = new CompactWriter();
        for (int i = 0; i < 200; i++) lists.raw(0x19); // list of 1 list
        assertThrows(ParquetFormatException.class, () -> lists.reader().skip(T_LIST));

        CompactWriter ok = new CompactWriter();
        for (int i = 0; i < 30; i++) ok.raw(0x1C);
        for (int i = 0; i < 31; i++) ok.raw(0);
        ThriftCompactReader r = ok.reader();
        r.skip(T_STRUCT);
        assertEquals(0, r.remaining());
    }

    @Test
    void respectsStartAndLimit() {
        MemorySegment seg = new CompactWriter().raw(0x7F, 0x02, 0x04, 0x7F).segment();
        ThriftCompactReader r = new ThriftCompactReader(seg, 1, 3);
        assertEquals(1, r.position());
        assertEquals(1, r.readI32());
        assertEquals(2, r.readI32());
        assertEquals(3, r.position());
        ParquetFormatException e = assertThrows(ParquetFormatException.class, r::readI32);
        assertEquals(3, e.offset());
        assertThrows(ParquetFormatException.class, () -> new ThriftCompactReader(seg, 2, 5));
        assertThrows(ParquetFormatException.class, () -> new ThriftCompactReader(seg, -1, 2));
        assertThrows(ParquetFormatException.class, () -> new ThriftCompactReader(seg, 3, 2));
    }
}
