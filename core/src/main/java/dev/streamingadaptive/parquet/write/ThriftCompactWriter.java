package dev.streamingadaptive.parquet.write;

/**
 * A minimal Thrift compact-protocol encoder: structs, i8/i16/i32/i64, bool, binary/string and lists
 * of structs, strings or i32 — what Parquet page headers and the footer need.
 *
 * <p>Usage: {@code beginStruct()}; {@code i32Field(1, 7)}…; {@code endStruct()}. Nested structs and
 * list elements push and pop the last field id as the protocol requires.
 */
final class ThriftCompactWriter {
    static final int T_BOOL_TRUE = 1, T_BOOL_FALSE = 2, T_BYTE = 3, T_I16 = 4, T_I32 = 5, T_I64 = 6,
            T_DOUBLE = 7, T_BINARY = 8, T_LIST = 9, T_SET = 10, T_MAP = 11, T_STRUCT = 12;

    private final ByteSink out;
    private int[] idStack = new int[16];
    private int depth;
    private int lastId;

    public ThriftCompactWriter() { this(new ByteSink(256)); }

    ThriftCompactWriter(ByteSink out) { this.out = out; }

    ByteSink sink() { return out; }

    /** The bytes written so far. */
    public byte[] toByteArray() { return out.toByteArray(); }

    /** Number of bytes written so far. */
    public int size() { return out.size(); }

    /** Starts a struct (top-level, list element, or after {@link #structField}). */
    public ThriftCompactWriter beginStruct() {
        if (depth == idStack.length) idStack = java.util.Arrays.copyOf(idStack, depth * 2);
        idStack[depth++] = lastId;
        lastId = 0;
        return this;
    }

    /** Writes the stop byte and returns to the enclosing struct. */
    public ThriftCompactWriter endStruct() {
        out.put(0);
        lastId = idStack[--depth];
        return this;
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.put((delta << 4) | type);
        } else {
            out.put(type);
            zigzag32(id);
        }
        lastId = id;
    }

    public ThriftCompactWriter boolField(int id, boolean v) {
        fieldHeader(id, v ? T_BOOL_TRUE : T_BOOL_FALSE);
        return this;
    }

    public ThriftCompactWriter byteField(int id, int v) {
        fieldHeader(id, T_BYTE);
        out.put(v);
        return this;
    }

    public ThriftCompactWriter i16Field(int id, int v) {
        fieldHeader(id, T_I16);
        zigzag32(v);
        return this;
    }

    public ThriftCompactWriter i32Field(int id, int v) {
        fieldHeader(id, T_I32);
        zigzag32(v);
        return this;
    }

    public ThriftCompactWriter i64Field(int id, long v) {
        fieldHeader(id, T_I64);
        zigzag64(v);
        return this;
    }

    public ThriftCompactWriter binaryField(int id, byte[] v) {
        fieldHeader(id, T_BINARY);
        out.putUnsignedVarInt(v.length);
        out.put(v, 0, v.length);
        return this;
    }

    public ThriftCompactWriter stringField(int id, String v) {
        return binaryField(id, v.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Header of a struct-typed field; follow with {@link #beginStruct()} … {@link #endStruct()}. */
    public ThriftCompactWriter structField(int id) {
        fieldHeader(id, T_STRUCT);
        return this;
    }

    /** An empty struct field (e.g. a union member without data such as {@code StringType}). */
    public ThriftCompactWriter emptyStructField(int id) {
        return structField(id).beginStruct().endStruct();
    }

    /** Header of a list field of {@code size} elements of the given element type. */
    public ThriftCompactWriter listField(int id, int elementType, int size) {
        fieldHeader(id, T_LIST);
        listHeader(elementType, size);
        return this;
    }

    private void listHeader(int elementType, int size) {
        if (size < 15) {
            out.put((size << 4) | elementType);
        } else {
            out.put(0xF0 | elementType);
            out.putUnsignedVarInt(size);
        }
    }

    /** A list element or bare value of type i32. */
    public ThriftCompactWriter i32Value(int v) {
        zigzag32(v);
        return this;
    }

    /** A list element of type bool (1 true, 2 false, as Thrift's compact protocol writes them). */
    ThriftCompactWriter boolValue(boolean v) {
        out.put(v ? T_BOOL_TRUE : T_BOOL_FALSE);
        return this;
    }

    /** A list element or bare value of type i64. */
    ThriftCompactWriter i64Value(long v) {
        zigzag64(v);
        return this;
    }

    /** A list element or bare value of type binary. */
    ThriftCompactWriter binaryValue(byte[] v) {
        out.putUnsignedVarInt(v.length);
        out.put(v, 0, v.length);
        return this;
    }

    /** A list element or bare value of type binary/string. */
    public ThriftCompactWriter stringValue(String v) {
        byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.putUnsignedVarInt(b.length);
        out.put(b, 0, b.length);
        return this;
    }

    private void zigzag32(int v) { out.putUnsignedVarInt(Integer.toUnsignedLong((v << 1) ^ (v >> 31))); }

    private void zigzag64(long v) { out.putUnsignedVarInt((v << 1) ^ (v >> 63)); }
}
