package dev.streamingadaptive.parquet.meta;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Minimal Thrift compact-protocol writer used to build test inputs. */
final class CompactWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> saved = new ArrayDeque<>();
    private int lastId;

    CompactWriter raw(int... bytes) {
        for (int b : bytes) out.write(b);
        return this;
    }

    CompactWriter varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    CompactWriter i32(int v) { return varint(Integer.toUnsignedLong((v << 1) ^ (v >> 31))); }

    CompactWriter i64(long v) { return varint((v << 1) ^ (v >> 63)); }

    CompactWriter field(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write((delta << 4) | type);
        } else {
            out.write(type);
            i32(id);
        }
        lastId = id;
        return this;
    }

    CompactWriter begin() {
        saved.push(lastId);
        lastId = 0;
        return this;
    }

    CompactWriter end() {
        out.write(0);
        lastId = saved.pop();
        return this;
    }

    CompactWriter i32Field(int id, int v) { return field(id, ThriftCompactReader.T_I32).i32(v); }

    CompactWriter i64Field(int id, long v) { return field(id, ThriftCompactReader.T_I64).i64(v); }

    CompactWriter boolField(int id, boolean v) {
        return field(id, v ? ThriftCompactReader.T_BOOL_TRUE : ThriftCompactReader.T_BOOL_FALSE);
    }

    CompactWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.writeBytes(b);
        return this;
    }

    CompactWriter stringField(int id, String s) { return field(id, ThriftCompactReader.T_BINARY).string(s); }

    CompactWriter listHeader(int elementType, int size) {
        if (size < 15) {
            out.write((size << 4) | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    byte[] bytes() { return out.toByteArray(); }

    MemorySegment segment() { return MemorySegment.ofArray(bytes()); }

    ThriftCompactReader reader() {
        MemorySegment s = segment();
        return new ThriftCompactReader(s, 0, s.byteSize());
    }
}
