package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.MapColumn;
import dev.streamingadaptive.frame.StructColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shreds the rows of one top-level nested column into the repetition and definition levels of one
 * of its leaves (Dremel), and the leaf's values in order as views ({@link DictionaryColumn}s over
 * the leaf column, one per input segment) that the value encoders read like any column.
 */
final class LevelShredder {
    /**
     * One leaf's levels for a row group: entries [0, count), of which those with
     * {@code def[e] == maxDef} carry the next value of {@code values}.
     */
    record Shredded(int[] rep, int[] def, int count, List<ColumnChunkEncoder.Segment> values, int valueCount) {}

    private final ColumnLayout.Leaf leaf;
    private final Field top;
    private int[] rep = new int[1024], def = new int[1024];
    private int count;
    private int[] picks = new int[1024];
    private int picked;
    private Column leafColumn;

    LevelShredder(ColumnLayout.Leaf leaf, Field top) {
        this.leaf = leaf;
        this.top = top;
    }

    Shredded shred(List<ColumnChunkEncoder.Segment> segments) {
        count = 0;
        int values = 0;
        List<ColumnChunkEncoder.Segment> views = new ArrayList<>(segments.size());
        for (ColumnChunkEncoder.Segment s : segments) {
            picked = 0;
            leafColumn = null;
            for (int r = s.from(); r < s.from() + s.len(); r++) walk(s.column(), top, 0, r, 0, 0, 0);
            if (picked > 0) {
                views.add(new ColumnChunkEncoder.Segment(view(leafColumn, Arrays.copyOf(picks, picked)), 0, picked));
                values += picked;
            }
        }
        return new Shredded(rep, def, count, views, values);
    }

    /** The picked rows of the leaf column as a column of their own (dictionary indices composed). */
    private static Column view(Column leaf, int[] rows) {
        if (leaf instanceof DictionaryColumn d) {
            int[] inner = d.rawIndices();
            for (int i = 0; i < rows.length; i++) rows[i] = inner[rows[i]];
            return new DictionaryColumn(leaf.name(), d.dictionary(), rows, rows.length, null);
        }
        return new DictionaryColumn(leaf.name(), leaf, rows, rows.length, null);
    }

    /**
     * Emits the levels of value {@code i} of {@code col} (field {@code f}, at {@code depth} on the
     * leaf's way down) for the leaf: {@code r} the repetition level of its first entry, {@code d}
     * the definition level its ancestors reached, {@code reps} the repeated ancestors so far.
     */
    private void walk(Column col, Field f, int depth, int i, int r, int d, int reps) {
        if (col.isNull(i)) {
            if (!f.nullable()) throw nullInRequired(f);
            emit(r, d);
            return;
        }
        int defined = d + (f.nullable() ? 1 : 0);
        switch (f.type()) {
            case DataType.StructType st -> {
                int k = leaf.choices()[depth];
                StructColumn sc = (StructColumn) col;
                walk(sc.children().get(k), st.fields().get(k), depth + 1, i, r, defined, reps);
            }
            case DataType.ListType lt -> {
                ListColumn lc = (ListColumn) col;
                int start = lc.offset(i), end = lc.offset(i + 1);
                if (start == end) {
                    emit(r, defined);   // an empty list: present, no elements
                    return;
                }
                Field element = new Field(lt.element().name(), lt.element().type(), lt.element().nullable());
                for (int k = start; k < end; k++) walk(lc.elements(), element, depth + 1, k, k == start ? r : reps + 1, defined + 1, reps + 1);
            }
            case DataType.MapType mt -> {
                MapColumn mc = (MapColumn) col;
                int start = mc.offset(i), end = mc.offset(i + 1);
                if (start == end) {
                    emit(r, defined);
                    return;
                }
                boolean key = leaf.choices()[depth] == 0;
                Field child = key ? new Field(mt.key().name(), mt.key().type(), false) : new Field(mt.value().name(), mt.value().type(), mt.value().nullable());
                Column children = key ? mc.keys() : mc.values();
                for (int k = start; k < end; k++) walk(children, child, depth + 1, k, k == start ? r : reps + 1, defined + 1, reps + 1);
            }
            default -> {
                if (leafColumn == null) leafColumn = col;
                else if (leafColumn != col) throw new IllegalStateException("one leaf column per segment expected");
                if (picked == picks.length) picks = Arrays.copyOf(picks, picked * 2);
                picks[picked++] = i;
                emit(r, defined);
            }
        }
    }

    private void emit(int r, int d) {
        if (count == rep.length) {
            rep = Arrays.copyOf(rep, count * 2);
            def = Arrays.copyOf(def, count * 2);
        }
        rep[count] = r;
        def[count] = d;
        count++;
    }

    private IllegalArgumentException nullInRequired(Field f) {
        return new IllegalArgumentException("column '" + String.join(".", leaf.path()) + "': '" + f.name()
                + "' is declared non-nullable but has null values");
    }

    long retainedBytes() {
        return 8L * rep.length + 4L * picks.length;
    }
}
