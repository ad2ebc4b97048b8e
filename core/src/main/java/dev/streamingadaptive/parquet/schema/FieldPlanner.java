package dev.streamingadaptive.parquet.schema;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.parquet.meta.ConvertedType;
import dev.streamingadaptive.parquet.meta.LogicalType;
import dev.streamingadaptive.parquet.meta.Repetition;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns schema nodes into {@link FieldPlan}s, applying the LIST and MAP rules of the Parquet
 * spec, including its backward-compatibility rules for 2-level lists and un-annotated repeated fields.
 */
public final class FieldPlanner {
    private FieldPlanner() {}

    /** The plan of a top-level (or struct member) node. */
    public static FieldPlan plan(SchemaNode node) {
        if (node.repetition() == Repetition.REPEATED) {
            // An un-annotated repeated field is a required list of required elements.
            FieldPlan element = planElement(node, "element");
            return new FieldPlan.ListPlan(node.name(), listType(element), node, node, element);
        }
        return planSingle(node, node.name());
    }

    private static FieldPlan planSingle(SchemaNode node, String name) {
        if (node.isLeaf()) return new FieldPlan.Primitive(name, TypeMapper.map(node.element()), node);
        if (isList(node)) {
            FieldPlan list = planList(node, name);
            if (list != null) return list;
        }
        if (isMap(node)) {
            FieldPlan map = planMap(node, name);
            if (map != null) return map;
        }
        return planStruct(node, name);
    }

    private static FieldPlan planStruct(SchemaNode node, String name) {
        List<FieldPlan> fields = new ArrayList<>(node.children().size());
        List<Field> types = new ArrayList<>(node.children().size());
        for (SchemaNode child : node.children()) {
            FieldPlan f = plan(child);
            fields.add(f);
            types.add(new Field(f.name(), f.type(), true));
        }
        return new FieldPlan.Struct(name, new DataType.StructType(types), node, fields);
    }

    private static boolean isList(SchemaNode n) {
        return n.element().logicalType() instanceof LogicalType.ListType || n.element().convertedType() == ConvertedType.LIST;
    }

    private static boolean isMap(SchemaNode n) {
        return n.element().logicalType() instanceof LogicalType.MapType || n.element().convertedType() == ConvertedType.MAP
                || n.element().convertedType() == ConvertedType.MAP_KEY_VALUE;
    }

    private static FieldPlan planList(SchemaNode node, String name) {
        if (node.children().size() != 1) return null;
        SchemaNode repeated = node.children().get(0);
        if (repeated.repetition() != Repetition.REPEATED) return null;
        FieldPlan element;
        if (repeated.isLeaf()) {
            element = planElement(repeated, "element");
        } else if (repeated.children().size() > 1 || repeated.name().equals("array")
                || repeated.name().equals(node.name() + "_tuple")) {
            // Legacy 2-level list: the repeated group is itself the element.
            element = planElement(repeated, "element");
        } else {
            SchemaNode elementNode = repeated.children().get(0);
            if (elementNode.repetition() == Repetition.REPEATED) {
                element = plan(elementNode);
            } else {
                element = planSingle(elementNode, elementNode.name());
            }
        }
        return new FieldPlan.ListPlan(name, listType(element), node, repeated, element);
    }

    private static FieldPlan planMap(SchemaNode node, String name) {
        if (node.children().size() != 1) return null;
        SchemaNode kv = node.children().get(0);
        if (kv.repetition() != Repetition.REPEATED || kv.isLeaf() || kv.children().size() > 2) return null;
        SchemaNode keyNode = kv.children().get(0);
        FieldPlan key = planSingle(keyNode, "key");
        FieldPlan value = kv.children().size() == 2 ? planSingle(kv.children().get(1), "value") : null;
        DataType valueType = value == null ? DataType.INT32 : value.type();
        DataType.MapType type = new DataType.MapType(new Field("key", key.type(), false), new Field("value", valueType, true));
        return new FieldPlan.MapPlan(name, type, node, kv, key, value);
    }

    /** The element of a list whose repeated node is itself the element: present whenever its slot exists. */
    private static FieldPlan planElement(SchemaNode repeated, String name) {
        if (repeated.isLeaf()) return new FieldPlan.Primitive(name, TypeMapper.map(repeated.element()), repeated);
        if (isList(repeated)) {
            FieldPlan list = planList(repeated, name);
            if (list != null) return list;
        }
        return planStruct(repeated, name);
    }

    private static DataType.ListType listType(FieldPlan element) {
        return new DataType.ListType(new Field(element.name(), element.type(), true));
    }
}
