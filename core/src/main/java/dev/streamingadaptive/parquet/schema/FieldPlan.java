package dev.streamingadaptive.parquet.schema;

import dev.streamingadaptive.frame.DataType;

import java.util.List;

/**
 * How one output column (or nested field) is assembled from the Parquet schema nodes below it.
 * Lists and maps name both the node that makes them nullable ({@code outer}) and the repeated
 * node whose repetition level starts each element; for un-annotated repeated fields both are the
 * same node and the list itself is never null.
 */
public sealed interface FieldPlan {
    /** The output field name. */
    String name();

    /** The output type. */
    DataType type();

    /** The node whose definition level decides whether this value is null. */
    SchemaNode nullabilityNode();

    /** The leftmost leaf below this field: its levels drive the shape of this field. */
    default SchemaNode firstLeaf() { return nullabilityNode().firstLeaf(); }

    /** A primitive value read from one leaf column. */
    record Primitive(String name, DataType type, SchemaNode node) implements FieldPlan {
        @Override public SchemaNode nullabilityNode() { return node; }
    }

    /** A struct whose fields are assembled independently. */
    record Struct(String name, DataType.StructType type, SchemaNode node, List<FieldPlan> fields) implements FieldPlan {
        @Override public SchemaNode nullabilityNode() { return node; }
    }

    /** A list; {@code outer} may equal {@code repeated} when the list cannot be null. */
    record ListPlan(String name, DataType.ListType type, SchemaNode outer, SchemaNode repeated, FieldPlan element)
            implements FieldPlan {
        @Override public SchemaNode nullabilityNode() { return outer; }
    }

    /** A map of key/value entries; {@code value} is null for key-only maps. */
    record MapPlan(String name, DataType.MapType type, SchemaNode outer, SchemaNode repeated, FieldPlan key, FieldPlan value)
            implements FieldPlan {
        @Override public SchemaNode nullabilityNode() { return outer; }
    }
}
