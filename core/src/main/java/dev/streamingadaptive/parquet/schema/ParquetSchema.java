package dev.streamingadaptive.parquet.schema;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.Repetition;
import dev.streamingadaptive.parquet.meta.SchemaElement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The schema tree rebuilt from the footer's flattened, depth-first element list, with levels per node. */
public final class ParquetSchema {
    private static final int MAX_DEPTH = 100;

    private final SchemaNode root;
    private final List<SchemaNode> leaves;

    private ParquetSchema(SchemaNode root, List<SchemaNode> leaves) {
        this.root = root;
        this.leaves = leaves;
    }

    /** Builds the tree; a malformed element list (child counts that do not add up, groups without leaves) fails. */
    public static ParquetSchema of(List<SchemaElement> elements) {
        if (elements.isEmpty()) throw new ParquetFormatException("schema is empty");
        List<SchemaNode> leaves = new ArrayList<>();
        int[] next = {1};
        SchemaElement rootElement = elements.get(0);
        List<SchemaNode> children = buildChildren(elements, next, rootElement.numChildren(), 0, 0, List.of(), leaves, 1);
        if (next[0] != elements.size()) {
            throw new ParquetFormatException("schema has " + elements.size() + " elements but the root's tree covers " + next[0]);
        }
        SchemaNode root = new SchemaNode(rootElement, Repetition.REQUIRED, 0, 0, -1, List.of(), children);
        return new ParquetSchema(root, Collections.unmodifiableList(leaves));
    }

    private static List<SchemaNode> buildChildren(List<SchemaElement> elements, int[] next, int count, int parentDef,
                                                  int parentRep, List<String> parentPath, List<SchemaNode> leaves, int depth) {
        if (depth > MAX_DEPTH) throw new ParquetFormatException("schema nested deeper than " + MAX_DEPTH + " levels");
        if (count < 0 || count > elements.size() - next[0]) {
            throw new ParquetFormatException("schema element declares " + count + " children but only "
                    + (elements.size() - next[0]) + " elements follow");
        }
        List<SchemaNode> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SchemaElement e = elements.get(next[0]++);
            Repetition rep = e.repetition() == null ? Repetition.OPTIONAL : e.repetition();
            int def = parentDef + (rep == Repetition.REQUIRED ? 0 : 1);
            int r = parentRep + (rep == Repetition.REPEATED ? 1 : 0);
            String name = e.name() == null ? "" : e.name();
            List<String> path = new ArrayList<>(parentPath);
            path.add(name);
            path = List.copyOf(path);
            if (e.numChildren() > 0 || e.type() == null) {
                List<SchemaNode> kids = buildChildren(elements, next, e.numChildren(), def, r, path, leaves, depth + 1);
                if (kids.isEmpty()) throw new ParquetFormatException("group '" + String.join(".", path) + "' has no children");
                out.add(new SchemaNode(e, rep, def, r, -1, path, List.copyOf(kids)));
            } else {
                SchemaNode leaf = new SchemaNode(e, rep, def, r, leaves.size(), path, List.of());
                leaves.add(leaf);
                out.add(leaf);
            }
        }
        return out;
    }

    /** The root (message) node. */
    public SchemaNode root() { return root; }

    /** Leaf nodes in column-chunk order. */
    public List<SchemaNode> leaves() { return leaves; }
}
