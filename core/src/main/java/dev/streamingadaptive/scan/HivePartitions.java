package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hive-style partitions: {@code key=value} folders between a dataset's root and its files become
 * columns. Values are URL-decoded; {@code __HIVE_DEFAULT_PARTITION__} is null. Types are inferred
 * across all files like DuckDB does: BIGINT when every value is an integer, DATE when every value
 * is an ISO date, else VARCHAR.
 */
public final class HivePartitions {
    private HivePartitions() {}

    static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    /** The partition values of {@code file} below {@code root}, in folder order (empty when none). */
    public static Map<String, String> of(Path root, Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        Path rel;
        try {
            rel = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return out;
        }
        Path dirs = rel.getParent();
        if (dirs == null) return out;
        for (Path part : dirs) {
            String s = part.toString();
            int eq = s.indexOf('=');
            if (eq <= 0) continue;
            String key = decode(s.substring(0, eq));
            String value = decode(s.substring(eq + 1));
            out.put(key, value.equals(DEFAULT_PARTITION) ? null : value);
        }
        return out;
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 ? s : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The type of a partition column from all its (non-null) values. */
    public static DataType inferType(List<String> values) {
        boolean integers = true;
        boolean dates = true;
        boolean any = false;
        for (String v : values) {
            if (v == null) continue;
            any = true;
            if (integers && !isLong(v)) integers = false;
            if (dates && !isDate(v)) dates = false;
        }
        if (!any) return DataType.STRING;
        return integers ? DataType.INT64 : dates ? DataType.DATE : DataType.STRING;
    }

    private static boolean isLong(String v) {
        if (v.isEmpty() || v.length() > 20) return false;
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDate(String v) {
        if (v.length() != 10) return false;
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The types a caller may give partition columns (see {@link ParallelStreamReader#withHivePartitionTypes}). */
    public static boolean supported(DataType type) {
        return switch (type.kind()) {
            case INT32, INT64, FLOAT64, BOOLEAN, DATE, STRING -> true;
            default -> false;
        };
    }

    /**
     * A column of {@code rows} copies of one partition value.
     *
     * @throws IllegalArgumentException when the value does not parse as {@code type}
     */
    public static Column constant(String name, DataType type, String value, int rows) {
        if (value == null) return new NullColumn(name, type, rows);
        try {
            switch (type.kind()) {
                case INT64 -> {
                    long[] v = new long[rows];
                    Arrays.fill(v, Long.parseLong(value));
                    return new LongColumn(name, v, rows, null);
                }
                case INT32 -> {
                    int[] v = new int[rows];
                    Arrays.fill(v, Integer.parseInt(value));
                    return new IntColumn(name, DataType.INT32, v, rows, null);
                }
                case FLOAT64 -> {
                    double[] v = new double[rows];
                    Arrays.fill(v, Double.parseDouble(value));
                    return new DoubleColumn(name, v, rows, null);
                }
                case BOOLEAN -> {
                    boolean b = switch (value.toLowerCase(java.util.Locale.ROOT)) {
                        case "true" -> true;
                        case "false" -> false;
                        default -> throw new IllegalArgumentException("not a boolean");
                    };
                    boolean[] v = new boolean[rows];
                    Arrays.fill(v, b);
                    return new BooleanColumn(name, v, rows, null);
                }
                case DATE -> {
                    int[] v = new int[rows];
                    Arrays.fill(v, (int) LocalDate.parse(value).toEpochDay());
                    return new IntColumn(name, DataType.DATE, v, rows, null);
                }
                default -> {
                    // One dictionary entry and zero indices: cheap however many rows.
                    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                    BinaryColumn dict = new BinaryColumn(name, DataType.STRING, new int[] {0, bytes.length}, bytes, 1, null);
                    return new DictionaryColumn(name, dict, new int[rows], rows, null);
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("partition value " + name + "=" + value + " is not a " + type, e);
        }
    }
}
