package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.parquet.meta.ConvertedType;

import java.util.ArrayList;
import java.util.List;

/**
 * How a schema is laid out in Parquet: the schema elements (depth first), and one {@link Leaf} per
 * primitive column with its path, levels and the way down from its top-level field. Lists are
 * written in the standard three-level form ({@code optional group x (LIST) { repeated group list
 * { optional element } }}), maps as {@code optional group x (MAP) { repeated group key_value
 * { required key; optional value } }}, structs as groups.
 */
final class ColumnLayout {
    /**
     * One leaf column.
     *
     * @param spec     its primitive type and nullability
     * @param topLevel index of its top-level field in the schema
     * @param path     names from the top-level field down to the leaf (path_in_schema)
     * @param choices  at each nested level on the way: the struct field index, 0 for a map's key,
     *                 1 for its value, 0 for a list's element
     * @param maxDef   its maximum definition level
     * @param maxRep   its maximum repetition level
     */
    record Leaf(LeafSpec spec, int topLevel, List<String> path, int[] choices, int maxDef, int maxRep) {
        boolean flat() { return path.size() == 1; }
    }

    private final List<Leaf> leaves = new ArrayList<>();
    private final List<Field> fields;

    ColumnLayout(Schema schema) {
        this.fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) collect(fields.get(i), i, new ArrayList<>(), new ArrayList<>(), 0, 0);
    }

    List<Leaf> leaves() { return leaves; }

    private void collect(Field f, int top, List<String> path, List<Integer> choices, int def, int rep) {
        path.add(f.name());
        int d = def + (f.nullable() ? 1 : 0);
        switch (f.type()) {
            case DataType.StructType st -> {
                if (st.fields().isEmpty()) {
                    throw new UnsupportedOperationException("column '" + String.join(".", path) + "': a struct without fields cannot be written to Parquet");
                }
                for (int k = 0; k < st.fields().size(); k++) {
                    choices.add(k);
                    collect(st.fields().get(k), top, path, choices, d, rep);
                    choices.removeLast();
                }
            }
            case DataType.ListType lt -> {
                path.add("list");
                choices.add(0);
                collect(new Field(lt.element().name(), lt.element().type(), lt.element().nullable()), top, path, choices, d + 1, rep + 1);
                choices.removeLast();
                path.removeLast();
            }
            case DataType.MapType mt -> {
                path.add("key_value");
                choices.add(0);
                collect(new Field(mt.key().name(), mt.key().type(), false), top, path, choices, d + 1, rep + 1);
                choices.removeLast();
                choices.add(1);
                collect(new Field(mt.value().name(), mt.value().type(), mt.value().nullable()), top, path, choices, d + 1, rep + 1);
                choices.removeLast();
                path.removeLast();
            }
            default -> leaves.add(new Leaf(LeafSpec.of(f), top, List.copyOf(path), choices.stream().mapToInt(Integer::intValue).toArray(), d, rep));
        }
        path.removeLast();
    }

    /** Number of schema elements below the root. */
    int schemaElements() {
        int n = 0;
        for (Field f : fields) n += count(f.type());
        return n;
    }

    private static int count(DataType t) {
        return switch (t) {
            case DataType.StructType st -> 1 + st.fields().stream().mapToInt(f -> count(f.type())).sum();
            case DataType.ListType lt -> 2 + count(lt.element().type());
            case DataType.MapType mt -> 2 + count(mt.key().type()) + count(mt.value().type());
            default -> 1;
        };
    }

    /** Writes the SchemaElements of every top-level field, depth first (the root is the caller's). */
    void writeSchemaElements(ThriftCompactWriter w) {
        for (Field f : fields) write(w, f, f.nullable() ? 1 : 0);
    }

    private static final int REQUIRED = 0, OPTIONAL = 1, REPEATED = 2;

    private static void write(ThriftCompactWriter w, Field f, int repetition) {
        switch (f.type()) {
            case DataType.StructType st -> {
                group(w, f.name(), repetition, st.fields().size(), null, 0);
                for (Field c : st.fields()) write(w, c, c.nullable() ? OPTIONAL : REQUIRED);
            }
            case DataType.ListType lt -> {
                group(w, f.name(), repetition, 1, ConvertedType.LIST, 3);
                group(w, "list", REPEATED, 1, null, 0);
                write(w, new Field(lt.element().name(), lt.element().type(), lt.element().nullable()), lt.element().nullable() ? OPTIONAL : REQUIRED);
            }
            case DataType.MapType mt -> {
                group(w, f.name(), repetition, 1, ConvertedType.MAP, 2);
                group(w, "key_value", REPEATED, 2, null, 0);
                write(w, new Field(mt.key().name(), mt.key().type(), false), REQUIRED);
                write(w, new Field(mt.value().name(), mt.value().type(), mt.value().nullable()), mt.value().nullable() ? OPTIONAL : REQUIRED);
            }
            default -> LeafSpec.of(new Field(f.name(), f.type(), repetition == OPTIONAL)).writeSchemaElement(w);
        }
    }

    /** A group SchemaElement; {@code logicalType} is the LogicalType union's field id (0: none). */
    private static void group(ThriftCompactWriter w, String name, int repetition, int children, ConvertedType converted, int logicalType) {
        w.beginStruct();
        w.i32Field(3, repetition);
        w.stringField(4, name);
        w.i32Field(5, children);
        if (converted != null) w.i32Field(6, converted.id);
        if (logicalType != 0) w.structField(10).beginStruct().emptyStructField(logicalType).endStruct();
        w.endStruct();
    }
}
