package dev.streamingadaptive.parquet.meta;

import java.util.Objects;

/**
 * One node of the flattened (depth-first) Parquet schema (Thrift {@code SchemaElement}).
 *
 * @param type          physical type for leaves; null for groups (an unknown type id is rejected
 *                      by the parser)
 * @param typeLength    byte length for FIXED_LEN_BYTE_ARRAY, or null
 * @param repetition    repetition; null for the root, when absent, or for an id this reader does
 *                      not know (for example VECTOR)
 * @param name          field name (never null)
 * @param numChildren   number of children; 0 for leaves (and when absent)
 * @param convertedType legacy annotation, or null (also when the id is unknown)
 * @param scale         legacy decimal scale, or null
 * @param precision     legacy decimal precision, or null
 * @param fieldId       original field id, or null
 * @param logicalType   logical annotation, or null
 */
public record SchemaElement(PhysicalType type, Integer typeLength, Repetition repetition, String name,
                            int numChildren, ConvertedType convertedType, Integer scale, Integer precision,
                            Integer fieldId, LogicalType logicalType) {
    public SchemaElement {
        Objects.requireNonNull(name, "name");
    }

    /** True when this element has no children (a primitive column, except for the root). */
    public boolean isLeaf() {
        return numChildren == 0;
    }
}
