package dev.streamingadaptive.frame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Structs: one child column per field, all of the struct's size. */
public final class StructColumn extends Column {
    private final List<Column> children;

    /** A struct whose type is derived from the children (all fields nullable). */
    public StructColumn(String name, List<Column> children, int size, boolean[] nulls) {
        this(name, typeOf(children), children, size, nulls);
    }

    /** A struct of the given type; children must match its fields in order. */
    public StructColumn(String name, DataType.StructType type, List<Column> children, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (type.fields().size() != children.size()) throw new IllegalArgumentException("struct type and children differ");
        for (Column c : children) {
            if (c.size() != size) throw new IllegalArgumentException("child " + c.name() + " has " + c.size() + " values, struct " + size);
        }
        this.children = List.copyOf(children);
    }

    private static DataType.StructType typeOf(List<Column> children) {
        List<Field> fields = new ArrayList<>(children.size());
        for (Column c : children) fields.add(c.field());
        return new DataType.StructType(fields);
    }

    /** The field columns in order. */
    public List<Column> children() { return children; }

    @Override
    protected Object getNonNull(int i) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Column c : children) out.put(c.name(), c.get(i));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Column slice(int offset, int length) {
        List<Column> sliced = new ArrayList<>(children.size());
        for (Column c : children) sliced.add(c.slice(offset, length));
        return new StructColumn(name(), (DataType.StructType) type(), sliced, length, sliceNulls(offset, length));
    }

    @Override public Column rename(String newName) { return new StructColumn(newName, (DataType.StructType) type(), children, size(), nulls); }
    @Override public long estimatedBytes() {
        long b = nullBytes();
        for (Column c : children) b += c.estimatedBytes();
        return b;
    }
}
