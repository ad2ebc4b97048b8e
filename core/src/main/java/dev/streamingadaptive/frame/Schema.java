package dev.streamingadaptive.frame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ordered, named and typed fields of a DataFrame. */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> indexByName;

    public Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) idx.putIfAbsent(this.fields.get(i).name(), i);
        this.indexByName = Collections.unmodifiableMap(idx);
    }

    /** The fields in order. */
    public List<Field> fields() { return fields; }

    /** The field names in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field f : fields) names.add(f.name());
        return Collections.unmodifiableList(names);
    }

    /** Number of fields. */
    public int size() { return fields.size(); }

    /** Position of the first field with this name, or -1. */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    /** The field with this name; IllegalArgumentException listing the names when absent. */
    public Field field(String name) {
        int i = indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no column named '" + name + "'; columns are " + names());
        return fields.get(i);
    }

    @Override public boolean equals(Object o) { return o instanceof Schema s && s.fields.equals(fields); }
    @Override public int hashCode() { return fields.hashCode(); }
    @Override public String toString() { return "Schema" + fields; }
}
