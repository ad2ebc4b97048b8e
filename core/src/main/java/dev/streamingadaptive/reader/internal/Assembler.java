package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.MapColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.StructColumn;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.parquet.schema.SchemaNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns decoded leaves (levels + dense values) into output columns, nested ones included.
 *
 * <p>The shape of a field is read from the levels of its leftmost leaf: a <em>slot</em> is the run
 * of level entries that makes up one value of the field. Rows start where the repetition level is
 * 0; a list's elements start at its first entry and wherever the repetition level equals the
 * list's repeated node. A value is null when the definition level at its slot start is below the
 * level at which its node is present. Struct members whose leftmost leaf differs re-derive their
 * slots from their own leaf, which has the same shape above them.
 */
public final class Assembler {
    private final IntFunction<LeafData> leaves;
    private final int rows;

    /** @param leaves decoded leaf by leaf index */
    public Assembler(IntFunction<LeafData> leaves, int rows) {
        this.leaves = leaves;
        this.rows = rows;
    }

    /** The output column for a top-level field. */
    public Column assemble(FieldPlan plan) {
        if (plan instanceof FieldPlan.Primitive p && p.node().repLevel() == 0) return flat(p);
        LeafData data = leaves.apply(plan.firstLeaf().leafIndex());
        Slots slots = rootSlots(data);
        return build(plan, slots, List.of());
    }

