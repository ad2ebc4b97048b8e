package dev.streamingadaptive.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DuckDB side of the value-by-value comparison: reads a Parquet file with DuckDB (in-memory,
 * UTC, one thread so row order is the file order) and renders every row as the {@code --format
 * jsonl} contract line (see DESIGN.md and {@link #jsonString}).
 *
 * <p>How values travel: DuckDB's result type of each column is parsed into a {@link DType} tree,
 * and the SELECT list is rewritten so that everything awkward over JDBC arrives as exact
 * primitives: timestamps and times as epoch integers ({@code epoch_us}/{@code epoch_ns}), intervals
 * as a struct of months/days/micros, maps as {@code map_entries} lists (file order, duplicates
 * kept). What DuckDB's type does not say (the Parquet time unit, UTC adjustment of legacy
 * converted types, INT96) is taken from {@code parquet_schema(file)}.
 */
public final class DuckDbOracle implements AutoCloseable {

    /** DuckDB itself cannot produce an exact expectation (its error, or a known limitation). */
    public static final class OracleException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public OracleException(String message, Throwable cause) { super(message, cause); }
    }

    /** The expected result of one file. */
    public record Expected(List<String> columnNames, List<String> duckTypes, List<String> lines) {}

    private final Connection conn;

    public DuckDbOracle() {
        try {
            conn = DriverManager.getConnection("jdbc:duckdb:");
            execute("SET TimeZone='UTC'");
            execute("SET threads=1");
            execute("SET preserve_insertion_order=true");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB", e);
        }
    }

    public Connection connection() { return conn; }

    public void execute(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        try { conn.close(); } catch (SQLException ignored) { }
    }

    /** SQL string literal. */
    public static String lit(String s) { return "'" + s.replace("'", "''") + "'"; }

    /** SQL quoted identifier. */
    public static String ident(String s) { return '"' + s.replace("\"", "\"\"") + '"'; }

    /** {@code SELECT count(*) FROM read_parquet(file)}. */
    public long count(Path file) {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet(" + lit(file.toString()) + ")")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new OracleException("DuckDB cannot count " + file + ": " + e.getMessage(), e);
        }
    }

    /** Expected JSON lines of every row of the file, in file order. */
    public Expected expected(Path file) {
        return expected(file, null);
    }

    /** Expected JSON lines of the given columns only (null = all), in file order. */
    public Expected expected(Path file, List<String> onlyColumns) {
        String src = "read_parquet(" + lit(file.toString()) + ")";
        if (onlyColumns != null) {
            StringBuilder sub = new StringBuilder("(SELECT ");
            for (int i = 0; i < onlyColumns.size(); i++) sub.append(i > 0 ? ", " : "").append(ident(onlyColumns.get(i)));
            src = sub.append(" FROM ").append(src).append(")").toString();
        }
        try {
            // 1. DuckDB's own result types.
            List<String> names = new ArrayList<>();
            List<String> typeNames = new ArrayList<>();
            try (Statement s = conn.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM " + src + " LIMIT 0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    names.add(md.getColumnName(i));
                    typeNames.add(md.getColumnTypeName(i));
                }
            }
            // 2. Parquet-level facts (time units, UTC adjustment, INT96).
            List<PNode> top = parquetTopLevel(file);
            if (onlyColumns != null) {
                List<PNode> picked = new ArrayList<>();
                for (String c : onlyColumns) picked.add(findByName(top, c));
                top = picked;
            }
            List<DType> types = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                DType t = DType.parse(typeNames.get(i));
                PNode p = i < top.size() && top.get(i) != null && top.get(i).name.equals(names.get(i)) ? top.get(i) : findByName(top, names.get(i));
                resolveTemporal(t, p, names.get(i), file);
                types.add(t);
            }
            // 3. Rewritten select list, row by row.
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) sql.append(", ");
                sql.append(rewrite(ident(names.get(i)), types.get(i), 0)).append(" AS c").append(i);
            }
            sql.append(" FROM ").append(src);
            List<String> lines = new ArrayList<>();
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    sb.setLength(0);
                    sb.append('{');
                    for (int i = 0; i < names.size(); i++) {
                        if (i > 0) sb.append(',');
                        jsonString(sb, names.get(i));
                        sb.append(':');
                        format(sb, rs.getObject(i + 1), types.get(i));
                    }
                    sb.append('}');
                    lines.add(sb.toString());
                }
            }
            return new Expected(names, typeNames, lines);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof OracleException oe) throw oe;
            throw new OracleException("DuckDB cannot read " + file + ": " + e, e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // DuckDB types

    /** A parsed DuckDB type. For temporal leaves, {@link #digits} and {@link #utc} come from Parquet. */
    static final class DType {
        final String base;            // upper-case base name: INTEGER, STRUCT, LIST, MAP, DECIMAL, TIMESTAMP WITH TIME ZONE ...
        final List<String> fieldNames = new ArrayList<>();
        final List<DType> children = new ArrayList<>();   // LIST: [elem]; MAP: [key, value]; STRUCT: fields
        int scale;                    // DECIMAL
        int digits = -1;              // TIME/TIMESTAMP fraction digits (3, 6, 9)
        boolean utc;                  // TIMESTAMP: print Z

        DType(String base) { this.base = base; }

        boolean isTimestamp() { return base.startsWith("TIMESTAMP"); }
        boolean isTime() { return base.startsWith("TIME") && !isTimestamp(); }

        /** True when the value needs an SQL rewrite somewhere inside. */
        boolean needsRewrite() {
            if (isTimestamp() || isTime() || base.equals("INTERVAL") || base.equals("MAP")) return true;
            for (DType c : children) if (c.needsRewrite()) return true;
            return false;
        }

        static DType parse(String s) {
            int[] pos = {0};
            DType t = parseType(s, pos);
            skipWs(s, pos);
            if (pos[0] != s.length()) throw new IllegalArgumentException("cannot parse DuckDB type " + s + " at " + pos[0]);
            return t;
        }

        private static void skipWs(String s, int[] p) { while (p[0] < s.length() && s.charAt(p[0]) == ' ') p[0]++; }

        private static DType parseType(String s, int[] p) {
            skipWs(s, p);
            int start = p[0];
            while (p[0] < s.length() && "(),[]".indexOf(s.charAt(p[0])) < 0) p[0]++;
            String name = s.substring(start, p[0]).trim().toUpperCase(java.util.Locale.ROOT);
            DType t = new DType(name);
            if (p[0] < s.length() && s.charAt(p[0]) == '(') {
                p[0]++;
                switch (name) {
                    case "STRUCT" -> {
                        while (true) {
                            skipWs(s, p);
                            t.fieldNames.add(parseIdent(s, p));
                            t.children.add(parseType(s, p));
                            skipWs(s, p);
                            char c = s.charAt(p[0]++);
                            if (c == ')') break;
                            if (c != ',') throw new IllegalArgumentException("bad STRUCT in " + s);
                        }
                    }
                    case "MAP" -> {
                        t.children.add(parseType(s, p));
                        expect(s, p, ',');
                        t.children.add(parseType(s, p));
                        expect(s, p, ')');
                    }
                    case "DECIMAL" -> {
                        int close = s.indexOf(')', p[0]);
                        String[] ps = s.substring(p[0], close).split(",");
                        t.scale = Integer.parseInt(ps[1].trim());
                        p[0] = close + 1;
                    }
                    default -> {   // ENUM('a','b'), UNION(...) etc.: skip balanced parentheses
                        int depth = 1;
                        boolean q = false;
                        while (depth > 0) {
                            char c = s.charAt(p[0]++);
                            if (c == '\'') q = !q;
                            else if (!q && c == '(') depth++;
                            else if (!q && c == ')') depth--;
                        }
                    }
                }
            }
            while (p[0] < s.length() && s.charAt(p[0]) == '[') {
                int close = s.indexOf(']', p[0]);
                DType list = new DType("LIST");
                list.children.add(t);
                t = list;
                p[0] = close + 1;
            }
            return t;
        }

        private static void expect(String s, int[] p, char c) {
            skipWs(s, p);
            if (s.charAt(p[0]) != c) throw new IllegalArgumentException("expected " + c + " in " + s + " at " + p[0]);
            p[0]++;
        }

        private static String parseIdent(String s, int[] p) {
            skipWs(s, p);
            if (s.charAt(p[0]) == '"') {
                StringBuilder sb = new StringBuilder();
                p[0]++;
                while (true) {
                    char c = s.charAt(p[0]++);
                    if (c == '"') {
                        if (p[0] < s.length() && s.charAt(p[0]) == '"') { sb.append('"'); p[0]++; }
                        else break;
                    } else sb.append(c);
                }
                return sb.toString();
            }
            int start = p[0];
            while (s.charAt(p[0]) != ' ') p[0]++;
            return s.substring(start, p[0]);
        }
    }

    /** SQL expression that delivers {@code e} (of type t) in the shape {@link #format} expects. */
    private static String rewrite(String e, DType t, int depth) {
        if (!t.needsRewrite()) return e;
        String x = "x" + depth;
        switch (t.base) {
            case "TIMESTAMP_NS", "TIME_NS":
                return "epoch_ns(" + e + ")";
            case "TIME WITH TIME ZONE":
                return "epoch_us(CAST(" + e + " AS TIME))";
            case "INTERVAL":
                return "CASE WHEN " + e + " IS NULL THEN NULL ELSE struct_pack(months := datepart('year', " + e + ") * 12 + datepart('month', " + e
                        + "), days := datepart('day', " + e + "), micros := datepart('hour', " + e + ") * 3600000000 + datepart('minute', " + e
                        + ") * 60000000 + datepart('microseconds', " + e + ")) END";
            case "LIST":
                return "list_transform(" + e + ", " + x + " -> " + rewrite(x, t.children.get(0), depth + 1) + ")";
            case "MAP":
                return "list_transform(map_entries(" + e + "), " + x + " -> struct_pack(key := "
                        + rewrite("struct_extract(" + x + ", 'key')", t.children.get(0), depth + 1) + ", value := "
                        + rewrite("struct_extract(" + x + ", 'value')", t.children.get(1), depth + 1) + "))";
            case "STRUCT": {
                StringBuilder sb = new StringBuilder("CASE WHEN " + e + " IS NULL THEN NULL ELSE struct_pack(");
                for (int i = 0; i < t.children.size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(ident(t.fieldNames.get(i))).append(" := ")
                            .append(rewrite("struct_extract(" + e + ", " + lit(t.fieldNames.get(i)) + ")", t.children.get(i), depth + 1));
                }
                return sb.append(") END").toString();
            }
            default:
                if (t.isTimestamp() || t.isTime()) return "epoch_us(" + e + ")";
                throw new IllegalStateException("no rewrite for " + t.base);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Parquet schema facts

    /** One node of parquet_schema(file). */
    static final class PNode {
        String name, type, convertedType, logicalType;
        final List<PNode> children = new ArrayList<>();
    }

    private List<PNode> parquetTopLevel(Path file) throws SQLException {
        List<PNode> flat = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT name, type, num_children, converted_type, logical_type FROM parquet_schema(?)")) {
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PNode n = new PNode();
                    n.name = rs.getString(1);
                    n.type = rs.getString(2);
                    long nc = rs.getLong(3);
                    counts.add(rs.wasNull() ? 0 : (int) nc);
                    n.convertedType = rs.getString(4);
                    n.logicalType = rs.getString(5);
                    flat.add(n);
                }
            }
        }
        int[] pos = {0};
        PNode root = build(flat, counts, pos);
        return root.children;
    }

    private static PNode build(List<PNode> flat, List<Integer> counts, int[] pos) {
        int i = pos[0]++;
        PNode n = flat.get(i);
        for (int c = 0; c < counts.get(i); c++) n.children.add(build(flat, counts, pos));
        return n;
    }

    private static PNode findByName(List<PNode> top, String name) {
        for (PNode p : top) if (p.name.equals(name)) return p;
        return null;
    }

    private record Temporal(boolean time, int digits, boolean utc) {}

    private static final Pattern ADJ = Pattern.compile("isAdjustedToUTC=(\\d)");

    /** Time/timestamp facts of a Parquet leaf, or null if it is not temporal. */
    private static Temporal temporal(PNode n) {
        if ("INT96".equals(n.type)) return new Temporal(false, 6, false);
        String lt = n.logicalType;
        if (lt != null && (lt.startsWith("TimestampType") || lt.startsWith("TimeType"))) {
            Matcher m = ADJ.matcher(lt);
            boolean utc = m.find() && m.group(1).equals("1");
            int digits = lt.contains("MILLIS=MilliSeconds") ? 3 : lt.contains("NANOS=NanoSeconds") ? 9 : 6;
            return new Temporal(lt.startsWith("TimeType"), digits, utc);
        }
        String ct = n.convertedType;
        if (ct == null) return null;
        // Legacy converted types are UTC-adjusted by definition (LogicalTypes.md, backward compatibility).
        return switch (ct) {
            case "TIMESTAMP_MILLIS" -> new Temporal(false, 3, true);
            case "TIMESTAMP_MICROS" -> new Temporal(false, 6, true);
            case "TIME_MILLIS" -> new Temporal(true, 3, true);
            case "TIME_MICROS" -> new Temporal(true, 6, true);
            default -> null;
        };
    }

    private static void collectTemporal(PNode n, List<PNode> out) {
        if (n.children.isEmpty()) {
            if (temporal(n) != null) out.add(n);
        } else {
            for (PNode c : n.children) collectTemporal(c, out);
        }
    }

    /** Fills digits/utc of every temporal leaf of t from the Parquet schema of the column. */
    private static void resolveTemporal(DType t, PNode column, String leafName, Path file) {
        if (t.isTime() || t.isTimestamp()) {
            List<PNode> cands = new ArrayList<>();
            if (column != null) collectTemporal(column, cands);
            cands.removeIf(n -> temporal(n).time() != t.isTime());
            Set<Temporal> distinct = new LinkedHashSet<>();
            for (PNode n : cands) distinct.add(temporal(n));
            if (distinct.size() > 1) {
                distinct.clear();
                for (PNode n : cands) if (n.name.equals(leafName)) distinct.add(temporal(n));
            }
            if (distinct.size() != 1) {
                throw new OracleException("oracle cannot resolve the Parquet time unit of " + leafName + " in " + file
                        + " (candidates " + distinct + ")", null);
            }
            Temporal tp = distinct.iterator().next();
            t.digits = tp.digits();
            t.utc = !tp.time() && tp.utc();
            if (t.digits == 9 && !t.base.endsWith("_NS")) {
                throw new OracleException("DuckDB reads nanosecond column " + leafName + " of " + file + " as " + t.base
                        + " (microseconds): no exact oracle", null);
            }
            return;
        }
        for (int i = 0; i < t.children.size(); i++) {
            String name = t.base.equals("STRUCT") ? t.fieldNames.get(i) : leafName;
            resolveTemporal(t.children.get(i), column, name, file);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Formatting

    static void format(StringBuilder sb, Object v, DType t) throws SQLException {
        if (v == null) { sb.append("null"); return; }
        if (t.isTimestamp()) { timestamp(sb, ((Number) v).longValue(), t); return; }
        if (t.isTime()) { time(sb, ((Number) v).longValue(), t); return; }
        switch (t.base) {
            case "BOOLEAN" -> sb.append(((Boolean) v).booleanValue());
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT" -> {
                if (!(v instanceof Number)) throw new IllegalStateException("expected a number for " + t.base + ": " + v.getClass());
                sb.append(v instanceof BigInteger bi ? bi.toString() : Long.toString(((Number) v).longValue()));
            }
            case "FLOAT" -> {
                float f = ((Number) v).floatValue();
                if (Float.isFinite(f)) sb.append(Float.toString(f)); else jsonString(sb, Float.toString(f));
            }
            case "DOUBLE" -> {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) sb.append(Double.toString(d)); else jsonString(sb, Double.toString(d));
            }
            case "DECIMAL" -> {
                BigDecimal bd = (BigDecimal) v;
                jsonString(sb, bd.setScale(t.scale).toPlainString());
            }
            case "VARCHAR", "JSON" -> jsonString(sb, v.toString());
            case "BLOB" -> jsonString(sb, Base64.getEncoder().encodeToString(bytes(v)));
            case "UUID" -> jsonString(sb, ((UUID) v).toString());
            case "DATE" -> jsonString(sb, date((LocalDate) v));
            case "\"NULL\"", "NULL" -> sb.append("null");
            case "INTERVAL" -> {
                Object[] a = ((Struct) v).getAttributes();
                long micros = ((Number) a[2]).longValue();
                if (micros % 1000 != 0) throw new IllegalStateException("interval with sub-millisecond part: " + micros);
                sb.append("{\"months\":").append(((Number) a[0]).longValue())
                        .append(",\"days\":").append(((Number) a[1]).longValue())
                        .append(",\"millis\":").append(micros / 1000).append('}');
            }
            case "LIST", "MAP" -> {
                // MAP arrives as list of struct(key, value) (see rewrite).
                Object[] arr = (Object[]) ((java.sql.Array) v).getArray();
                sb.append('[');
                for (int i = 0; i < arr.length; i++) {
                    if (i > 0) sb.append(',');
                    if (t.base.equals("MAP")) {
                        Object[] kv = ((Struct) arr[i]).getAttributes();
                        sb.append("{\"key\":");
                        format(sb, kv[0], t.children.get(0));
                        sb.append(",\"value\":");
                        format(sb, kv[1], t.children.get(1));
                        sb.append('}');
                    } else {
                        format(sb, arr[i], t.children.get(0));
                    }
                }
                sb.append(']');
            }
            case "STRUCT" -> {
                Object[] a = ((Struct) v).getAttributes();
                sb.append('{');
                for (int i = 0; i < t.children.size(); i++) {
                    if (i > 0) sb.append(',');
                    jsonString(sb, t.fieldNames.get(i));
                    sb.append(':');
                    format(sb, a[i], t.children.get(i));
                }
                sb.append('}');
            }
            default -> {
                if (t.base.startsWith("ENUM")) { jsonString(sb, v.toString()); return; }
                throw new IllegalStateException("oracle does not know DuckDB type " + t.base + " (value class " + v.getClass() + ")");
            }
        }
    }

    private static byte[] bytes(Object v) throws SQLException {
        if (v instanceof byte[] b) return b;
        if (v instanceof Blob b) return b.getBytes(1, (int) b.length());
        if (v instanceof ByteBuffer bb) {
            ByteBuffer d = bb.duplicate();
            byte[] out = new byte[d.remaining()];
            d.get(out);
            return out;
        }
        throw new IllegalStateException("unexpected BLOB value " + v.getClass());
    }

    /** DATE text: ISO for years 0000-9999, LocalDate.toString() (signed) outside. */
    public static String date(LocalDate d) { return d.toString(); }

    /** Timestamp text for an epoch value in the DuckDB unit (ns for TIMESTAMP_NS, else µs), printed with t.digits digits. */
    static void timestamp(StringBuilder sb, long v, DType t) {
        long perSecond = t.base.equals("TIMESTAMP_NS") ? 1_000_000_000L : 1_000_000L;
        long sec = Math.floorDiv(v, perSecond);
        long nanos = Math.floorMod(v, perSecond) * (1_000_000_000L / perSecond);
        sb.append('"').append(timestampText(sec, nanos, t.digits, t.utc)).append('"');
    }

    /** The contract's timestamp text for epoch seconds + nano-of-second. */
    public static String timestampText(long epochSecond, long nanoOfSecond, int digits, boolean utc) {
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder();
        sb.append(date(ldt.toLocalDate())).append('T');
        two(sb, ldt.getHour()).append(':');
        two(sb, ldt.getMinute()).append(':');
        two(sb, ldt.getSecond());
        fraction(sb, nanoOfSecond, digits);
        if (utc) sb.append('Z');
        return sb.toString();
    }

    static void time(StringBuilder sb, long v, DType t) {
        long nanosOfDay = t.base.equals("TIME_NS") ? v : v * 1_000L;
        LocalTime lt = LocalTime.ofNanoOfDay(nanosOfDay);
        sb.append('"');
        two(sb, lt.getHour()).append(':');
        two(sb, lt.getMinute()).append(':');
        two(sb, lt.getSecond());
        fraction(sb, lt.getNano(), t.digits);
        sb.append('"');
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        return sb.append(v);
    }

    private static void fraction(StringBuilder sb, long nanos, int digits) {
        String n = String.format("%09d", nanos);
        if (digits < 9 && !n.substring(digits).chars().allMatch(c -> c == '0')) {
            throw new IllegalStateException("value has more precision (" + n + ") than the Parquet unit (" + digits + " digits)");
        }
        sb.append('.').append(n, 0, digits);
    }

    /** JSON string per contract: escape " \ and controls < 0x20 (\n \r \t \b \f, else \\u00xx lower-case hex). */
    public static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
