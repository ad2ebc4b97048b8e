package dev.streamingadaptive.parquet.meta;

import dev.streamingadaptive.parquet.ParquetFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A hardened reader of the Thrift <em>compact protocol</em>, reading from a {@link MemorySegment}
 * between a start offset and a limit.
 *
 * <p>All offsets are absolute offsets into the segment (for a mapped file: file offsets). Every
 * malformed input — truncation, an over-long varint, a negative or out-of-range length, a
 * collection size that the remaining bytes cannot hold, an unknown type code, nesting deeper than
 * {@link #MAX_DEPTH} — raises a {@link ParquetFormatException} whose {@link
 * ParquetFormatException#offset() offset} is the absolute offset of the offending byte. The reader
 * never reads outside {@code [start, limit)}, never allocates more than the remaining input can
 * justify, and every loop consumes at least one byte per iteration, so it cannot hang.
 *
 * <p>Usage for a struct:
 * <pre>{@code
 * r.structBegin();
 * while (r.nextField()) {
 *     switch (r.fieldId()) {
 *         case 1 -> x = r.readI32();
 *         default -> r.skip(r.fieldType());
 *     }
 * }
 * r.structEnd();
 * }</pre>
 * Booleans stored in a field header are returned by {@link #readBool()} after {@link #nextField()};
 * inside lists {@link #readBool()} reads one byte per element.
 *
 * <p>Not thread-safe; one instance per parse.
 */
public final class ThriftCompactReader {
    /** Compact type code: end of struct (only valid in a field header). */
    public static final int T_STOP = 0;
    /** Compact type code: boolean true (in a field header), or boolean (element type). */
    public static final int T_BOOL_TRUE = 1;
    /** Compact type code: boolean false (in a field header), or boolean (element type). */
    public static final int T_BOOL_FALSE = 2;
    /** Compact type code: i8. */
    public static final int T_BYTE = 3;
    /** Compact type code: i16 (zigzag varint). */
    public static final int T_I16 = 4;
    /** Compact type code: i32 (zigzag varint). */
    public static final int T_I32 = 5;
    /** Compact type code: i64 (zigzag varint). */
    public static final int T_I64 = 6;
    /** Compact type code: double (8 bytes little endian). */
    public static final int T_DOUBLE = 7;
    /** Compact type code: binary / string (varint length + bytes). */
    public static final int T_BINARY = 8;
    /** Compact type code: list. */
    public static final int T_LIST = 9;
    /** Compact type code: set. */
    public static final int T_SET = 10;
    /** Compact type code: map. */
    public static final int T_MAP = 11;
    /** Compact type code: struct. */
    public static final int T_STRUCT = 12;

    /** Maximum nesting of structs and collections accepted before the input is declared malformed. */
    public static final int MAX_DEPTH = 64;

    private static final ValueLayout.OfDouble DOUBLE_LE =
            ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Header of a list or set: element type code and element count. */
    public record ListHeader(int elementType, int size) {}

    /** Header of a map: key and value type codes (0 when the map is empty) and entry count. */
    public record MapHeader(int keyType, int valueType, int size) {}

    private final MemorySegment seg;
    private final long start;
    private final long limit;
    private long pos;

    private int depth;
    private final int[] savedFieldIds = new int[MAX_DEPTH + 1];
    private int lastFieldId;
    private int fieldId;
    private int fieldType;
    private long fieldOffset;
    /** -1: none; 0: false; 1: true — a boolean value carried by the last field header. */
    private int pendingBool = -1;

    /**
     * Creates a reader over {@code [start, limit)} of {@code seg}.
     *
     * @throws ParquetFormatException if the range is not inside the segment
     */
    public ThriftCompactReader(MemorySegment seg, long start, long limit) {
        if (seg == null) throw new NullPointerException("seg");
        if (start < 0 || limit < start || limit > seg.byteSize()) {
            throw error("Thrift range [" + start + ", " + limit + ") is outside the available "
                    + seg.byteSize() + " bytes", Math.max(start, 0));
        }
        this.seg = seg;
        this.start = start;
        this.limit = limit;
        this.pos = start;
    }

    /** The absolute offset of the next byte to be read. */
    public long position() { return pos; }

    /** The absolute offset where this reader started. */
    public long start() { return start; }

    /** The absolute (exclusive) end offset. */
    public long limit() { return limit; }

    /** Bytes left before the limit. */
    public long remaining() { return limit - pos; }

    // ------------------------------------------------------------------ structs and fields

    /** Enters a struct (saves the field-id context). */
    public void structBegin() {
        if (depth >= MAX_DEPTH) {
            throw error("Thrift nesting deeper than " + MAX_DEPTH + " levels", pos);
        }
        savedFieldIds[depth++] = lastFieldId;
        lastFieldId = 0;
        pendingBool = -1;
    }

    /** Leaves a struct entered with {@link #structBegin()}. */
    public void structEnd() {
        if (depth == 0) throw new IllegalStateException("structEnd without structBegin");
        lastFieldId = savedFieldIds[--depth];
        pendingBool = -1;
    }

    /**
     * Reads the next field header of the current struct.
     *
     * @return false at the end of the struct (STOP), true when a field follows; its id and type are
     *     then available from {@link #fieldId()} and {@link #fieldType()}
     */
    public boolean nextField() {
        pendingBool = -1;
        long at = pos;
        int b = readRawByte() & 0xFF;
        if (b == T_STOP) return false;
        int type = b & 0x0F;
        int delta = b >>> 4;
        if (type == T_STOP || type > T_STRUCT) {
            throw error("invalid Thrift field type code " + type, at);
        }
        int id;
        if (delta != 0) {
            id = lastFieldId + delta;
        } else {
            id = readI16();
        }
        lastFieldId = id;
        fieldId = id;
        fieldType = type;
        fieldOffset = at;
        if (type == T_BOOL_TRUE) pendingBool = 1;
        else if (type == T_BOOL_FALSE) pendingBool = 0;
        return true;
    }

    /** The id of the field whose header was read last. */
    public int fieldId() { return fieldId; }

    /** The compact type code of the field whose header was read last (1 or 2 for booleans). */
    public int fieldType() { return fieldType; }

    /** The absolute offset of the last field header. */
    public long fieldOffset() { return fieldOffset; }

    // ------------------------------------------------------------------ scalars

    /**
     * Reads a boolean: the value carried by the last field header if it was a boolean field not yet
     * consumed, otherwise one byte (list/set element: 1 = true, 0 or 2 = false).
     */
    public boolean readBool() {
        if (pendingBool >= 0) {
            boolean v = pendingBool == 1;
            pendingBool = -1;
            return v;
        }
        long at = pos;
        int b = readRawByte();
        return switch (b) {
            case 1 -> true;
            case 0, 2 -> false;
            default -> throw error("invalid Thrift boolean byte " + b, at);
        };
    }

    /** Reads an i8. */
    public byte readByte() { return readRawByte(); }

    /** Reads a zigzag-varint i16. */
    public short readI16() {
        long at = pos;
        int v = readI32();
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw error("Thrift i16 value " + v + " out of range", at);
        }
        return (short) v;
    }

    /** Reads a zigzag-varint i32. */
    public int readI32() {
        int n = (int) readVarint32Unsigned();
        return (n >>> 1) ^ -(n & 1);
    }

    /** Reads a zigzag-varint i64. */
    public long readI64() {
        long n = readVarint64();
        return (n >>> 1) ^ -(n & 1);
    }

    /**
     * Reads an integer encoded with any of the integer wire types (i8, i16, i32, i64). Useful to
     * accept writers that picked a different integer width than the IDL.
     */
    public long readInteger(int wireType) {
        return switch (wireType) {
            case T_BYTE -> readRawByte();
            case T_I16, T_I32 -> readI32();
            case T_I64 -> readI64();
            default -> throw error("expected an integer, found Thrift type " + typeName(wireType), pos);
        };
    }

    /** Reads a little-endian IEEE 754 double. */
    public double readDouble() {
        need(8);
        double d = seg.get(DOUBLE_LE, pos);
        pos += 8;
        return d;
    }

    /** Reads a binary value; the length is checked against the remaining input before allocating. */
    public byte[] readBinary() {
        int len = readLength();
        byte[] out = new byte[len];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, out, 0, len);
        pos += len;
        return out;
    }

    /** Reads a binary value as UTF-8 text (malformed sequences are replaced). */
    public String readString() {
        int len = readLength();
        byte[] bytes = new byte[len];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, bytes, 0, len);
        pos += len;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ collections

    /**
     * Reads a list or set header. The size is checked against the remaining bytes (every element
     * needs at least one byte, doubles eight), so a corrupt size cannot cause a large allocation.
     */
    public ListHeader readListHeader() {
        pendingBool = -1;
        long at = pos;
        int b = readRawByte() & 0xFF;
        int type = b & 0x0F;
        long size = b >>> 4;
        if (size == 15) {
            size = readVarint32Unsigned();
            if (size > Integer.MAX_VALUE) throw error("negative Thrift list size " + (int) size, at);
        }
        checkElementType(type, at);
        checkCount(size, minBytes(type), "list", at);
        return new ListHeader(type, (int) size);
    }

    /** Reads a map header; the entry count is checked against the remaining bytes. */
    public MapHeader readMapHeader() {
        pendingBool = -1;
        long at = pos;
        long size = readVarint32Unsigned();
        if (size > Integer.MAX_VALUE) throw error("negative Thrift map size " + (int) size, at);
        if (size == 0) return new MapHeader(0, 0, 0);
        int kv = readRawByte() & 0xFF;
        int k = kv >>> 4;
        int v = kv & 0x0F;
        checkElementType(k, at);
        checkElementType(v, at);
        checkCount(size, minBytes(k) + minBytes(v), "map", at);
        return new MapHeader(k, v, (int) size);
    }

    // ------------------------------------------------------------------ skipping

    /**
     * Skips one value of the given compact type (recursively for containers), e.g. an unknown field.
     * Nesting is limited to {@link #MAX_DEPTH}.
     */
    public void skip(int type) {
        skip(type, depth);
    }

    private void skip(int type, int level) {
        if (level >= MAX_DEPTH) throw error("Thrift nesting deeper than " + MAX_DEPTH + " levels", pos);
        switch (type) {
            case T_BOOL_TRUE, T_BOOL_FALSE -> readBool();
            case T_BYTE -> readRawByte();
            case T_I16, T_I32 -> readVarint32Unsigned();
            case T_I64 -> readVarint64();
            case T_DOUBLE -> { need(8); pos += 8; }
            case T_BINARY -> { int len = readLength(); pos += len; }
            case T_LIST, T_SET -> {
                ListHeader h = readListHeader();
                for (int i = 0; i < h.size(); i++) skip(h.elementType(), level + 1);
            }
            case T_MAP -> {
                MapHeader h = readMapHeader();
                for (int i = 0; i < h.size(); i++) {
                    skip(h.keyType(), level + 1);
                    skip(h.valueType(), level + 1);
                }
            }
            case T_STRUCT -> {
                structBegin();
                while (nextField()) skip(fieldType, level + 1);
                structEnd();
            }
            default -> throw error("cannot skip unknown Thrift type code " + type, pos);
        }
    }

    // ------------------------------------------------------------------ errors and helpers

    /** A {@link ParquetFormatException} located at an absolute offset. */
    public static ParquetFormatException error(String detail, long offset) {
        return new ParquetFormatException(detail, null, -1, null, offset, null);
    }

    /** A readable name for a compact type code. */
    public static String typeName(int type) {
        return switch (type) {
            case T_STOP -> "stop";
            case T_BOOL_TRUE, T_BOOL_FALSE -> "bool";
            case T_BYTE -> "i8";
            case T_I16 -> "i16";
            case T_I32 -> "i32";
            case T_I64 -> "i64";
            case T_DOUBLE -> "double";
            case T_BINARY -> "binary";
            case T_LIST -> "list";
            case T_SET -> "set";
            case T_MAP -> "map";
            case T_STRUCT -> "struct";
            default -> "unknown(" + type + ")";
        };
    }

    private byte readRawByte() {
        if (pos >= limit) throw truncated(1);
        return seg.get(ValueLayout.JAVA_BYTE, pos++);
    }

    private void need(long n) {
        if (limit - pos < n) throw truncated(n);
    }

    private ParquetFormatException truncated(long n) {
        return error("truncated Thrift data: need " + n + " byte(s) but only " + (limit - pos)
                + " remain before offset " + limit, pos);
    }

    /** Unsigned varint of at most 5 bytes holding a value below 2^32. */
    private long readVarint32Unsigned() {
        long at = pos;
        long result = 0;
        for (int i = 0, shift = 0; i < 5; i++, shift += 7) {
            int b = readRawByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result > 0xFFFF_FFFFL) throw error("Thrift varint exceeds 32 bits", at);
                return result;
            }
        }
        throw error("Thrift varint longer than 5 bytes", at);
    }

    private long readVarint64() {
        long at = pos;
        long result = 0;
        for (int i = 0, shift = 0; i < 10; i++, shift += 7) {
            int b = readRawByte();
            if (i == 9 && (b & 0x7E) != 0) throw error("Thrift varint exceeds 64 bits", at);
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw error("Thrift varint longer than 10 bytes", at);
    }

    /** A binary length: non-negative and not beyond the remaining input. */
    private int readLength() {
        long at = pos;
        int len = (int) readVarint32Unsigned();
        if (len < 0) throw error("negative Thrift binary length " + len, at);
        if (len > limit - pos) {
            throw error("Thrift binary length " + len + " exceeds the " + (limit - pos)
                    + " remaining bytes", at);
        }
        return len;
    }

    private void checkElementType(int type, long at) {
        if (type < T_BOOL_TRUE || type > T_STRUCT) {
            throw error("invalid Thrift element type code " + type, at);
        }
    }

    private void checkCount(long size, int minBytesEach, String what, long at) {
        if (size * minBytesEach > limit - pos) {
            throw error("Thrift " + what + " of " + size + " elements cannot fit in the "
                    + (limit - pos) + " remaining bytes", at);
        }
    }

    private static int minBytes(int type) {
        return type == T_DOUBLE ? 8 : 1;
    }
}
