package dev.streamingadaptive.parquet.schema;

import dev.streamingadaptive.parquet.meta.Repetition;
import dev.streamingadaptive.parquet.meta.SchemaElement;

import java.util.List;

/**
 * One node of the Parquet schema tree with its computed levels.
 *
 * @param defLevel   the definition level at which this node is present (counts optional and repeated ancestors, itself included)
 * @param repLevel   the repetition level of this node (counts repeated ancestors, itself included)
 * @param leafIndex  column index within a row group for leaves, -1 for groups
 * @param path       names from below the root down to this node
 */
public record SchemaNode(SchemaElement element, Repetition repetition, int defLevel, int repLevel, int leafIndex,
                         List<String> path, List<SchemaNode> children) {

    /** The node name. */
    public String name() { return element.name(); }

    /** True for primitive (leaf) nodes. */
    public boolean isLeaf() { return leafIndex >= 0; }

    /** Dot-joined path, as used in messages. */
    public String dottedPath() { return String.join(".", path); }

    /** Leftmost leaf below (or at) this node; every group has at least one leaf (checked when built). */
    public SchemaNode firstLeaf() {
        SchemaNode n = this;
        while (!n.isLeaf()) n = n.children.get(0);
        return n;
    }
}
