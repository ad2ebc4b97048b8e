package dev.streamingadaptive.sql;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.lazy.LazyFrame;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A LazyFrame with the SQL names of its columns: each binding maps a qualifier (a table name or
 * alias; null for none) and a SQL name to the frame's column. Frame column names are unique; SQL
 * names need not be (two joined tables may both have {@code n_name}), which is what qualifiers
 * resolve.
 */
record Relation(LazyFrame frame, List<Binding> bindings) {

    /** A SQL-visible column: {@code qualifier.name} is frame column {@code column}. */
    record Binding(String qualifier, String name, String column) {
        boolean matches(String q, String n, boolean exactName) {
            if (q != null && (qualifier == null || !qualifier.equalsIgnoreCase(q))) return false;
            return exactName ? name.equals(n) : name.equalsIgnoreCase(n);
        }
    }

    Relation {
        bindings = List.copyOf(bindings);
    }

    /** A table: every column visible under its own name, qualified by {@code qualifier}. */
    static Relation of(LazyFrame frame, String qualifier) {
        List<Binding> b = new ArrayList<>();
        for (String c : frame.schema().names()) b.add(new Binding(qualifier, c, c));
        return new Relation(frame, b);
    }

    /** The same columns under a new qualifier (a FROM subquery's alias). */
    Relation requalified(String qualifier) {
        List<Binding> b = new ArrayList<>();
        for (Binding x : bindings) b.add(new Binding(qualifier, x.name, x.column));
        return new Relation(frame, b);
    }

    Relation withFrame(LazyFrame f) {
        return new Relation(f, bindings);
    }

    Relation withBinding(Binding extra) {
        List<Binding> b = new ArrayList<>(bindings);
        b.add(extra);
        return new Relation(frame, b);
    }

    /**
     * The frame column of a SQL column reference; null when no binding matches.
     *
     * @throws SqlException when the name matches columns of two tables
     */
    String resolve(String qualifier, String name, boolean quoted) {
        String found = find(qualifier, name, true);
        if (found == null && !quoted) found = find(qualifier, name, false);
        return found;
    }

    private String find(String qualifier, String name, boolean exact) {
        String found = null;
        for (Binding b : bindings) {
            if (!b.matches(qualifier, name, exact)) continue;
            if (found != null && !found.equals(b.column)) {
                throw new SqlException("column reference '" + (qualifier == null ? "" : qualifier + ".") + name
                        + "' is ambiguous: it matches columns of more than one table; qualify it with a table name or alias");
            }
            found = b.column;
        }
        return found;
    }

    /** Whether a binding has this qualifier. */
    boolean hasQualifier(String qualifier) {
        for (Binding b : bindings) if (b.qualifier != null && b.qualifier.equalsIgnoreCase(qualifier)) return true;
        return false;
    }

    /** Frame column names in use. */
    Set<String> columns() {
        return new HashSet<>(frame.schema().names());
    }

    /**
     * This relation with its frame columns renamed where they collide with {@code taken}, so it can be
     * joined to a relation using those names.
     */
    Relation avoiding(Set<String> taken) {
        List<String> names = frame.schema().names();
        Set<String> used = new HashSet<>(taken);
        used.addAll(names);
        List<Expr> select = new ArrayList<>();
        java.util.Map<String, String> renamed = new java.util.HashMap<>();
        boolean any = false;
        for (String c : names) {
            String to = c;
            if (taken.contains(c)) {
                int i = 2;
                while (used.contains(c + "_" + i)) i++;
                to = c + "_" + i;
                used.add(to);
                any = true;
            }
            renamed.put(c, to);
            select.add(to.equals(c) ? Expr.col(c) : Expr.col(c).alias(to));
        }
        if (!any) return this;
        List<Binding> b = new ArrayList<>();
        for (Binding x : bindings) b.add(new Binding(x.qualifier, x.name, renamed.get(x.column)));
        return new Relation(frame.select(select.toArray(Expr[]::new)), b);
    }
}
