package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One schema for many files: identical schemas as they are; with schema evolution, the union of
 * the columns by name (first-seen order; absent columns read as null) and integer/float types
 * widened (INT8 &lt; INT16 &lt; INT32 &lt; INT64, FLOAT32 &lt; FLOAT64, integers to FLOAT64).
 */
public final class DatasetSchema {
    private DatasetSchema() {}

    /** The files do not share a schema; the public reader reports it as its SchemaMismatchException. */
    public static final class Mismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    public static List<Field> unify(List<Path> files, List<Schema> schemas, boolean evolution) {
        Map<String, Field> fields = new LinkedHashMap<>();
        Map<String, Integer> firstFile = new LinkedHashMap<>();
        for (Field f : schemas.get(0).fields()) {
            fields.putIfAbsent(f.name(), f);
            firstFile.putIfAbsent(f.name(), 0);
        }
        for (int i = 1; i < schemas.size(); i++) {
            Schema s = schemas.get(i);
            for (Field f : s.fields()) {
                Field have = fields.get(f.name());
                if (have == null) {
                    if (!evolution) {
                        throw new Mismatch("column " + f.name() + " is in " + files.get(i) + " but not in " + files.get(0)
                                + " (withSchemaEvolution(true) reads missing columns as nulls)");
                    }
                    fields.put(f.name(), f);
                    firstFile.put(f.name(), i);
                } else if (!have.type().equals(f.type())) {
                    DataType wide = evolution ? widen(have.type(), f.type()) : null;
                    if (wide == null) {
                        throw new Mismatch("column " + f.name() + " is " + have.type() + " in " + files.get(firstFile.get(f.name()))
                                + " but " + f.type() + " in " + files.get(i)
                                + (evolution ? " (no common type)" : " (withSchemaEvolution(true) widens compatible types)"));
                    }
                    fields.put(f.name(), new Field(f.name(), wide, true));
                }
            }
            if (!evolution) {
                for (String name : fields.keySet()) {
                    if (s.indexOf(name) < 0) {
                        throw new Mismatch("column " + name + " of " + files.get(0) + " is missing in " + files.get(i)
                                + " (withSchemaEvolution(true) reads missing columns as nulls)");
                    }
                }
            }
        }
        return new ArrayList<>(fields.values());
    }

    /** The narrowest type both values fit in, or null. */
    static DataType widen(DataType a, DataType b) {
        if (a.equals(b)) return a;
        int ra = intRank(a), rb = intRank(b);
        if (ra > 0 && rb > 0) return ra > rb ? a : b;
        boolean fa = isFloat(a), fb = isFloat(b);
        if ((fa || ra > 0) && (fb || rb > 0)) {
            return a.kind() == DataType.Kind.FLOAT32 && b.kind() == DataType.Kind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
        }
        return null;
    }

    private static int intRank(DataType t) {
        return switch (t.kind()) {
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32 -> 3;
            case INT64 -> 4;
            default -> 0;
        };
    }

    private static boolean isFloat(DataType t) {
        return t.kind() == DataType.Kind.FLOAT32 || t.kind() == DataType.Kind.FLOAT64;
    }

    /** {@code c} as a column of {@code target} (null: all nulls) with {@code rows} rows. */
    public static Column conform(Column c, String name, DataType target, int rows) {
        if (c == null) return new NullColumn(name, target, rows);
        if (c.type().equals(target) || c instanceof NullColumn) {
            return c.type().equals(target) ? c : new NullColumn(name, target, rows);
        }
        boolean[] nulls = null;
        if (c.nullCount() > 0) {
            nulls = new boolean[rows];
            for (int i = 0; i < rows; i++) nulls[i] = c.isNull(i);
        }
        switch (target.kind()) {
            case INT16, INT32 -> {
                if (c instanceof IntColumn ic) return new IntColumn(name, target, ic.rawValues(), rows, nulls);
            }
            case INT64 -> {
                if (c instanceof IntColumn ic) {
                    long[] v = new long[rows];
                    int[] a = ic.rawValues();
                    for (int i = 0; i < rows; i++) v[i] = a[i];
                    return new LongColumn(name, v, rows, nulls);
                }
            }
            case FLOAT64 -> {
                double[] v = new double[rows];
                switch (c) {
                    case IntColumn ic -> { int[] a = ic.rawValues(); for (int i = 0; i < rows; i++) v[i] = a[i]; }
                    case LongColumn lc -> { long[] a = lc.rawValues(); for (int i = 0; i < rows; i++) v[i] = a[i]; }
                    case FloatColumn fc -> { float[] a = fc.rawValues(); for (int i = 0; i < rows; i++) v[i] = a[i]; }
                    default -> throw cannotCast(c, target);
                }
                return new DoubleColumn(name, v, rows, nulls);
            }
            default -> { }
        }
        throw cannotCast(c, target);
    }

    private static IllegalStateException cannotCast(Column c, DataType target) {
        return new IllegalStateException("cannot widen column " + c.name() + " from " + c.type() + " to " + target);
    }
}