    /** Fast path for a top-level primitive: one level entry per row. */
    private Column flat(FieldPlan.Primitive p) {
        LeafData d = leaves.apply(p.node().leafIndex());
        if (d.levelCount() != rows) {
            throw new ParquetFormatException("column has " + d.levelCount() + " values but the row group has " + rows + " rows");
        }
        Column values = d.values();
        int[] def = d.defLevels();
        if (def == null || values.size() == rows) {
            return values.size() == rows ? values.rename(p.name()) : tooFewValues(values.size(), rows);
        }
        int max = p.node().defLevel();
        // The chunk reader counted exactly values.size() entries at level max, so spreading is in bounds.
        if (values.size() == 0) return new NullColumn(p.name(), p.type(), rows);
        Column spread = Gather.spread(p.name(), values, def, max, rows);
        if (spread != null) return spread;
        int[] index = new int[rows];
        boolean[] nulls = new boolean[rows];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            if (def[i] == max) index[i] = k++;
            else { index[i] = -1; nulls[i] = true; }
        }
        if (k != values.size()) tooFewValues(values.size(), k);
        return Gather.gather(p.name(), values, index, nulls, rows);
    }

    private static Column tooFewValues(int have, int need) {
        throw new ParquetFormatException("column decoded " + have + " values where its levels need " + need);
    }

    /** Slot starts/ends into one leaf's level arrays. */
    private record Slots(LeafData data, int[] starts, int[] ends, int count) {}

    private Slots rootSlots(LeafData data) {
        int n = data.levelCount();
        int[] rep = data.repLevels();
        if (rep == null) {
            int[] starts = new int[n];
            int[] ends = new int[n];
            for (int i = 0; i < n; i++) { starts[i] = i; ends[i] = i + 1; }
            return checkRows(new Slots(data, starts, ends, n));
        }
        if (n > 0 && rep[0] != 0) throw new ParquetFormatException("first repetition level is " + rep[0] + ", not 0");
        int count = 0;
        for (int i = 0; i < n; i++) if (rep[i] == 0) count++;
        int[] starts = new int[count];
        int[] ends = new int[count];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (rep[i] == 0) {
                if (c > 0) ends[c - 1] = i;
                starts[c++] = i;
            }
        }
        if (c > 0) ends[c - 1] = n;
        return checkRows(new Slots(data, starts, ends, count));
    }

    private Slots checkRows(Slots s) {
        if (s.count != rows) {
            throw new ParquetFormatException("column " + s.data.leaf().dottedPath() + " has " + s.count
                    + " rows but the row group has " + rows);
        }
        return s;
    }

    /** The slots of the same field as seen from another leaf below it. */
    private Slots reslot(LeafData data, List<SchemaNode> repeatedChain) {
        Slots s = rootSlots(data);
        for (SchemaNode r : repeatedChain) s = elements(s, r, null);
        return s;
    }

    /** Element slots of the lists in {@code parent}; fills {@code offsets} (parent.count + 1) when given. */
    private static Slots elements(Slots parent, SchemaNode repeated, int[] offsets) {
        int[] rep = parent.data.repLevels();
        int[] def = parent.data.defLevels();
        int r = repeated.repLevel();
        int d = repeated.defLevel();
        int total = 0;
        for (int i = 0; i < parent.count; i++) {
            int s = parent.starts[i];
            if (def[s] < d) continue;
            total++;
            for (int j = s + 1, e = parent.ends[i]; j < e; j++) {
                int rj = rep[j];
                if (rj == r) total++;
                else if (rj < r) throw new ParquetFormatException("repetition level " + rj + " inside a list at level " + r);
            }
        }
        int[] starts = new int[total];
        int[] ends = new int[total];
        int c = 0;
        for (int i = 0; i < parent.count; i++) {
            if (offsets != null) offsets[i] = c;
            int s = parent.starts[i];
            int e = parent.ends[i];
            if (def[s] < d) continue;
            starts[c++] = s;
            for (int j = s + 1; j < e; j++) {
                if (rep[j] == r) {
                    ends[c - 1] = j;
                    starts[c++] = j;
                }
            }
            ends[c - 1] = e;
        }
        if (offsets != null) offsets[parent.count] = c;
        return new Slots(parent.data, starts, ends, total);
    }

    private static boolean[] nulls(Slots s, SchemaNode node) {
        int level = node.defLevel();
        if (level == 0) return null;
        int[] def = s.data.defLevels();
        if (def == null) return null;   // a flat leaf whose levels were all at the maximum: every ancestor present
        boolean[] out = null;
        for (int i = 0; i < s.count; i++) {
            if (def[s.starts[i]] < level) {
                if (out == null) out = new boolean[s.count];
                out[i] = true;
            }
        }
        return out;
    }

    private Column build(FieldPlan plan, Slots slots, List<SchemaNode> chain) {
        return switch (plan) {
            case FieldPlan.Primitive p -> primitive(p, slots);
            case FieldPlan.Struct st -> {
                List<Column> children = new ArrayList<>(st.fields().size());
                for (FieldPlan f : st.fields()) children.add(build(f, slotsFor(f, slots, chain), chain));
                yield new StructColumn(st.name(), st.type(), children, slots.count, nulls(slots, st.node()));
            }
            case FieldPlan.ListPlan l -> {
                int[] offsets = new int[slots.count + 1];
                Slots el = elements(slots, l.repeated(), offsets);
                List<SchemaNode> inner = append(chain, l.repeated());
                Column elements = build(l.element(), slotsFor(l.element(), el, inner), inner);
                boolean[] nulls = l.outer() == l.repeated() ? null : nulls(slots, l.outer());
                yield new ListColumn(l.name(), l.type(), offsets, elements, slots.count, nulls);
            }
            case FieldPlan.MapPlan m -> {
                int[] offsets = new int[slots.count + 1];
                Slots el = elements(slots, m.repeated(), offsets);
                List<SchemaNode> inner = append(chain, m.repeated());
                Column keys = build(m.key(), slotsFor(m.key(), el, inner), inner);
                Column values = m.value() == null ? new NullColumn("value", m.type().value().type(), el.count)
                        : build(m.value(), slotsFor(m.value(), el, inner), inner);
                yield new MapColumn(m.name(), m.type(), offsets, keys.rename("key"), values.rename("value"), slots.count,
                        nulls(slots, m.outer()));
            }
        };
    }

    private Slots slotsFor(FieldPlan f, Slots current, List<SchemaNode> chain) {
        int leaf = f.firstLeaf().leafIndex();
        if (leaf == current.data.leaf().leafIndex()) return current;
        Slots s = reslot(leaves.apply(leaf), chain);
        if (s.count != current.count) {
            throw new ParquetFormatException("columns " + current.data.leaf().dottedPath() + " and " + f.firstLeaf().dottedPath()
                    + " disagree on the number of values (" + current.count + " vs " + s.count + ")");
        }
        return s;
    }

    private static List<SchemaNode> append(List<SchemaNode> chain, SchemaNode node) {
        List<SchemaNode> out = new ArrayList<>(chain.size() + 1);
        out.addAll(chain);
        out.add(node);
        return out;
    }

    private Column primitive(FieldPlan.Primitive p, Slots slots) {
        LeafData d = slots.data;
        int[] def = d.defLevels();
        int max = p.node().defLevel();
        int[] valueIndex = valueIndex(d);
        int[] index = new int[slots.count];
        boolean[] nulls = null;
        for (int i = 0; i < slots.count; i++) {
            int s = slots.starts[i];
            if (def == null || def[s] == max) {
                index[i] = valueIndex[s];
            } else {
                index[i] = -1;
                if (nulls == null) nulls = new boolean[slots.count];
                nulls[i] = true;
            }
        }
        if (d.values().size() == 0 && slots.count > 0 && nulls != null) return new NullColumn(p.name(), p.type(), slots.count);
        return Gather.gather(p.name(), d.values(), index, nulls, slots.count);
    }

    /** For each level entry, the index of its value among the leaf's present values. */
    private static int[] valueIndex(LeafData d) {
        int n = d.levelCount();
        int[] def = d.defLevels();
        int max = d.leaf().defLevel();
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            out[i] = k;
            if (def == null || def[i] == max) k++;
        }
        if (k != d.values().size()) tooFewValues(d.values().size(), k);
        return out;
    }
}
