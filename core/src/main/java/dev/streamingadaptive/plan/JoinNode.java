package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.types.Types;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An equality join of two inputs on key columns ({@code leftOn[i] = rightOn[i]}; a null key never
 * matches). The output follows Polars 1.x: the left columns, then the right side's columns except
 * its keys, a right column whose name is taken getting the suffix {@code _right}. INNER and LEFT
 * keep the left keys; RIGHT keeps only the left's non-key columns and all right columns (keys
 * included, in the right's order); FULL keeps both sides' keys; SEMI and ANTI output the left
 * columns only; CROSS has no keys and keeps every column. RIGHT_SEMI and RIGHT_ANTI, which only the
 * optimizer makes, output the right columns only.
 *
 * @param outputs where each output column comes from, in output order
 * @param keyTypes per key pair, the type both sides are compared in
 */
public record JoinNode(LogicalPlan left, LogicalPlan right, List<String> leftOn, List<String> rightOn, Kind how,
                       List<Output> outputs, List<DataType> keyTypes, Schema schema) implements LogicalPlan {

    /**
     * The join types; see {@code dev.streamingadaptive.lazy.JoinType} for the meaning of the first seven. RIGHT_SEMI
     * and RIGHT_ANTI are the optimizer's form of a SEMI or ANTI join that builds its hash table from the side it
     * outputs (the right input here): the right rows with (without) a match in the left input, in the right's order,
     * once the left has been read whole.
     */
    public enum Kind {
        INNER, LEFT, RIGHT, FULL, SEMI, ANTI, CROSS, RIGHT_SEMI, RIGHT_ANTI;

        /** Whether the join outputs build (right) rows that no left row matched: RIGHT, FULL and RIGHT_ANTI. */
        public boolean keepsUnmatchedBuild() {
            return this == RIGHT || this == FULL || this == RIGHT_ANTI;
        }

        /** Whether the join has to know which build (right) rows some left row matched: those above, and RIGHT_SEMI. */
        public boolean marksBuild() {
            return keepsUnmatchedBuild() || this == RIGHT_SEMI;
        }

        /** Whether the join outputs only the right input's rows and columns: RIGHT_SEMI and RIGHT_ANTI. */
        public boolean outputsRightOnly() {
            return this == RIGHT_SEMI || this == RIGHT_ANTI;
        }
    }

    /** One output column: {@code input} of the left (or right) side, named {@code name}. */
    public record Output(boolean fromLeft, String input, String name) {}

    /** The suffix of a right column whose name the left side already uses. */
    public static final String SUFFIX = "_right";

    public JoinNode {
        leftOn = List.copyOf(leftOn);
        rightOn = List.copyOf(rightOn);
        outputs = List.copyOf(outputs);
        keyTypes = List.copyOf(keyTypes);
    }

    /** The typed join, or an {@link ExprTypeException} naming a missing key or key columns of incomparable types. */
    public static JoinNode of(LogicalPlan left, LogicalPlan right, List<String> leftOn, List<String> rightOn, Kind how) {
        if (how == Kind.CROSS) {
            if (!leftOn.isEmpty() || !rightOn.isEmpty()) throw new IllegalArgumentException("a cross join has no keys");
        } else {
            if (leftOn.isEmpty()) throw new IllegalArgumentException("a " + how + " join needs at least one key column");
            if (leftOn.size() != rightOn.size()) {
                throw new IllegalArgumentException("join keys: " + leftOn.size() + " left columns " + leftOn + " but "
                        + rightOn.size() + " right columns " + rightOn);
            }
        }
        Schema ls = left.schema(), rs = right.schema();
        List<DataType> keyTypes = new ArrayList<>();
        for (int i = 0; i < leftOn.size(); i++) {
            DataType lt = type(ls, leftOn.get(i), "left"), rt = type(rs, rightOn.get(i), "right");
            if (lt.isNested() || rt.isNested()) {
                throw new ExprTypeException("join key " + (lt.isNested() ? "left column " + leftOn.get(i) + " of type " + lt
                        : "right column " + rightOn.get(i) + " of type " + rt) + " is nested; keys must be flat");
            }
            DataType common = Types.common(lt, rt);
            if (common == null) {
                throw new ExprTypeException("join key types do not match: left column " + leftOn.get(i) + " is " + lt
                        + " but right column " + rightOn.get(i) + " is " + rt);
            }
            keyTypes.add(common);
        }
        List<Output> outputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String c : how.outputsRightOnly() ? List.<String>of() : ls.names()) {
            if (how == Kind.RIGHT && leftOn.contains(c)) continue;
            outputs.add(new Output(true, c, c));
            names.add(c);
        }
        if (how != Kind.SEMI && how != Kind.ANTI) {
            for (String c : rs.names()) {
                boolean key = rightOn.contains(c);
                if (key && (how == Kind.INNER || how == Kind.LEFT)) continue;
                String name = c;
                while (names.contains(name)) name = name + SUFFIX;
                outputs.add(new Output(false, c, name));
                names.add(name);
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Output o : outputs) {
            Field f = (o.fromLeft ? ls : rs).field(o.input);
            fields.add(new Field(o.name, f.type(), true));
        }
        return new JoinNode(left, right, leftOn, rightOn, how, outputs, keyTypes, new Schema(fields));
    }

    private static DataType type(Schema s, String column, String side) {
        if (!s.names().contains(column)) {
            throw new ExprTypeException("join key " + column + " is not a column of the " + side + " side " + s.names());
        }
        return s.field(column).type();
    }

    /**
     * This join with its inputs swapped: INNER and FULL as they are, LEFT as RIGHT and RIGHT as LEFT (the same rows,
     * in another order and column layout; {@link #columnsIn} maps the columns back). Null for other kinds, and where a
     * key pair's types differ or are floats: an INNER join outputs the left keys, swapped the right's, the same values
     * only for one type, and not for floats, where -0.0 joins 0.0.
     */
    public JoinNode swapped() {
        Kind other = switch (how) {
            case INNER -> Kind.INNER;
            case FULL -> Kind.FULL;
            case LEFT -> Kind.RIGHT;
            case RIGHT -> Kind.LEFT;
            default -> null;
        };
        if (other == null) return null;
        for (int i = 0; i < leftOn.size(); i++) {
            DataType lt = left.schema().field(leftOn.get(i)).type(), rt = right.schema().field(rightOn.get(i)).type();
            if (!lt.equals(rt) || lt.kind() == DataType.Kind.FLOAT32 || lt.kind() == DataType.Kind.FLOAT64
                    || lt.kind() == DataType.Kind.FLOAT16) return null;
        }
        return of(right, left, rightOn, leftOn, other);
    }

    /** Per output column of this join, the output column of {@code swapped} (this join's {@link #swapped}) holding it. */
    public List<String> columnsIn(JoinNode swapped) {
        java.util.Map<String, String> nameOf = new java.util.HashMap<>(); // "L:"/"R:" + input in this join's terms -> name there
        for (Output o : swapped.outputs()) nameOf.put((o.fromLeft() ? "R:" : "L:") + o.input(), o.name());
        List<String> out = new ArrayList<>(outputs.size());
        for (Output o : outputs) {
            String from = nameOf.get((o.fromLeft() ? "L:" : "R:") + o.input());
            // An INNER join's left key: the swapped join outputs the matching right key, which holds the same value.
            if (from == null) from = nameOf.get("R:" + rightOn.get(leftOn.indexOf(o.input())));
            out.add(from);
        }
        return out;
    }

    @Override public List<LogicalPlan> inputs() { return List.of(left, right); }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        return of(inputs.get(0), inputs.get(1), leftOn, rightOn, how);
    }

    @Override
    public String describe() {
        if (how == Kind.CROSS) return "CROSS JOIN";
        return how.toString().replace('_', ' ') + " JOIN " + (leftOn.equals(rightOn) ? "on " + leftOn : "left on " + leftOn + ", right on " + rightOn)
                + " (build: right)";
    }
}
